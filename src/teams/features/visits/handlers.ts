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
import type { ActionContext, HandlerContext } from '../../context';
import { cardResult, textResult, type HandlerResult } from '../../results';
import { Id, parseData, schoolOf, VisitRef, VisitRevision } from './common';
import {
  attendeesOf,
  rememberInvokerCard,
  updatePartnerCardsAfterAnswer,
  type updatePartnerCards,
} from './partner-delivery';
import { planCard } from './plan-card';
import { visitCard } from './visit-card';

/** The card for "plan": the open visit when there is one, else the plan form. */
export async function planOrOpenVisit(ctx: HandlerContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
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
  return { attendees: await attendeesOf(ctx, school, visit.personIds ?? [visit.observerId, visit.observedId]) };
}

/** The invoker's own view of a visit, remembering where their card is. */
export async function ownVisitCard(
  ctx: ActionContext,
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
  ctx: ActionContext,
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
  ctx: ActionContext,
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

const PlanSubmit = z.object({
  cycleId: Id,
  sequence: z.coerce.number().int().min(1).max(100),
  roles: z
    .string()
    .max(600)
    .regex(/^[^|]+\|[^|]+$/),
});

export async function openPlan(ctx: ActionContext): Promise<HandlerResult> {
  return planOrOpenVisit(ctx);
}

export async function submitPlan(ctx: ActionContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const data = parseData(PlanSubmit, ctx.data);
  const [observerId, observedId] = data.roles.split('|') as [string, string];
  const focusOther = typeof ctx.data.focusOther === 'string' ? ctx.data.focusOther.trim() : '';
  const { visit, created } = await planVisit(ctx.services.store, school, ctx.userId, ctx.now, {
    cycleId: data.cycleId,
    sequence: data.sequence,
    observerId,
    observedId,
    date: ctx.data.date,
    time: ctx.data.time,
    lesson: ctx.data.lesson,
    focus: focusOther !== '' ? ctx.data.focusOther : ctx.data.focusChoice,
    discussionGoal: ctx.data.discussionGoal,
    feedbackPreference: ctx.data.feedbackPreference,
    video: ctx.data.video,
  });
  const cycle = await ctx.services.store.read(school.schoolId, 'cycle', visit.cycleId);
  if (!created) return ownVisitCard(ctx, school, visit.id);
  return afterChange(ctx, school, visit, cycle);
}

export async function showVisit(ctx: ActionContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const { visitId } = parseData(VisitRef, ctx.data);
  return ownVisitCard(ctx, school, visitId);
}

export async function confirmVisit(ctx: ActionContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const { visitId, revision } = parseData(VisitRevision, ctx.data);
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

export async function counterPropose(ctx: ActionContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const { visitId, revision } = parseData(VisitRevision, ctx.data);
  const { programme } = await loadVisitForMember(ctx.services.store, school.schoolId, visitId, ctx.userId);
  const moment = unwrap(parseLocalMoment(ctx.data.newDate, ctx.data.newTime, school.timezone));
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

export async function cancelVisit(ctx: ActionContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const { visitId, revision } = parseData(VisitRevision, ctx.data);
  return withFreshCardOnStale(ctx, school, visitId, async () => {
    const { visit, cycle } = await changeVisit(
      ctx.services.store,
      school.schoolId,
      visitId,
      ctx.userId,
      revision,
      ctx.now,
      (current) => {
        if (current.state !== 'proposed' && current.state !== 'confirmed')
          throw new DomainError('INVALID_TRANSITION', { from: current.state, event: 'cancel' });
        return { kind: 'cancel' };
      },
    );
    return afterChange(ctx, school, visit, cycle);
  });
}
