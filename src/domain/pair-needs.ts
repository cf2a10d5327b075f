/**
 * Wat een tweetal nodig heeft (issue 15): a pair says what stands in its way ("Er zit iets in de
 * weg"), the leader arranges it or says it can't be done. Pure rules: which need is open for a
 * pair and step, whether the step waits for the school (no "behind" nudges meanwhile), where the
 * nudge clock of a step starts (the arranged day restarts it), the school's counts (aggregates
 * only, shown from MIN_AGGREGATE_PAIRS pairs), and the checks of what a pair submits.
 *
 * The pair's note (`pairNote`) is never read here except to check its length: nothing computed
 * for leaders, digests or counts carries it.
 */
import { isAggregateShown } from './anonymous';
import type { NeedCategory, NeedDeclineReason, NudgeKind, PairNeed } from './entities';
import { DomainError } from './errors';
import { instantMillis } from './instant';
import { checkText } from './limits';
import type { CycleStep } from './visit-rules';

export const NEED_CATEGORIES: readonly NeedCategory[] = [
  'noFreeTime',
  'timetableClash',
  'workload',
  'coverNeeded',
  'other',
];
export const NEED_DECLINE_REASONS: readonly NeedDeclineReason[] = ['noCover', 'timetableFixed', 'budget', 'other'];
export const NEED_STEPS: readonly NudgeKind[] = [
  'noVisitPlanned',
  'noObservation',
  'noDebriefScheduled',
  'noDebriefRecorded',
  'visitsMissingNearEnd',
];

/** The pair's own note: a few sentences, kept with the pair. */
export const MAX_PAIR_NOTE_CHARS = 500;
/** The leader's own optional line to the pair. */
export const MAX_LEADER_LINE_CHARS = 280;
/** "Needed by" further away than this is not a date anyone means. */
export const MAX_NEEDED_BY_DAYS = 366;

/** The deterministic id of the `n`-th need (1-based) of a pair for a step. */
export const needId = (pairId: string, step: NudgeKind, n: number): string => `need:${pairId}:${step}:${n}`;

/** The number `n` of a need id made by `needId` (0 for anything else). */
export function needNumber(id: string): number {
  const n = Number(/:(\d+)$/.exec(id)?.[1] ?? 0);
  return Number.isSafeInteger(n) ? n : 0;
}

/** The step of a cycle a need blocks: the kind of "behind" nudge it would otherwise get. */
export function needStepFor(step: CycleStep): NudgeKind | undefined {
  switch (step) {
    case 'planVisit':
    case 'confirmVisit':
      return 'noVisitPlanned';
    case 'awaitVisit':
    case 'postObservation':
      return 'noObservation';
    case 'proposeDebrief':
    case 'pickDebrief':
      return 'noDebriefScheduled';
    case 'recordDebrief':
      return 'noDebriefRecorded';
    default:
      return undefined;
  }
}

type NeedLike = Pick<PairNeed, 'id' | 'pairId' | 'step' | 'status'>;

/** The open need of the pair for the step, if any (the newest when data holds more than one). */
export function openNeedFor<N extends NeedLike>(needs: readonly N[], pairId: string, step: NudgeKind): N | undefined {
  return needs
    .filter((n) => n.pairId === pairId && n.step === step && n.status === 'open')
    .sort((a, b) => needNumber(b.id) - needNumber(a.id))[0];
}

/** While a need is open for the pair and step, the step waits for the school: no "behind" nudges. */
export const isStepWaitingForSchool = (needs: readonly NeedLike[], pairId: string, step: NudgeKind): boolean =>
  openNeedFor(needs, pairId, step) !== undefined;

/**
 * Where the nudge clock of the pair's step starts: `defaultStart`, or the moment the school
 * arranged a need of that step when that is later (the arranged day restarts the clock).
 * Instants as milliseconds since 1970, as the behind-rules keep them.
 */
export function nudgeClockStart(
  needs: readonly Pick<PairNeed, 'pairId' | 'step' | 'status' | 'answeredAt'>[],
  pairId: string,
  step: NudgeKind,
  defaultStart: number,
): number {
  let start = defaultStart;
  for (const need of needs) {
    if (need.pairId !== pairId || need.step !== step || need.status !== 'arranged') continue;
    const arranged = instantMillis(need.answeredAt);
    if (arranged !== undefined && arranged > start) start = arranged;
  }
  return start;
}

/** A span of time, ISO instants: `from` inclusive, `to` exclusive. */
export interface NeedPeriod {
  readonly from: string;
  readonly to: string;
}

/** The school's counts of needs (aggregates only): shown only when enough pairs stand behind them. */
export type NeedCounts =
  | {
      readonly shown: true;
      /** Requests made in the period. */
      readonly requested: number;
      /** Answered "arranged" in the period. */
      readonly arranged: number;
      /** Answered "can't be done" in the period. */
      readonly declined: number;
      /** Pairs with a need still open at the end of the period. */
      readonly waitingPairs: number;
    }
  | { readonly shown: false };

/**
 * The counts of `needs` (one programme's, say) in `period` (absent: all of them, open ones as of
 * now). Suppressed — `{ shown: false }`, no figure at all — when fewer than MIN_AGGREGATE_PAIRS
 * different pairs are counted, so that no count points at a person (src/domain/anonymous.ts).
 */
