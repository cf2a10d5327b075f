/**
 * Flow 5, after the visit: the observer posts observations (facts seen and heard for the focus,
 * plus questions for the colleague); the observed teacher may post a reflection. One document
 * per visit with a deterministic id, created if absent: the same submit twice stores one. An
 * edit carries the document's version; a stale one is refused.
 */
import type { DateTime } from 'luxon';
import type { Observation, Reflection, Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { checkText, MAX_OBSERVATION_CHARS, MAX_QUESTIONS_CHARS, MAX_REFLECTION_CHARS } from '../../domain/limits';
import { isStoreError, type DocOf, type Store, type Stored } from '../../store/store';
import { recordCoachTally } from './coach-tally';
import { advanceVisitIfIn } from '../visits/change-visit';
import { loadVisitFor } from '../visits/pair-context';
import { unwrap } from '../visits/plan-visit';
import { requireTextChannel, type TextChannel } from '../../domain/texts-in-tab';

export const observationIdFor = (visitId: string): string => `observation-${visitId}`;
export const reflectionIdFor = (visitId: string): string => `reflection-${visitId}`;

export interface ObservationText {
  readonly facts: string;
  readonly questions: string;
}

/** Validate the texts (limits, required facts) before anything is checked or stored. */
export function checkObservationText(facts: unknown, questions: unknown): ObservationText {
  return {
    facts: unwrap(checkText('facts', facts, MAX_OBSERVATION_CHARS, true)),
    questions: unwrap(checkText('questions', questions, MAX_QUESTIONS_CHARS, false)),
  };
}

/** The visit, if the visit rules let `userId` write this text now (observer / observed, after the visit, before the debrief is recorded). */
function requireAfterVisit(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  role: 'observer' | 'observed',
  now: DateTime,
) {
  return loadVisitFor(store, schoolId, visitId, userId, role === 'observer' ? 'observe' : 'reflect', now);
}

/** Create-if-absent, or replace when `version` (an edit) is given. */
async function saveNote<K extends 'observation' | 'reflection'>(
  store: Store,
  doc: DocOf<K>,
  version: string | undefined,
): Promise<{ note: Stored<DocOf<K>>; created: boolean }> {
  if (version) {
    const current = await store.read(doc.schoolId, doc.type as K, doc.id);
    if (!current) throw new DomainError('NOT_FOUND');
    if (current.version !== version) throw new DomainError('STALE_VERSION');
    try {
      return { note: await store.replace({ ...doc, version } as Stored<DocOf<K>>), created: false };
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) throw new DomainError('STALE_VERSION');
      throw error;
    }
  }
  try {
    return { note: await store.create(doc), created: true };
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    const existing = await store.read(doc.schoolId, doc.type as K, doc.id);
    if (!existing) throw new DomainError('STALE_VERSION');
    return { note: existing, created: false };
  }
}

export async function postObservation(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
  text: ObservationText,
  version?: string,
  via: TextChannel = 'chat',
): Promise<{ observation: Stored<Observation>; visit: Stored<Visit>; created: boolean }> {
  const { visit, pair, programme } = await requireAfterVisit(store, schoolId, visitId, userId, 'observer', now);
  requireTextChannel(programme, via);
  const doc: Observation = {
    type: 'observation',
    id: observationIdFor(visit.id),
    schoolId,
    pairId: pair.id,
    personIds: [visit.observerId, visit.observedId], // the two of the visit (domain/visit-rules.ts)
    visitId: visit.id,
    authorId: userId,
    facts: text.facts,
    questions: text.questions,
    postedAt: now.toUTC().toISO()!,
  };
  const { note, created } = await saveNote<'observation'>(store, doc, version);
  if (created || version) await recordCoachTally(store, note, visit, pair.programmeId, now);
  const advanced = await advanceVisitIfIn(
    store,
    schoolId,
    visit.id,
    userId,
    'confirmed',
    { kind: 'postObservation' },
    now,
  );
  return { observation: note, visit: advanced, created };
}

export function checkReflectionText(text: unknown): string {
  return unwrap(checkText('reflection', text, MAX_REFLECTION_CHARS, true));
}

export async function postReflection(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
  text: string,
  version?: string,
  via: TextChannel = 'chat',
): Promise<{ reflection: Stored<Reflection>; visit: Stored<Visit>; created: boolean }> {
  const { visit, pair, programme } = await requireAfterVisit(store, schoolId, visitId, userId, 'observed', now);
  requireTextChannel(programme, via);
  const doc: Reflection = {
    type: 'reflection',
    id: reflectionIdFor(visit.id),
    schoolId,
    pairId: pair.id,
    personIds: [visit.observerId, visit.observedId], // the two of the visit (domain/visit-rules.ts)
    visitId: visit.id,
    authorId: userId,
    text,
    postedAt: now.toUTC().toISO()!,
  };
  const { note, created } = await saveNote<'reflection'>(store, doc, version);
  return { reflection: note, visit, created };
}
