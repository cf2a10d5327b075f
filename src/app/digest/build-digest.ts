/**
 * The weekly completion digest of one programme (flow 9), computed purely from states and
 * dates: visits done versus agreed, debriefs held, pairs on track / behind (with their step) /
 * unreachable, and the change since last week. It never reads observation, reflection or
 * debrief documents, nor a visit's focus, lesson or goals: completion only. A pair whose step
 * waits for what it asked the school (issue 15) counts as "waiting for the school", not behind;
 * the school's counts of those requests are aggregates only (src/domain/pair-needs.ts), and no
 * pair's note is ever given to it (LeaderNeed has no such field).
 */
import { isAnonymous } from '../../domain/anonymous';
import type { DateTime } from 'luxon';
import { assessBehind } from '../../domain/behind';
import { currentCycle } from '../../domain/cycle';
import type { Cycle, DigestCounts, Pair, Programme, Visit } from '../../domain/entities';
import { needCounts, type NeedCounts, type NeedPeriod } from '../../domain/pair-needs';
import type { LeaderNeed } from '../needs/open-needs';
import { remembered } from '../../domain/remembered';
import {
  currentStep,
  isDebriefHeld,
  isVisitDone,
  openVisitOf,
  pairProgress,
  type CycleStep,
  type PairProgress,
} from '../../domain/visit-rules';

export interface DigestPair {
  readonly pairId: string;
  readonly memberIds: readonly string[];
  readonly step: CycleStep;
  readonly progress: PairProgress;
  /** Members Tweetal cannot reach (app removed, bot blocked, never installed). */
  readonly unreachableIds: readonly string[];
}

export interface DigestReport {
  readonly programmeId: string;
  readonly counts: DigestCounts;
  /** Change since last week's snapshot; undefined when there is none. */
  readonly change: Partial<DigestCounts> | undefined;
  readonly behind: readonly DigestPair[];
  readonly unreachable: readonly DigestPair[];
  /** What pairs asked the school for: in the past week and in the whole programme (aggregates only). */
  readonly needs: { readonly week: NeedCounts; readonly programme: NeedCounts; readonly any: boolean };
}

export interface DigestInput {
  readonly programme: Programme;
  /** The school's pairs, cycles and visits (others' programmes are ignored). */
  readonly pairs: readonly Pair[];
  readonly cycles: readonly Cycle[];
  readonly visits: readonly Visit[];
  /** Is this person reachable? (false or unknown counts as unreachable) */
  readonly reachable: (userId: string) => boolean;
  /** Last week's counts (a snapshot from before a count existed lacks it). */
  readonly previous: Partial<DigestCounts> | undefined;
  readonly now: DateTime;
  readonly timezone: string;
  /** What the school's pairs asked the school for (others' programmes are ignored). */
  readonly needs?: readonly LeaderNeed[];
}

/** The week the digest's counts of requests cover: the seven days up to `now`. */
export function needsWeek(now: DateTime): NeedPeriod {
  return weekBefore(now);
}

/** Remembered for the last moment only: a digest run asks it for every programme of every school with one `now`. */
const weekBefore = remembered(
  (now: DateTime) => String(now.toMillis()),
  (now: DateTime): NeedPeriod =>
    Object.freeze({ from: now.toUTC().minus({ days: 7 }).toISO()!, to: now.toUTC().toISO()! }),
  1,
);

export function buildDigest(input: DigestInput): DigestReport {
  const { programme, now, timezone } = input;
  const pairs = input.pairs
    .filter((p) => p.programmeId === programme.id && p.status === 'active')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  let visitsDone = 0;
  let visitsAgreed = 0;
  let debriefsHeld = 0;
  let onTrack = 0;
  let complete = 0;
  let notStarted = 0;
  let waiting = 0;
  const needs = (input.needs ?? []).filter((n) => n.programmeId === programme.id);
  const behind: DigestPair[] = [];
  const unreachable: DigestPair[] = [];
  for (const pair of pairs) {
    const cycle = currentCycle(input.cycles.filter((c) => c.pairId === pair.id && c.programmeId === programme.id));
    const visits = input.visits.filter((v) => v.pairId === pair.id && (!cycle || v.cycleId === cycle.id));
    visitsAgreed += cycle?.visitsAgreed ?? programme.visitsPerCycle;
    visitsDone += visits.filter(isVisitDone).length;
    debriefsHeld += visits.filter(isDebriefHeld).length;
    const open = openVisitOf(visits, pair.id, cycle?.id);
    const step: CycleStep = cycle ? currentStep(cycle, open, now) : 'planVisit';
    const pairNeeds = needs.filter((n) => n.pairId === pair.id);
    const assessed = assessBehind({ programme, pair, cycle, visits, now, timezone, needs: pairNeeds });
    const progress = pairProgress(cycle, visits, assessed.behind.length > 0, assessed.waitingForSchool);
    // A complete pair needs no message, so it is never listed as unreachable.
    const unreachableIds =
      progress === 'complete' ? [] : pair.memberIds.filter((id) => !isAnonymous(id) && !input.reachable(id));
    const entry: DigestPair = { pairId: pair.id, memberIds: pair.memberIds, step, progress, unreachableIds };
    if (unreachableIds.length > 0) unreachable.push(entry);
    else if (progress === 'behind') behind.push(entry);
    else if (progress === 'complete') complete++;
    else if (progress === 'notStarted') notStarted++;
    else if (progress === 'waitingForSchool') waiting++;
    else onTrack++;
  }
  const counts: DigestCounts = {
    visitsDone,
    visitsAgreed,
    debriefsHeld,
    pairsOnTrack: onTrack,
    pairsBehind: behind.length,
    pairsUnreachable: unreachable.length,
    pairsComplete: complete,
    pairsNotStarted: notStarted,
    pairsWaitingForSchool: waiting,
  };
  const activePairs = new Set(pairs.map((p) => p.id));
  const counted = needs.filter((n) => n.status !== 'open' || activePairs.has(n.pairId));
  return {
    programmeId: programme.id,
    counts,
    change: input.previous ? difference(counts, input.previous) : undefined,
    behind,
    unreachable,
    needs: {
      week: needCounts(counted, needsWeek(now)),
      programme: needCounts(counted, { from: '', to: needsWeek(now).to }),
      any: counted.length > 0,
    },
  };
}

/** The change per count; a count last week's snapshot did not have yet has no change. */
function difference(now: DigestCounts, before: Partial<DigestCounts>): Partial<DigestCounts> {
  const change: Partial<Record<keyof DigestCounts, number>> = {};
  for (const key of Object.keys(now) as (keyof DigestCounts)[]) {
    const previous = before[key];
    if (typeof previous === 'number') change[key] = now[key] - previous;
  }
  return change;
}