export function needCounts(
  needs: readonly Pick<PairNeed, 'pairId' | 'status' | 'requestedAt' | 'answeredAt'>[],
  period?: NeedPeriod,
): NeedCounts {
  const inPeriod = (iso: string | undefined) =>
    iso !== undefined && (!period || (iso >= period.from && iso < period.to));
  const answeredBy = (need: { status: string; answeredAt?: string }) =>
    need.status !== 'open' && need.answeredAt !== undefined && (!period || need.answeredAt < period.to);
  const pairs = new Set<string>();
  const waiting = new Set<string>();
  let requested = 0;
  let arranged = 0;
  let declined = 0;
  for (const need of needs) {
    let counted = false;
    if (inPeriod(need.requestedAt)) {
      requested++;
      counted = true;
    }
    if (need.status === 'arranged' && inPeriod(need.answeredAt)) {
      arranged++;
      counted = true;
    }
    if (need.status === 'declined' && inPeriod(need.answeredAt)) {
      declined++;
      counted = true;
    }
    const requestedBefore = !period || need.requestedAt < period.to;
    if (requestedBefore && !answeredBy(need)) {
      waiting.add(need.pairId);
      counted = true;
    }
    if (counted) pairs.add(need.pairId);
  }
  if (!isAggregateShown(pairs.size)) return { shown: false };
  return { shown: true, requested, arranged, declined, waitingPairs: waiting.size };
}

/** What a pair submits, checked. */
export interface NeedInput {
  readonly categories: readonly NeedCategory[];
  readonly neededBy?: string;
  readonly pairNote?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days from one ISO date to another on the UTC calendar (both valid yyyy-mm-dd). */
const daysFromTo = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Checks a submitted need (card data can be forged): at least one known category (each once, in
 * the fixed order); `neededBy` a real date, not before `today` (the school's local date), not
 * after the programme's end and not more than MAX_NEEDED_BY_DAYS ahead; the note a text of at most MAX_PAIR_NOTE_CHARS. Throws
 * DomainError (FIELD_REQUIRED, INVALID_INPUT, DATE_INVALID, DATE_IN_PAST, DATE_OUTSIDE_PROGRAMME,
 * TEXT_TOO_LONG).
 */
export function checkNeedInput(
  raw: { readonly categories: unknown; readonly neededBy?: unknown; readonly pairNote?: unknown },
  today: string,
  programme?: { readonly startDate: string; readonly endDate: string },
): NeedInput {
  const categories = readCategories(raw.categories);
  let neededBy: string | undefined;
  if (raw.neededBy !== undefined && raw.neededBy !== null && raw.neededBy !== '') {
    if (typeof raw.neededBy !== 'string') throw new DomainError('INVALID_INPUT', { field: 'neededBy' });
    const date = raw.neededBy.trim();
    const ms = Date.parse(date);
    if (!ISO_DATE.test(date) || !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
      throw new DomainError('DATE_INVALID', { field: 'neededBy' });
    if (date < today) throw new DomainError('DATE_IN_PAST', { field: 'neededBy' });
    if (programme && date > programme.endDate)
      throw new DomainError('DATE_OUTSIDE_PROGRAMME', { start: programme.startDate, end: programme.endDate });
    if (daysFromTo(today, date) > MAX_NEEDED_BY_DAYS)
      throw new DomainError('DATE_INVALID', { field: 'neededBy', max: MAX_NEEDED_BY_DAYS });
    neededBy = date;
  }
  const note = checkText('pairNote', raw.pairNote, MAX_PAIR_NOTE_CHARS, false);
  if (!note.ok) throw note.error;
  return { categories, ...(neededBy ? { neededBy } : {}), ...(note.value ? { pairNote: note.value } : {}) };
}

/**
 * The categories of a submission: an array of names, or the comma-separated text an
 * Input.ChoiceSet with isMultiSelect sends. Unknown names are forged data (INVALID_INPUT).
 */
function readCategories(value: unknown): NeedCategory[] {
  let names: unknown[];
  if (value === undefined || value === null || value === '') names = [];
  else if (typeof value === 'string')
    names = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  else if (Array.isArray(value)) names = value;
  else throw new DomainError('INVALID_INPUT', { field: 'categories' });
  if (names.length > NEED_CATEGORIES.length * 2) throw new DomainError('INVALID_INPUT', { field: 'categories' });
  for (const name of names)
    if (typeof name !== 'string' || !(NEED_CATEGORIES as readonly string[]).includes(name))
      throw new DomainError('INVALID_INPUT', { field: 'categories' });
  const chosen = NEED_CATEGORIES.filter((c) => names.includes(c));
  if (chosen.length === 0) throw new DomainError('FIELD_REQUIRED', { field: 'categories' });
  return chosen;
}

/** A decline reason from card data; anything else is forged (INVALID_INPUT), nothing is FIELD_REQUIRED. */
export function parseDeclineReason(value: unknown): NeedDeclineReason {
  if (value === undefined || value === null || value === '')
    throw new DomainError('FIELD_REQUIRED', { field: 'declineReason' });
  if (typeof value !== 'string' || !(NEED_DECLINE_REASONS as readonly string[]).includes(value))
    throw new DomainError('INVALID_INPUT', { field: 'declineReason' });
  return value as NeedDeclineReason;
}
