/**
 * Every visit rule in one place (issue 9): for a cycle, its visits, a viewer and `now`, the
 * step the pair is on, who has to act, and for each action whether the viewer may take it —
 * with the reason when not. Cards, commands, handlers, nudges, the digest and the tab derive
 * from this; the state machine (cycle.ts) asks it who may act when. Pure: time comes in as `now`.
 *
 * What a trio shares (drietal): the whole group shares the plan of each visit — who observes
 * whom, when, the lesson and the focus — because the three arrange their timetables together
 * and rotate (A→B, B→C, C→A), so any member may plan the next visit. What is written about a
 * visit (observations, reflection, debrief agreements) is shared only by the two people of that
 * visit, its observer and its observed teacher: the method's safety rests on the observed
 * teacher choosing whom they let into their lesson and how they want feedback, and the debrief
 * is a conversation between those two. The third member sees that the visit took place, never
 * what was written.
 */
import type { DateTime } from 'luxon';
import { instantOf } from './instant';
import type { Cycle, Visit, VisitState } from './entities';
import type { DomainErrorCode } from './errors';

/** The step a pair is on, for status cards, the tab and the digest. */
export type CycleStep =
  | 'planVisit'
  | 'confirmVisit'
  | 'awaitVisit'
  | 'postObservation'
  | 'proposeDebrief'
  | 'pickDebrief'
  | 'recordDebrief'
  | 'complete'
  | 'closed';

/** What a person can do about a cycle and one of its visits. */
export type VisitAction =
  | 'plan'
  | 'confirm'
  | 'counter'
  | 'cancel'
  | 'observe'
  | 'reflect'
  | 'proposeDebrief'
  | 'pickDebrief'
  | 'recordDebrief'
  | 'readNotes';

/** The actions about one existing visit (everything but planning a new one). */
export type VisitOwnAction = Exclude<VisitAction, 'plan'>;

export type RefusalReason = Extract<
  DomainErrorCode,
  | 'NOT_A_PAIR_MEMBER'
  | 'NOT_YOUR_TURN'
  | 'VISIT_NOT_YET'
  | 'DEBRIEF_NOT_YET'
  | 'DATE_IN_PAST'
  | 'INVALID_TRANSITION'
  | 'CYCLE_COMPLETE'
  | 'CYCLE_CLOSED'
  | 'NO_CYCLE'
>;

export type Availability = { readonly allowed: true } | { readonly allowed: false; readonly reason: RefusalReason };

/** Who has to act for the pair to move on, seen from the viewer. */
export type Actor = 'me' | 'partner' | 'either' | 'nobody';

const ALLOWED: Availability = { allowed: true };
const refuse = (reason: RefusalReason): Availability => ({ allowed: false, reason });

/** States in which a visit is open: planned, and its debrief not yet recorded. */
export const OPEN_STATES: readonly VisitState[] = [
  'proposed',
  'confirmed',
  'observed',
  'debriefProposed',
  'debriefScheduled',
];

/** A visit can be moved or cancelled until its observation is posted (it may not have taken place). */
export const CANCELLABLE_STATES: readonly VisitState[] = ['proposed', 'confirmed'];

/** States after the observation was posted: the visit took place. */
const DONE_STATES: readonly VisitState[] = ['observed', 'debriefProposed', 'debriefScheduled', 'debriefed'];

/** States in which the observation and the reflection may be written or edited (until the debrief is recorded). */
const WRITING_STATES: readonly VisitState[] = ['confirmed', 'observed', 'debriefProposed', 'debriefScheduled'];

const instant = instantOf;

/** The people of a visit: its observer and its observed teacher (in a trio, not the third member). */
export function isParticipant(visit: Pick<Visit, 'observerId' | 'observedId'>, userId: string): boolean {
  return userId === visit.observerId || userId === visit.observedId;
}

/** The visit's moment has come. */
export function hasStarted(visit: Pick<Visit, 'startsAt'>, now: DateTime): boolean {
  const start = instant(visit.startsAt);
  return start !== undefined && start <= now;
}

/** A visit is done when it took place: the observer has posted their observation. */
export function isVisitDone(visit: Pick<Visit, 'state'>): boolean {
  return DONE_STATES.includes(visit.state);
}

/** A visit is open while it is planned and its debrief is not recorded. */
export function isVisitOpen(visit: Pick<Visit, 'state'>): boolean {
  return OPEN_STATES.includes(visit.state);
}

