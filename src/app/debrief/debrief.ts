/**
 * Flow 6, debrief (nagesprek): one partner proposes up to three moments, the other picks one;
 * afterwards the pair records agreements and a next step. Recording completes the visit in the
 * cycle (crash-safe: the cycle's count follows the number of debriefed visits), after which the
 * roles swap for the next visit, until the agreed number of visits is done.
 */
import { DateTime } from 'luxon';
import { completeVisit, MAX_DEBRIEF_MOMENTS } from '../../domain/cycle';
import type { Cycle, DebriefNote, School, Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { checkText, MAX_AGREEMENTS_CHARS, MAX_NEXT_STEP_CHARS } from '../../domain/limits';
import { isParticipant } from '../../domain/visit-rules';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import { writersOf } from '../../domain/texts';
import { saveText } from '../save-text';
import { debriefNoteIdFor } from '../observations/read-notes';
import { advanceVisitIfIn, changeVisit } from '../visits/change-visit';
import { parseLocalMoment } from '../visits/moment';
import { loadVisitForMember, requireAction, visitsOfCycle, type VisitContext } from '../visits/pair-context';
import { unwrap } from '../visits/plan-visit';
import { requireTextChannel, type TextChannel } from '../../domain/texts-in-tab';

export interface MomentInput {
  readonly date: unknown;
  readonly time: unknown;
}

/** Parse the filled-in moments (empty rows are skipped); at least one, at most three, after the visit. */
export function parseDebriefMoments(
  inputs: readonly MomentInput[],
  zone: string,
  visitStartsAt: string,
  now: DateTime,
): DateTime[] {
  const filled = inputs.filter(
    (m) => (m.date !== undefined && m.date !== '') || (m.time !== undefined && m.time !== ''),
  );
  if (filled.length === 0) throw new DomainError('FIELD_REQUIRED', { field: 'moment1' });
  if (filled.length > MAX_DEBRIEF_MOMENTS) throw new DomainError('INVALID_INPUT', { field: 'moments' });
  const start = DateTime.fromISO(visitStartsAt);
  return filled.map((m) => {
    const moment = unwrap(parseLocalMoment(m.date, m.time, zone));
    if (moment <= now) throw new DomainError('DATE_IN_PAST');
    if (moment < start) throw new DomainError('DEBRIEF_BEFORE_VISIT');
    return moment;
  });
}

export async function proposeDebrief(
  store: Store,
  school: Pick<School, 'schoolId' | 'timezone'>,
  visitId: string,
  userId: string,
  revision: number,
  now: DateTime,
  inputs: readonly MomentInput[],
): Promise<VisitContext> {
  const { visit } = await loadVisitForMember(store, school.schoolId, visitId, userId);
  const moments = parseDebriefMoments(inputs, school.timezone, visit.startsAt, now);
  return changeVisit(store, school.schoolId, visitId, userId, revision, now, { kind: 'proposeDebrief', moments });
}

export async function pickDebrief(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  revision: number,
  now: DateTime,
  moment: string,
): Promise<VisitContext> {
  const picked = DateTime.fromISO(moment, { zone: 'utc' });
  if (!picked.isValid) throw new DomainError('DATE_INVALID');
  return changeVisit(store, schoolId, visitId, userId, revision, now, { kind: 'pickDebrief', moment: picked });
}

export interface DebriefText {
  readonly agreements: string;
  readonly nextStep: string;
}

export function checkDebriefText(agreements: unknown, nextStep: unknown): DebriefText {
  return {
    agreements: unwrap(checkText('agreements', agreements, MAX_AGREEMENTS_CHARS, true)),
    nextStep: unwrap(checkText('nextStep', nextStep, MAX_NEXT_STEP_CHARS, true)),
  };
}

export type RecordedDebrief = VisitContext &
  (
    | {
        readonly kind: 'created' | 'replaced' | 'unchanged';
        readonly note: Stored<DebriefNote>;
        /** The cycle after this debrief (complete when the agreed number of visits is done). */
        readonly cycle: Stored<Cycle> | undefined;
        /** True when this request completed the cycle. */
        readonly completedCycle: boolean;
      }
    /** The partner (or this person in another window) saved other words first: nothing written. */
    | { readonly kind: 'conflict'; readonly theirs: Stored<DebriefNote> }
  );

/**
 * Record the agreements and next step. `version` is the one the form was opened with (none when
 * no agreements existed then): words saved in between are never overwritten without the writer
 * seeing them (a conflict), and the same submit twice saves once (src/app/save-text.ts).
 */
export async function recordDebrief(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
  text: DebriefText,
  via: TextChannel = 'chat',
  version?: string,
): Promise<RecordedDebrief> {
  const context = await loadVisitForMember(store, schoolId, visitId, userId);
  const { visit, pair } = context;
  requireTextChannel(context.programme, via);
  // A recorded debrief may be submitted again (a retry, or resolving a conflict); anything else
  // follows the visit rules (not before the picked moment, only the two people of the visit).
  if (visit.state !== 'debriefed' || !isParticipant(visit, userId))
    requireAction(context, 'recordDebrief', userId, now);
  const doc: DebriefNote = {
    type: 'debriefNote',
    id: debriefNoteIdFor(visit.id),
    schoolId,
    pairId: pair.id,
    personIds: [visit.observerId, visit.observedId], // the two of the visit (domain/visit-rules.ts)
    visitId: visit.id,
    authorId: userId,
    writerIds: [userId],
    agreements: text.agreements,
    nextStep: text.nextStep,
    recordedAt: now.toUTC().toISO()!,
  };
  const saved = await saveText<'debriefNote'>(store, doc, version, {
    sameText: (a, b) => a.agreements === b.agreements && a.nextStep === b.nextStep,
    keep: (stored) => ({ recordedAt: stored.recordedAt, writerIds: [...new Set([...writersOf(stored), userId])] }),
  });
  if (saved.kind === 'conflict') return { ...context, ...saved };
  const advanced = await advanceVisitIfIn(
    store,
    schoolId,
    visit.id,
    userId,
    'debriefScheduled',
    { kind: 'recordDebrief' },
    now,
  );
  const { cycle, completedCycle } = await syncCycle(store, schoolId, visit, now);
  return { ...context, ...saved, visit: advanced, cycle, completedCycle };
}

/** Bring the cycle's count up to the number of debriefed visits (idempotent, retried on conflict). */
async function syncCycle(
  store: Store,
  schoolId: string,
  visit: Visit,
  now: DateTime,
): Promise<{ cycle: Stored<Cycle> | undefined; completedCycle: boolean }> {
  const debriefed = (await visitsOfCycle(store, schoolId, visit.pairId, visit.cycleId)).filter(
    (v) => v.state === 'debriefed',
  ).length; // the visits completed in the cycle: recorded debriefs (the count the state machine keeps)
  let completedCycle = false;
  const cycle = await readModifyWrite(store, schoolId, 'cycle', visit.cycleId, (current) => {
    completedCycle = false;
    if (!current || current.status !== 'active' || current.visitsCompleted >= debriefed) return undefined;
    const next = unwrap(completeVisit(current, now));
    completedCycle = next.status === 'complete';
    return next;
  });
  return { cycle, completedCycle };
}
