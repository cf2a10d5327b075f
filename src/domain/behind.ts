/**
 * Behind-rules (flow 8, issue 4 point 1): what a pair is behind on at `now`, who can act on it
 * and which card resolves it. Pure: the clock comes in as `now`. Days are calendar days in the
 * school's time zone, so the 23- and 25-hour days of the DST changes count as one day each.
 * A verdict holds when at least the programme's threshold of days has passed.
 */
import { DateTime } from 'luxon';
import { calendarDaysBetween, localDate } from './calendar';
import { instantMillis, startOfDay } from './instant';
import type { Cycle, NudgeKind, Pair, PairNeed, Programme, Visit } from './entities';
import { isStepWaitingForSchool, needStepFor, nudgeClockStart } from './pair-needs';
import { currentStep, isParticipant, openVisitOf, type CycleStep } from './visit-rules';

/** The card verbs that resolve a verdict; the Teams layer maps each to its card. */
export type ResolvingVerb =
  | 'visit.plan'
  | 'visit.confirm'
  | 'status.show'
  | 'observation.open'
  | 'debrief.propose'
  | 'debrief.pick'
  | 'debrief.record';

/** The card for each step a pair can be on (`status.show` when there is nothing to do but wait). */
export const STEP_VERBS: Readonly<Record<Exclude<CycleStep, 'complete' | 'closed'>, ResolvingVerb>> = {
  planVisit: 'visit.plan',
  confirmVisit: 'visit.confirm',
  awaitVisit: 'status.show',
  postObservation: 'observation.open',
  proposeDebrief: 'debrief.propose',
  pickDebrief: 'debrief.pick',
  recordDebrief: 'debrief.record',
};

export interface BehindInput {
  readonly programme: Programme;
  readonly pair: Pair;
  /** The pair's current cycle; undefined before the first cycle exists. */
  readonly cycle: Cycle | undefined;
  /** The pair's visits (of any cycle; only the current cycle's are used). */
  readonly visits: readonly Visit[];
  readonly now: DateTime;
  /** The school's IANA time zone, e.g. Europe/Amsterdam. */
  readonly timezone: string;
  /**
   * What the pair asked the school for (issue 15; other pairs' needs are ignored): a step with an
   * open need waits for the school, and an arranged need restarts that step's clock.
   */
  readonly needs?: readonly PairNeed[];
}

export interface BehindVerdict {
  readonly kind: NudgeKind;
  /** Who can act on it, in pair member order. */
  readonly recipientIds: readonly string[];
  /** The card that resolves it. */
  readonly verb: ResolvingVerb;
  /** The visit concerned, when there is one. */
  readonly visitId?: string;
  /** ISO date (school zone) the count starts from; for visitsMissingNearEnd the programme end. */
  readonly since: string;
  /** Calendar days since `since`; for visitsMissingNearEnd the days left until the end. */
  readonly days: number;
}

// Instants as milliseconds since 1970: the rules compare them and count calendar days between
// them, for every pair of every school in a job run, and a luxon moment each cost more than the rule.
const instant = instantMillis;

const latest = (moments: readonly (number | undefined)[]): number | undefined =>
  moments.reduce<number | undefined>(
    (best, m) => (m !== undefined && (best === undefined || m > best) ? m : best),
    undefined,
  );

/**
 * What the pair is behind on, most specific first and `visitsMissingNearEnd` last. Nothing for a
 * snoozed or closed pair, a complete or closed cycle, an archived programme, or outside the
 * programme period; nothing for a step that waits for the school (see `assessBehind`).
 */
export function findBehind(input: BehindInput): BehindVerdict[] {
  return assessBehind(input).behind;
}

export interface BehindAssessment {
  /** What the pair is behind on: what it is nudged for. */
  readonly behind: BehindVerdict[];
  /**
   * What it would be behind on, but the step waits for the school (an open need of that step;
   * for `visitsMissingNearEnd`, of the step the pair is on; an open need from the near-end warning
   * holds back every step): no nudge, and the digest says "waiting for the school", not "behind".
   */
  readonly waiting: BehindVerdict[];
  /** The pair has an open need for the step it is on (whether or not a threshold passed). */
  readonly waitingForSchool: boolean;
}

const NOTHING: BehindAssessment = { behind: [], waiting: [], waitingForSchool: false };

