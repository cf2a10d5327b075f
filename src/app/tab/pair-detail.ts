/**
 * A pair as one of its members sees it in the tab: partners, the current cycle as a timeline of
 * visits and their milestones, and the next step with who has to act. Pure.
 */
import type { DateTime } from 'luxon';
import { currentCycle } from '../../domain/cycle';
import type { Cycle, Locale, Pair, Visit, VisitState } from '../../domain/entities';
import { isDebriefHeld, visitRules, type CycleStep } from '../../domain/visit-rules';
import { formatMoment, type DateReader } from '../../i18n/dates';
import { unknownName } from './format';
import type { MilestoneView, NextStepView, PairDetailView, PersonView, TimelineVisit } from './views';
import { choiceText } from '../../i18n/choices';

export interface PairDetailInput {
  readonly pair: Pair;
  /** The pair's cycles (any order). */
  readonly cycles: readonly Cycle[];
  /** The pair's visits (any cycle, any order). */
  readonly visits: readonly Visit[];
  readonly names: ReadonlyMap<string, string>;
  readonly readerId: string;
  /** Visits agreed per cycle when the pair has no cycle yet. */
  readonly visitsPerCycle: number;
  readonly now: DateTime;
  readonly timezone: string;
  readonly locale: Locale;
}

const ORDER: readonly VisitState[] = [
  'proposed',
  'confirmed',
  'observed',
  'debriefProposed',
  'debriefScheduled',
  'debriefed',
];
const reached = (state: VisitState, milestone: VisitState): boolean =>
  state !== 'cancelled' && ORDER.indexOf(state) >= ORDER.indexOf(milestone);

/** The chat command that opens the card for a step. */
export const STEP_COMMANDS: Readonly<Record<CycleStep | 'noPair' | 'noCycle', string>> = {
  planVisit: 'plan',
  confirmVisit: 'status',
  awaitVisit: 'status',
  postObservation: 'observe',
  proposeDebrief: 'debrief',
  pickDebrief: 'debrief',
  recordDebrief: 'debrief',
  complete: 'status',
  closed: 'status',
  noPair: 'help',
  noCycle: 'plan',
};

export function personView(id: string, names: ReadonlyMap<string, string>, locale: Locale): PersonView {
  const name = names.get(id);
  return { id, name: name && name.trim() !== '' ? name : unknownName(locale) };
}

/** The tab leaves out a date it has not got (formatMoment gives ''). */
const when = (iso: string | undefined, reader: DateReader): string | undefined =>
  formatMoment(iso, reader) || undefined;

function milestones(visit: Visit, reader: DateReader): MilestoneView[] {
  const at = (iso: string | undefined) => when(iso, reader);
  const view = (key: MilestoneView['key'], done: boolean, when: string | undefined): MilestoneView =>
    when ? { key, done, at: when } : { key, done };
  return [
    view('planned', reached(visit.state, 'proposed'), at(visit.startsAt)),
    view('confirmed', reached(visit.state, 'confirmed'), undefined),
    view('observed', reached(visit.state, 'observed'), at(visit.observedAt)),
    view('debriefPlanned', reached(visit.state, 'debriefScheduled'), at(visit.debriefAt)),
    // Held only when recorded at or after the picked moment (the digest's rule too).
    view('debriefed', isDebriefHeld(visit), isDebriefHeld(visit) ? at(visit.debriefedAt) : undefined),
  ];
}

/** One visit per sequence: the latest non-cancelled one. */
function visitsBySequence(visits: readonly Visit[]): Map<number, Visit> {
  const result = new Map<number, Visit>();
  for (const visit of visits) {
    if (visit.state === 'cancelled') continue;
    const known = result.get(visit.sequence);
    if (!known || known.updatedAt < visit.updatedAt) result.set(visit.sequence, visit);
  }
  return result;
}

function timeline(input: PairDetailInput, cycle: Cycle | undefined): TimelineVisit[] {
  const { readerId, names, timezone, locale } = input;
  const reader: DateReader = { locale, zone: timezone, now: input.now };
  const visits = visitsBySequence(cycle ? input.visits.filter((v) => v.cycleId === cycle.id) : []);
  const agreed = cycle?.visitsAgreed ?? input.visitsPerCycle;
  const count = Math.max(agreed, ...visits.keys());
  const result: TimelineVisit[] = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const visit = visits.get(sequence);
    if (!visit) {
      result.push({
        sequence,
        state: 'notPlanned',
        milestones: (['planned', 'confirmed', 'observed', 'debriefPlanned', 'debriefed'] as const).map((key) => ({
          key,
          done: false,
        })),
      });
      continue;
    }
    const startsAt = when(visit.startsAt, reader);
    result.push({
      sequence,
      state: visit.state,
      visitId: visit.id,
      observer: personView(visit.observerId, names, locale),
      observed: personView(visit.observedId, names, locale),
      myRole: visit.observerId === readerId ? 'observer' : visit.observedId === readerId ? 'observed' : 'none',
      ...(startsAt ? { when: startsAt } : {}),
      lesson: visit.lesson,
      focus: choiceText(locale, visit.focus),
      milestones: milestones(visit, reader),
    });
  }
  return result;
}

export function nextStep(input: PairDetailInput, cycle: Cycle | undefined): NextStepView {
  const { pair, readerId, now, timezone, locale } = input;
  if (!cycle) return { step: 'planVisit', actor: 'either', visitSequence: 1, command: STEP_COMMANDS.planVisit };
  const rules = visitRules({ memberIds: pair.memberIds, cycle, visits: input.visits, viewerId: readerId, now });
  const { step, actor, openVisit: open } = rules;
  const moment =
    step === 'recordDebrief'
      ? open?.debriefAt
      : step === 'planVisit' || step === 'complete' || step === 'closed'
        ? undefined
        : open?.startsAt;
  const at = when(moment, { locale, zone: timezone, now });
  const sequence =
    open?.sequence ?? (step === 'planVisit' ? Math.min(cycle.visitsCompleted + 1, cycle.visitsAgreed) : undefined);
  return {
    step,
    actor,
    ...(sequence !== undefined && step !== 'complete' && step !== 'closed' ? { visitSequence: sequence } : {}),
    ...(at ? { when: at } : {}),
    command: STEP_COMMANDS[step],
  };
}

export function buildPairDetail(input: PairDetailInput): PairDetailView {
  const { pair, names, readerId, locale } = input;
  const cycle = currentCycle(input.cycles.filter((c) => c.pairId === pair.id));
  const members = pair.memberIds.map((id) => personView(id, names, locale));
  return {
    pairId: pair.id,
    status: pair.status,
    members,
    partners: members.filter((m) => m.id !== readerId),
    ...(cycle
      ? {
          cycle: {
            id: cycle.id,
            status: cycle.status,
            visitsAgreed: cycle.visitsAgreed,
            visitsCompleted: cycle.visitsCompleted,
          },
        }
      : {}),
    timeline: timeline(input, cycle),
    next: nextStep(input, cycle),
  };
}