/** A debrief is held when its agreements were recorded at or after the picked moment. */
export function isDebriefHeld(visit: Pick<Visit, 'state' | 'debriefAt' | 'debriefedAt'>): boolean {
  if (visit.state !== 'debriefed') return false;
  const picked = instant(visit.debriefAt);
  const recorded = instant(visit.debriefedAt);
  return picked === undefined || (recorded !== undefined && recorded >= picked);
}

/** The debrief's picked moment has come. */
function debriefStarted(visit: Pick<Visit, 'debriefAt'>, now: DateTime): boolean {
  const picked = instant(visit.debriefAt);
  return picked !== undefined && picked <= now;
}

/** The visit a cycle is working on: its open visit with the highest sequence. */
export function openVisitOf<V extends Visit>(
  visits: readonly V[],
  pairId: string,
  cycleId: string | undefined,
): V | undefined {
  return visits
    .filter((v) => v.pairId === pairId && (cycleId === undefined || v.cycleId === cycleId) && isVisitOpen(v))
    .sort(
      (a, b) =>
        b.sequence - a.sequence ||
        (a.startsAt < b.startsAt ? 1 : a.startsAt > b.startsAt ? -1 : 0) ||
        (a.id < b.id ? -1 : 1),
    )[0];
}

export function currentStep(cycle: Cycle, openVisit: Visit | undefined, now: DateTime): CycleStep {
  if (cycle.status === 'complete') return 'complete';
  if (cycle.status === 'closed') return 'closed';
  if (!openVisit || !isVisitOpen(openVisit)) return 'planVisit';
  switch (openVisit.state) {
    case 'proposed':
      return 'confirmVisit';
    case 'confirmed':
      return hasStarted(openVisit, now) ? 'postObservation' : 'awaitVisit';
    case 'observed':
      return 'proposeDebrief';
    case 'debriefProposed':
      return 'pickDebrief';
    default:
      return 'recordDebrief';
  }
}

/**
 * May `viewerId` take `action` on `visit` at `now`? The visit's group (pair or trio) is
 * `memberIds`; the cycle, when given, closes everything but reading once it is complete or closed.
 */
export function visitAction(
  visit: Visit,
  action: VisitOwnAction,
  viewerId: string,
  now: DateTime,
  context: { readonly memberIds?: readonly string[]; readonly cycle?: Pick<Cycle, 'status'> } = {},
): Availability {
  const members = context.memberIds ?? visit.personIds ?? [visit.observerId, visit.observedId];
  if (!members.includes(viewerId) && !isParticipant(visit, viewerId)) return refuse('NOT_A_PAIR_MEMBER');
  // In a trio the third member is in the group but not in this visit: it is for the other two.
  if (!isParticipant(visit, viewerId)) return refuse('NOT_YOUR_TURN');
  if (action === 'readNotes') return isVisitDone(visit) ? ALLOWED : refuse('VISIT_NOT_YET');
  const status = context.cycle?.status;
  if (status === 'complete') return refuse('CYCLE_COMPLETE');
  if (status === 'closed') return refuse('CYCLE_CLOSED');
  const { state } = visit;
  const proposer = viewerId === visit.proposedBy;
  switch (action) {
    case 'confirm':
      if (state !== 'proposed') return refuse('INVALID_TRANSITION');
      return proposer ? refuse('NOT_YOUR_TURN') : ALLOWED;
    case 'counter':
    case 'cancel':
      return CANCELLABLE_STATES.includes(state) ? ALLOWED : refuse('INVALID_TRANSITION');
    case 'observe':
    case 'reflect': {
      const role = action === 'observe' ? visit.observerId : visit.observedId;
      if (viewerId !== role) return refuse('NOT_YOUR_TURN');
      if (state === 'proposed') return refuse('VISIT_NOT_YET');
      if (!WRITING_STATES.includes(state)) return refuse('INVALID_TRANSITION');
      return hasStarted(visit, now) ? ALLOWED : refuse('VISIT_NOT_YET');
    }
    case 'proposeDebrief':
      return state === 'observed' || state === 'debriefProposed' ? ALLOWED : refuse('INVALID_TRANSITION');
    case 'pickDebrief': {
      if (state !== 'debriefProposed') return refuse('INVALID_TRANSITION');
      if (proposer) return refuse('NOT_YOUR_TURN');
      const ahead = visit.debriefMoments.some((m) => (instant(m) ?? now) > now);
      return ahead ? ALLOWED : refuse('DATE_IN_PAST');
    }
    case 'recordDebrief':
      if (state !== 'debriefScheduled') return refuse('INVALID_TRANSITION');
      return debriefStarted(visit, now) ? ALLOWED : refuse('DEBRIEF_NOT_YET');
  }
}

