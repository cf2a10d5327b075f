/**
 * Flow 5, after the visit: the observer posts observations (facts seen and heard for the focus,
 * plus questions for the colleague); the observed teacher may post a reflection. One document
 * per visit with a deterministic id. The form carries the version it was opened with (none for a
 * new text); a text saved in between with other words is a conflict the writer resolves, and the
 * same submit twice saves once (src/app/save-text.ts).
 */
import type { DateTime } from 'luxon';
import type { Observation, Reflection, Visit } from '../../domain/entities';
import { checkText, MAX_OBSERVATION_CHARS, MAX_QUESTIONS_CHARS, MAX_REFLECTION_CHARS } from '../../domain/limits';
import type { Store, Stored } from '../../store/store';
import { saveText, type SaveOutcome } from '../save-text';
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

/** What a submit did (created, replaced, unchanged: the note; conflict: the stored text), with the visit. */
export type PostedText<T> = SaveOutcome<T> & { readonly visit: Stored<Visit> };

export async function postObservation(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
  text: ObservationText,
  version?: string,
  via: TextChannel = 'chat',
): Promise<PostedText<Observation>> {
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
  const saved = await saveText<'observation'>(store, doc, version, {
    sameText: (a, b) => a.facts === b.facts && a.questions === b.questions,
  });
  if (saved.kind === 'conflict') return { ...saved, visit };
  const { note } = saved;
  if (saved.kind !== 'unchanged') await recordCoachTally(store, note, visit, pair.programmeId, now);
  const advanced = await advanceVisitIfIn(
    store,
    schoolId,
    visit.id,
    userId,
    'confirmed',
    { kind: 'postObservation' },
    now,
  );
  return { ...saved, visit: advanced };
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
): Promise<PostedText<Reflection>> {
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
  const saved = await saveText<'reflection'>(store, doc, version, { sameText: (a, b) => a.text === b.text });
  return { ...saved, visit };
}