export function assessBehind(input: BehindInput): BehindAssessment {
  const { programme, pair, cycle, visits, now, timezone } = input;
  if (pair.status !== 'active' || programme.status !== 'active') return NOTHING;
  if (cycle && cycle.status !== 'active') return NOTHING;
  const nowMs = now.toMillis();
  const snoozedUntil = instant(pair.snoozedUntil);
  if (snoozedUntil !== undefined && snoozedUntil > nowMs) return NOTHING;
  const today = localDate(now, timezone);
  if (today < programme.startDate || today > programme.endDate) return NOTHING;

  const members = [...pair.memberIds];
  const verdicts: BehindVerdict[] = [];
  const waiting: BehindVerdict[] = [];
  const needs = (input.needs ?? []).filter((n) => n.pairId === pair.id);
  // A need from the near-end warning is about every visit still to do: it holds back every step.
  const nearEndWaits = isStepWaitingForSchool(needs, pair.id, 'visitsMissingNearEnd');
  const threshold = programme.thresholds;
  const daysSince = (from: number) => calendarDaysBetween(from, nowMs, timezone);
  const verdict = (
    kind: NudgeKind,
    defaultFrom: number,
    limit: number,
    recipientIds: readonly string[],
    verb: ResolvingVerb,
    visitId?: string,
  ) => {
    const from = needs.length > 0 ? nudgeClockStart(needs, pair.id, kind, defaultFrom) : defaultFrom;
    const days = daysSince(from);
    if (days >= limit)
      (nearEndWaits || isStepWaitingForSchool(needs, pair.id, kind) ? waiting : verdicts).push({
        kind,
        recipientIds,
        verb,
        ...(visitId ? { visitId } : {}),
        since: localDate(from, timezone),
        days,
      });
  };

  const pairVisits = visits.filter((v) => v.pairId === pair.id && (!cycle || v.cycleId === cycle.id));
  const open = openVisitOf(pairVisits, pair.id, cycle?.id);
  const participants = (v: Visit) => members.filter((id) => isParticipant(v, id));

  // Nothing planned (or only a proposal whose moment has passed unconfirmed): count from pairing,
  // the programme start, the cycle's last step or the last debrief, whichever is latest.
  const planBase = latest([
    instant(pair.createdAt),
    startOfDay(programme.startDate, timezone).toMillis(),
    instant(cycle?.startedAt),
    instant(cycle?.lastStepAt),
    ...pairVisits.filter((v) => v.state === 'debriefed').map((v) => instant(v.debriefedAt)),
  ]);
  const expiredProposal = open?.state === 'proposed' && (instant(open.startsAt) ?? nowMs) < nowMs;
  if ((!open || expiredProposal) && planBase !== undefined) {
    verdict('noVisitPlanned', planBase, threshold.noVisitPlannedDays, members, 'visit.plan', open?.id);
  }

  if (open) {
    const startsAt = instant(open.startsAt);
    const observedAt = instant(open.observedAt) ?? instant(open.updatedAt);
    switch (open.state) {
      case 'confirmed':
        if (startsAt !== undefined && startsAt <= nowMs)
          verdict(
            'noObservation',
            startsAt,
            threshold.noObservationDays,
            [open.observerId],
            'observation.open',
            open.id,
          );
        break;
      case 'observed':
        if (observedAt !== undefined)
          verdict(
            'noDebriefScheduled',
            observedAt,
            threshold.noDebriefScheduledDays,
            participants(open),
            'debrief.propose',
            open.id,
          );
        break;
      case 'debriefProposed': {
        // The partner who did not propose can pick, unless every proposed moment has passed.
        const stillOpen = open.debriefMoments.some((m) => (instant(m) ?? nowMs) > nowMs);
        const pickers = participants(open).filter((id) => id !== open.proposedBy);
        if (observedAt !== undefined) {
          if (stillOpen && pickers.length > 0)
            verdict(
              'noDebriefScheduled',
              observedAt,
              threshold.noDebriefScheduledDays,
              pickers,
              'debrief.pick',
              open.id,
            );
          else
            verdict(
              'noDebriefScheduled',
              observedAt,
              threshold.noDebriefScheduledDays,
              participants(open),
              'debrief.propose',
              open.id,
            );
        }
        break;
      }
      case 'debriefScheduled': {
        const debriefAt = instant(open.debriefAt);
        if (debriefAt !== undefined && debriefAt <= nowMs)
          verdict(
            'noDebriefRecorded',
            debriefAt,
            threshold.noDebriefRecordedDays,
            participants(open),
            'debrief.record',
            open.id,
          );
        break;
      }
      default:
        break;
    }
  }

  const agreed = cycle?.visitsAgreed ?? programme.visitsPerCycle;
  const done = cycle?.visitsCompleted ?? 0;
  const end = startOfDay(programme.endDate, timezone);
  const daysLeft = calendarDaysBetween(now, end, timezone);
  const step = cycle ? currentStep(cycle, open, now) : 'planVisit';
  const stepNeed = needStepFor(step);
  const stepWaits = stepNeed !== undefined && isStepWaitingForSchool(needs, pair.id, stepNeed);
  if (done < agreed && end.isValid && daysLeft <= threshold.endApproachingDays) {
    const verb = step === 'complete' || step === 'closed' ? 'status.show' : STEP_VERBS[step];
    const nearEnd: BehindVerdict = {
      kind: 'visitsMissingNearEnd',
      recipientIds: members,
      verb,
      ...(open ? { visitId: open.id } : {}),
      since: programme.endDate,
      days: daysLeft,
    };
    (stepWaits || nearEndWaits ? waiting : verdicts).push(nearEnd);
  }
  return { behind: verdicts, waiting, waitingForSchool: stepWaits || nearEndWaits || waiting.length > 0 };
}