export interface VisitRulesInput {
  /** The pair's (or trio's) members. */
  readonly memberIds: readonly string[];
  /** The pair's current cycle; undefined before it has one. */
  readonly cycle: Cycle | undefined;
  /** The visits of that cycle (others are ignored). */
  readonly visits: readonly Visit[];
  readonly viewerId: string;
  readonly now: DateTime;
  /** The visit the actions are about; the cycle's open visit when absent. */
  readonly visit?: Visit;
}

export interface VisitRules {
  readonly step: CycleStep;
  /** The cycle's open visit, if any. */
  readonly openVisit: Visit | undefined;
  /** The visit the actions are about (the given one, else the open one). */
  readonly visit: Visit | undefined;
  /** The viewer's role in that visit. */
  readonly role: 'observer' | 'observed' | 'none';
  /** Who has to act for the step (from the viewer's point of view). */
  readonly actor: Actor;
  /** The action the viewer can take next, if any (for the one button of a status card or a nudge). */
  readonly next: VisitAction | undefined;
  readonly actions: Readonly<Record<VisitAction, Availability>>;
  /** The most recent visit of the cycle whose notes the viewer may read. */
  readonly notesVisit: Visit | undefined;
}

/** The action that moves each step on. */
export const STEP_ACTIONS: Readonly<Record<CycleStep, VisitAction | undefined>> = {
  planVisit: 'plan',
  confirmVisit: 'confirm',
  awaitVisit: undefined,
  postObservation: 'observe',
  proposeDebrief: 'proposeDebrief',
  pickDebrief: 'pickDebrief',
  recordDebrief: 'recordDebrief',
  complete: undefined,
  closed: undefined,
};

const VISIT_ACTIONS: readonly VisitOwnAction[] = [
  'confirm',
  'counter',
  'cancel',
  'observe',
  'reflect',
  'proposeDebrief',
  'pickDebrief',
  'recordDebrief',
  'readNotes',
];

function planAvailability(
  cycle: Cycle | undefined,
  open: Visit | undefined,
  members: readonly string[],
  viewerId: string,
): Availability {
  if (!members.includes(viewerId)) return refuse('NOT_A_PAIR_MEMBER');
  if (!cycle) return refuse('NO_CYCLE');
  if (cycle.status === 'closed') return refuse('CYCLE_CLOSED');
  if (cycle.status === 'complete' || cycle.visitsCompleted >= cycle.visitsAgreed) return refuse('CYCLE_COMPLETE');
  return open ? refuse('INVALID_TRANSITION') : ALLOWED;
}

function actionsFor(input: VisitRulesInput, viewerId: string, visit: Visit | undefined, open: Visit | undefined) {
  const { cycle, memberIds, now } = input;
  const entries = VISIT_ACTIONS.map((action): [VisitAction, Availability] => {
    if (!visit) return [action, memberIds.includes(viewerId) ? refuse('VISIT_NOT_YET') : refuse('NOT_A_PAIR_MEMBER')];
    return [action, visitAction(visit, action, viewerId, now, { memberIds, ...(cycle ? { cycle } : {}) })];
  });
  return Object.fromEntries([['plan', planAvailability(cycle, open, memberIds, viewerId)], ...entries]) as Record<
    VisitAction,
    Availability
  >;
}

