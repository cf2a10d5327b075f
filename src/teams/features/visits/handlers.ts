/**
 * Visit verbs and the plan command: open the plan card, submit it, show/refresh the visit card,
 * confirm, propose another moment, cancel. Every handler parses the card data, reloads, checks
 * membership and the revision; a stale card gets the fresh card with a short explanation.
 */
import { z } from 'zod';
import { changeVisit } from '../../../app/visits/change-visit';
import { parseLocalMoment, checkPlannable } from '../../../app/visits/moment';
import { loadPairContext, loadVisitForMember, openVisitOf } from '../../../app/visits/pair-context';
import { planVisit, unwrap } from '../../../app/visits/plan-visit';
import type { Locale, School, Visit } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import type { Stored } from '../../../store/store';
import type { HandlerContext } from '../../context';
import { cardResult, textResult, type HandlerResult } from '../../results';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { Id } from './common';
import {
  attendeesOf,
  rememberInvokerCard,
  updatePartnerCardsAfterAnswer,
  type updatePartnerCards,
} from './partner-delivery';
import { planCard } from './plan-card';
import { visitCard } from './visit-card';

/** The card for "plan": the open visit when there is one, else the plan form. */
export async function planOrOpenVisit(ctx: SchoolTurnContext): Promise<HandlerResult> {
  const { school } = ctx;
  const { pair, cycle, visits, programme } = await loadPairContext(ctx.services.store, school, ctx.userId);
  if (!cycle) return textResult(t(ctx.locale, 'messages.visits.noCycle'));
  if (cycle.status === 'complete') return textResult(t(ctx.locale, 'messages.visits.cycleComplete'));
  if (cycle.status === 'closed') throw new DomainError('CYCLE_CLOSED');
  const open = openVisitOf(visits);
  if (open)
    return cardResult(
      await visitCard(ctx, school, open, cycle, ctx.userId, ctx.locale, await linkAttendees(ctx, school, open)),
    );
  return cardResult(await planCard(ctx, school, pair, cycle, visits, programme));
}

async function linkAttendees(
  ctx: HandlerContext,
  school: Stored<School>,
  visit: Visit,
): Promise<{ attendees?: string[] }> {
  if (visit.state !== 'debriefScheduled') return {};
  // The debrief is a conversation of the visit's two people (in a trio not the third: domain/visit-rules.ts).
  return { attendees: await attendeesOf(ctx, school, [visit.observerId, visit.observedId]) };
}

/** The invoker's own view of a visit, remembering where their card is. */
export async function ownVisitCard(
  ctx: SchoolVerbContext<unknown>,
  school: Stored<School>,
  visitId: string,
  notice?: string,
): Promise<HandlerResult> {
  const { visit, cycle } = await loadVisitForMember(ctx.services.store, school.schoolId, visitId, ctx.userId);
  await rememberInvokerCard(ctx, school.schoolId, visit.id);
  return cardResult(
    await visitCard(ctx, school, visit, cycle, ctx.userId, ctx.locale, {
      notice,
      ...(await linkAttendees(ctx, school, visit)),
    }),
  );
}

/** Run a change; on a stale card answer with the fresh card and the explanation. */
export async function withFreshCardOnStale(
  ctx: SchoolVerbContext<unknown>,
  school: Stored<School>,
  visitId: string,
  change: () => Promise<HandlerResult>,
): Promise<HandlerResult> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'STALE_VERSION')
      return ownVisitCard(ctx, school, visitId, t(ctx.locale, 'errors.STALE_VERSION'));
    throw error;
  }
}

/** After a change: answer the invoker with their copy; the partner's copy is updated after answering. */
export async function afterChange(
  ctx: SchoolVerbContext<unknown>,
  school: Stored<School>,
  visit: Stored<Visit>,
  cycle: Parameters<typeof updatePartnerCards>[3],
  alsoSay?: (locale: Locale) => string | undefined,
): Promise<HandlerResult> {
  await rememberInvokerCard(ctx, school.schoolId, visit.id);
  const fresh = (await ctx.services.store.read(school.schoolId, 'visit', visit.id)) ?? visit;
  const extra = await linkAttendees(ctx, school, fresh);
  updatePartnerCardsAfterAnswer(ctx, school, fresh, cycle, { ...extra, alsoSay });
  return cardResult(await visitCard(ctx, school, fresh, cycle, ctx.userId, ctx.locale, extra));
}

