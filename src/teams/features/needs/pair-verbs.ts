/**
 * The pair's side of "what pairs need" (issue 15 item 1): `need.open` shows the form for the step
 * the pair is on (from the nudge, the visit card or `mijn cyclus`), `need.request` checks and saves
 * it and answers in place. The card names only the pair; the step, the pair and membership are
 * decided from the store. The pair's note is never logged.
 */
import { z } from 'zod';
import { pairStep } from '../../../app/needs/pair-step';
import { requestNeed } from '../../../app/needs/request-need';
import { localDate } from '../../../domain/calendar';
import type { NudgeKind } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { checkNeedInput, NEED_STEPS } from '../../../domain/pair-needs';
import { t } from '../../../i18n/translate';
import { cardResult, type HandlerResult } from '../../results';
import type { Router, SchoolVerbContext } from '../../router';
import { needAnsweredView, needFormView, renderNeedRequest, requestedText } from './pair-card';

const id = z.string().min(1).max(255);
const Step = z.enum(NEED_STEPS as [NudgeKind, ...NudgeKind[]]);

/** From a nudge (pair and kind), a visit card (pair and visit) or the status card (nothing but the school). */
export const NeedOpenData = z.object({ pairId: id.optional(), visitId: id.optional(), step: Step.optional() });
export const NeedRequestData = z.object({ pairId: id, step: Step, visitId: id.optional() });

type OpenData = z.infer<typeof NeedOpenData>;
type RequestData = z.infer<typeof NeedRequestData>;

async function formFor(ctx: SchoolVerbContext<OpenData>, fixedStep?: NudgeKind) {
  const { school } = ctx;
  const at = await pairStep(ctx.services.store, school, ctx.userId, ctx.now, {
    ...(ctx.data.pairId ? { pairId: ctx.data.pairId } : {}),
    ...(ctx.data.step ? { step: ctx.data.step } : {}),
  });
  const step = fixedStep ?? at.step;
  if (!step)
    return renderNeedRequest(
      needAnsweredView(t(ctx.locale, 'need.nothingOpen'), at.pairId, 'noVisitPlanned'),
      ctx.locale,
    );
  return renderNeedRequest(needFormView({ ...at, step }, school.timezone, ctx.locale, ctx.now), ctx.locale);
}

export async function openNeedForm(ctx: SchoolVerbContext<OpenData>): Promise<HandlerResult> {
  return cardResult(await formFor(ctx));
}

/** The form again (for a refusal shown on it), for the step the card was about. */
const requestFormOf = (ctx: SchoolVerbContext<RequestData>) => formFor(ctx, ctx.data.step);

export async function submitNeed(ctx: SchoolVerbContext<RequestData>): Promise<HandlerResult> {
  const { school, data, inputs } = ctx;
  const { store } = ctx.services;
  const at = await pairStep(store, school, ctx.userId, ctx.now, { pairId: data.pairId });
  const note = inputs['pairNote'];
  // A programme that keeps teachers' texts in the tab has no note on the card: one sent anyway is refused.
  if (at.programme.textsInTabOnly && typeof note === 'string' && note.trim() !== '')
    throw new DomainError('TEXTS_IN_TAB');
  const input = checkNeedInput(
    { categories: inputs['categories'], neededBy: inputs['neededBy'], pairNote: note },
    localDate(ctx.now, school.timezone),
    at.programme,
  );
  const { need, created, updated } = await requestNeed(store, {
    schoolId: school.schoolId,
    pairId: data.pairId,
    step: data.step,
    // The visit from the store, not from the card.
    ...(at.visitId ? { visitId: at.visitId } : {}),
    input,
    userId: ctx.userId,
    now: ctx.now,
  });
  ctx.services.logger.info(
    { schoolId: school.schoolId, pairId: need.pairId, needId: need.id, created, updated, verb: ctx.verb },
    'pair need requested',
  );
  const text = requestedText(need, !updated, { locale: ctx.locale, zone: school.timezone, now: ctx.now });
  return cardResult(renderNeedRequest(needAnsweredView(text, need.pairId, need.step), ctx.locale));
}

export function registerPairVerbs(router: Router): void {
  router
    .verb('need.open', { data: NeedOpenData, school: 'school', handler: openNeedForm })
    .verb('need.request', { data: NeedRequestData, school: 'school', handler: submitNeed, card: requestFormOf });
}