/** The viewer's step, the actions open to them (with reasons) and who has to act. */
export function visitRules(input: VisitRulesInput): VisitRules {
  const { cycle, memberIds, viewerId, now } = input;
  const visits = cycle ? input.visits.filter((v) => v.cycleId === cycle.id) : [];
  const pairId = cycle?.pairId ?? visits[0]?.pairId ?? '';
  const open = cycle ? openVisitOf(visits, pairId, cycle.id) : undefined;
  const visit = input.visit ?? open;
  const step: CycleStep = cycle ? currentStep(cycle, open, now) : 'planVisit';
  const actions = actionsFor(input, viewerId, visit, open);

  // Who can move the step on: everyone of the group for whom the step's action (on the open visit) is open.
  const stepAction = STEP_ACTIONS[step];
  const canAct = (id: string) => stepAction !== undefined && actionsFor(input, id, open, open)[stepAction].allowed;
  const me = memberIds.includes(viewerId) && canAct(viewerId);
  const others = memberIds.some((id) => id !== viewerId && canAct(id));
  const actor: Actor = me && others ? 'either' : me ? 'me' : others ? 'partner' : 'nobody';

  const ownNext =
    stepAction !== undefined && actions[stepAction].allowed
      ? stepAction
      : step === 'postObservation' && actions.reflect.allowed
        ? 'reflect'
        : undefined;
  const notesVisit = [...visits]
    .sort((a, b) => b.sequence - a.sequence)
    .find((v) => visitAction(v, 'readNotes', viewerId, now, { memberIds }).allowed);
  return {
    step,
    openVisit: open,
    visit,
    role: !visit
      ? 'none'
      : visit.observerId === viewerId
        ? 'observer'
        : visit.observedId === viewerId
          ? 'observed'
          : 'none',
    actor,
    next: visit === open ? ownNext : undefined,
    actions,
    notesVisit,
  };
}

/** The refusal's reason as a typed error code, undefined when the action is open. */
export function refusalOf(availability: Availability): RefusalReason | undefined {
  return availability.allowed ? undefined : availability.reason;
}

export interface Roles {
  readonly observerId: string;
  readonly observedId: string;
}

/** Roles of the next visit: alternate the previous visit's roles by default. */
export function nextRoles(
  memberIds: readonly string[],
  previous: Pick<Visit, 'observerId' | 'observedId'> | undefined,
  proposerId: string,
): Roles {
  if (previous) {
    // In a trio the previous observed teacher observes the one who was in neither role last
    // time, so three visits A→B, B→C, C→A observe everyone once, whatever the member order.
    if (memberIds.length > 2) {
      const third = memberIds.find((id) => id !== previous.observerId && id !== previous.observedId);
      return { observerId: previous.observedId, observedId: third ?? previous.observerId };
    }
    return { observerId: previous.observedId, observedId: previous.observerId };
  }
  const other = memberIds.find((id) => id !== proposerId) ?? memberIds[0]!;
  return { observerId: proposerId, observedId: other };
}

/**
 * Who may observe whom in the next visit, and the default: any two different members of the
 * group (the whole group shares the plan, see the top of this file), the rotation preselected —
 * so the default is always one of the choices, also for the trio member who is not in it.
 */
export function planRoles(
  memberIds: readonly string[],
  visits: readonly Visit[],
  plannerId: string,
): { readonly choices: readonly Roles[]; readonly preselected: Roles } {
  const previous = [...visits]
    .sort((a, b) => a.sequence - b.sequence)
    .reverse()
    .find((v) => v.state !== 'cancelled');
  const preselected = nextRoles(memberIds, previous, plannerId);
  const choices = memberIds.flatMap((observerId) =>
    memberIds.filter((observedId) => observedId !== observerId).map((observedId) => ({ observerId, observedId })),
  );
  return { choices, preselected };
}

/** Are these roles one of the plan's choices? */
export function isPlanChoice(memberIds: readonly string[], roles: Roles): boolean {
  return (
    memberIds.includes(roles.observerId) &&
    memberIds.includes(roles.observedId) &&
    roles.observerId !== roles.observedId
  );
}

/**
 * Where a pair stands in its programme, for the leader (digest and tab alike): its cycle is
 * complete, it is behind (a behind-rule holds, see behind.ts), it has not started (no visit
 * planned yet), or it is on track. `unreachable` (the digest only) is decided by the sender.
 */
export type PairProgress = 'complete' | 'behind' | 'waitingForSchool' | 'notStarted' | 'onTrack';

/**
 * `waitingForSchool`: not behind on anything it can act on, and its step waits for what it asked
 * the school for (issue 15, domain/behind.ts `assessBehind`).
 */
export function pairProgress(
  cycle: Cycle | undefined,
  visits: readonly Visit[],
  behind: boolean,
  waitingForSchool = false,
): PairProgress {
  if (cycle?.status === 'complete') return 'complete';
  if (behind) return 'behind';
  if (waitingForSchool) return 'waitingForSchool';
  const started =
    (cycle?.visitsCompleted ?? 0) > 0 || visits.some((v) => v.cycleId === cycle?.id && v.state !== 'cancelled');
  return started ? 'onTrack' : 'notStarted';
}
