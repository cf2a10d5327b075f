/**
 * The cycle state machine (flows 4–6 of DESIGN.md): a visit goes
 * proposed → confirmed → observed → debriefProposed → debriefScheduled → debriefed,
 * and a cycle is complete after `visitsAgreed` debriefed visits. Every transition checks who
 * acts and when; a refused one returns a typed error and changes nothing.
 */
import type { DateTime } from 'luxon';
import type { Cycle, Visit, VisitState } from './entities';
import { fail, ok, type Result } from './errors';
import { CANCELLABLE_STATES, isParticipant, visitAction, type VisitOwnAction } from './visit-rules';

export type VisitEvent =
  | { kind: 'counterPropose'; startsAt: DateTime }
  | { kind: 'confirm' }
  | { kind: 'postObservation' }
  | { kind: 'proposeDebrief'; moments: readonly DateTime[] }
  | { kind: 'pickDebrief'; moment: DateTime }
  | { kind: 'recordDebrief' }
  | { kind: 'cancel' };

/** Which event may leave which state. */
export const ALLOWED_TRANSITIONS: Readonly<
  Record<VisitEvent['kind'], { from: readonly VisitState[]; to: VisitState }>
> = {
  counterPropose: { from: ['proposed', 'confirmed'], to: 'proposed' },
  confirm: { from: ['proposed'], to: 'confirmed' },
  postObservation: { from: ['confirmed'], to: 'observed' },
  proposeDebrief: { from: ['observed', 'debriefProposed'], to: 'debriefProposed' },
  pickDebrief: { from: ['debriefProposed'], to: 'debriefScheduled' },
  recordDebrief: { from: ['debriefScheduled'], to: 'debriefed' },
  cancel: { from: CANCELLABLE_STATES, to: 'cancelled' },
};

/** The rule (visit-rules.ts) that says who may send each event, and when. */
const EVENT_ACTIONS: Readonly<Record<VisitEvent['kind'], VisitOwnAction>> = {
  counterPropose: 'counter',
  confirm: 'confirm',
  postObservation: 'observe',
  proposeDebrief: 'proposeDebrief',
  pickDebrief: 'pickDebrief',
  recordDebrief: 'recordDebrief',
  cancel: 'cancel',
};

export const MAX_DEBRIEF_MOMENTS = 3;

/** Apply an event to a visit, acted by `actorId` at `now`. */
export function applyVisitEvent(visit: Visit, event: VisitEvent, actorId: string, now: DateTime): Result<Visit> {
  // Membership first: someone outside the visit learns nothing about its state.
  if (!isParticipant(visit, actorId)) return fail('NOT_A_PAIR_MEMBER');
  const rule = ALLOWED_TRANSITIONS[event.kind];
  if (!rule.from.includes(visit.state)) {
    return fail('INVALID_TRANSITION', { from: visit.state, event: event.kind });
  }
  const allowed = visitAction(visit, EVENT_ACTIONS[event.kind], actorId, now);
  if (!allowed.allowed) return fail(allowed.reason, { from: visit.state, event: event.kind });
  const at = now.toUTC().toISO()!;
  const base = { ...visit, updatedAt: at };
  switch (event.kind) {
    case 'counterPropose': {
      if (!event.startsAt.isValid) return fail('DATE_INVALID');
      if (event.startsAt <= now) return fail('DATE_IN_PAST');
      return ok({ ...base, state: 'proposed', startsAt: event.startsAt.toUTC().toISO()!, proposedBy: actorId });
    }
    case 'confirm':
      return ok({ ...base, state: 'confirmed' });
    case 'postObservation':
      return ok({ ...base, state: 'observed', observedAt: at });
    case 'proposeDebrief': {
      if (event.moments.length < 1 || event.moments.length > MAX_DEBRIEF_MOMENTS) {
        return fail('INVALID_INPUT', { field: 'moments', max: MAX_DEBRIEF_MOMENTS });
      }
      if (event.moments.some((m) => !m.isValid)) return fail('DATE_INVALID');
      if (event.moments.some((m) => m <= now)) return fail('DATE_IN_PAST');
      const moments = [...new Set(event.moments.map((m) => m.toUTC().toISO()!))].sort();
      return ok({ ...base, state: 'debriefProposed', debriefMoments: moments, proposedBy: actorId });
    }
    case 'pickDebrief': {
      if (!event.moment.isValid) return fail('DATE_INVALID');
      const picked = event.moment.toUTC().toISO()!;
      if (!visit.debriefMoments.includes(picked)) return fail('INVALID_INPUT', { field: 'moment' });
      if (event.moment <= now) return fail('DATE_IN_PAST');
      return ok({ ...base, state: 'debriefScheduled', debriefAt: picked });
    }
    case 'recordDebrief':
      return ok({ ...base, state: 'debriefed', debriefedAt: at });
    case 'cancel':
      return ok({ ...base, state: 'cancelled' });
  }
}

/** The cycle after a visit was debriefed: one more visit done, complete when the agreement is met. */
export function completeVisit(cycle: Cycle, now: DateTime): Result<Cycle> {
  if (cycle.status !== 'active') return fail('CYCLE_CLOSED');
  const at = now.toUTC().toISO()!;
  const visitsCompleted = cycle.visitsCompleted + 1;
  const complete = visitsCompleted >= cycle.visitsAgreed;
  return ok({
    ...cycle,
    visitsCompleted,
    lastStepAt: at,
    status: complete ? 'complete' : 'active',
    ...(complete ? { completedAt: at } : {}),
  });
}

/** Close an open cycle (partner switch); its history stays. */
export function closeCycle(cycle: Cycle, now: DateTime): Result<Cycle> {
  if (cycle.status !== 'active') return fail('CYCLE_CLOSED');
  return ok({ ...cycle, status: 'closed', closedAt: now.toUTC().toISO()! });
}

/**
 * The cycle a pair works in, among that pair's cycles: the active one, otherwise the most
 * recently started (ties broken by id, so every reader picks the same one).
 */
export function currentCycle<C extends Cycle>(cycles: readonly C[]): C | undefined {
  const byStart = [...cycles].sort((a, b) =>
    a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? -1 : 1,
  );
  return byStart.find((c) => c.status === 'active') ?? byStart[0];
}

/**
 * Visits a group agrees to in one cycle. The programme's number is for a pair, where 2 means
 * "each partner observed once"; a trio needs proportionally more so that everyone is observed
 * as often (2 per pair → 3 for a trio).
 */
export function visitsAgreedFor(visitsPerCycle: number, memberCount: number): number {
  return Math.max(1, Math.ceil((visitsPerCycle * Math.max(2, memberCount)) / 2));
}