export const PlanSubmit = z.object({
  cycleId: Id,
  sequence: z.coerce.number().int().min(1).max(100),
  roles: z
    .string()
    .max(600)
    .regex(/^[^|]+\|[^|]+$/),
});

/** The plan form as the planner last saw it, for showing a refusal on it (typed values kept by the pipeline). */
export async function planCardOf(ctx: SchoolVerbContext<unknown>) {
  const { pair, cycle, visits, programme } = await loadPairContext(ctx.services.store, ctx.school, ctx.userId);
  if (!cycle || cycle.status !== 'active') return undefined;
  return planCard(ctx, ctx.school, pair, cycle, visits, programme);
}

export async function openPlan(ctx: SchoolVerbContext<unknown>): Promise<HandlerResult> {
  return planOrOpenVisit(ctx);
}

export async function submitPlan(ctx: SchoolVerbContext<z.infer<typeof PlanSubmit>>): Promise<HandlerResult> {
  const { school, data, inputs } = ctx;
  const [observerId, observedId] = data.roles.split('|') as [string, string];
  const focusOther = typeof inputs.focusOther === 'string' ? inputs.focusOther.trim() : '';
  const { visit, created } = await planVisit(ctx.services.store, school, ctx.userId, ctx.now, {
    cycleId: data.cycleId,
    sequence: data.sequence,
    observerId,
    observedId,
    date: inputs.date,
    time: inputs.time,
    lesson: inputs.lesson,
    focus: focusOther !== '' ? inputs.focusOther : inputs.focusChoice,
    discussionGoal: inputs.discussionGoal,
    feedbackPreference: inputs.feedbackPreference,
    video: inputs.video,
  });
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', visit.cycleId);
  if (!created) return ownVisitCard(ctx, school, visit.id);
  return afterChange(ctx, school, visit, cycle);
}

type VisitRefData = { visitId: string };
type VisitRevisionData = { visitId: string; revision: number };

export async function showVisit(ctx: SchoolVerbContext<VisitRefData>): Promise<HandlerResult> {
  return ownVisitCard(ctx, ctx.school, ctx.data.visitId);
}

/** The visit card as the person last saw it (for showing a refusal on it). */
export async function visitCardOf(ctx: SchoolVerbContext<VisitRefData>) {
  const { visit, cycle } = await loadVisitForMember(
    ctx.services.store,
    ctx.school.schoolId,
    ctx.data.visitId,
    ctx.userId,
  );
  return visitCard(ctx, ctx.school, visit, cycle, ctx.userId, ctx.locale, await linkAttendees(ctx, ctx.school, visit));
}

export async function confirmVisit(ctx: SchoolVerbContext<VisitRevisionData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, revision } = ctx.data;
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await changeVisit(
      ctx.services.store,
      school.schoolId,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      { kind: 'confirm' },
    );
    return afterChange(ctx, school, visit, cycle);
  });
}

export async function counterPropose(ctx: SchoolVerbContext<VisitRevisionData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, revision } = ctx.data;
  const { programme } = await loadVisitForMember(ctx.services.store, school.schoolId, visitId, ctx.userId);
  const moment = unwrap(parseLocalMoment(ctx.inputs.newDate, ctx.inputs.newTime, school.timezone));
  unwrap(checkPlannable(moment, ctx.now, programme, school.timezone));
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await changeVisit(
      ctx.services.store,
      school.schoolId,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      { kind: 'counterPropose', startsAt: moment },
    );
    return afterChange(ctx, school, visit, cycle);
  });
}

export async function cancelVisit(ctx: SchoolVerbContext<VisitRevisionData>): Promise<HandlerResult> {
  const { school } = ctx;
  const { visitId, revision } = ctx.data;
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await changeVisit(
      ctx.services.store,
      school.schoolId,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      { kind: 'cancel' },
    );
    return afterChange(ctx, school, visit, cycle);
  });
}
