/**
 * The leader's buttons on "Wat tweetallen nodig hebben" / "What pairs need" (the daily message and
 * the weekly digest): `need.arrange` ("Geregeld", with an optional line to the pair) and
 * `need.decline` ("Kan niet", with a reason category). Leaders of the card's school only. The
 * card carries the need's id; the line and the reason come from the inputs named after it. The
 * leader is answered at once; the pair is told in the leader's name after the answer
 * (services.background), once only (src/app/needs/leader-answer.ts).
 */
import { z } from 'zod';
import {
  answerAsLeader,
  answerReply,
  tellPairTheAnswer,
  type LeaderAnswerKind,
} from '../../../app/needs/leader-answer';
import { lineInputId, reasonInputId } from '../../../app/needs/leader-section';
import type { School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { nameBook } from '../../names';
import { textResult, type HandlerResult } from '../../results';
import type { HandlerContext } from '../../context';
import type { Router, SchoolVerbContext } from '../../router';
import { isLeader } from '../../school-context';
import './leader-card';

export const NeedAnswerData = z.object({ needId: z.string().min(1).max(255) });
type NeedAnswerData = z.infer<typeof NeedAnswerData>;

async function answer(ctx: SchoolVerbContext<NeedAnswerData>, kind: LeaderAnswerKind): Promise<HandlerResult> {
  const { school, data } = ctx;
  if (!isLeader(school, ctx.userId)) throw new DomainError('NOT_A_LEADER');
  const result = await answerAsLeader(ctx.services.store, {
    schoolId: school.schoolId,
    needId: data.needId,
    leaderId: ctx.userId,
    kind,
    ...(kind === 'arrange'
      ? { line: ctx.inputs[lineInputId(data.needId)] }
      : { reason: ctx.inputs[reasonInputId(data.needId)] }),
    now: ctx.now,
  });
  ctx.services.logger.info(
    { schoolId: school.schoolId, needId: data.needId, verb: ctx.verb, outcome: result.outcome },
    'leader answered what a pair needs',
  );
  if (result.outcome === 'answered') tellPairAfterAnswer(ctx, school, data.needId);
  const { need } = result;
  const nameOf = await nameBook(
    ctx,
    school,
    [...need.personIds, ...(need.answeredBy ? [need.answeredBy] : [])],
    ctx.locale,
  );
  return textResult(answerReply(result, ctx.userId, ctx.locale, nameOf));
}

/** Tell the pair in the background: the invoke is answered without waiting for Teams. */
function tellPairAfterAnswer(ctx: HandlerContext, school: School, needId: string): void {
  const { services } = ctx;
  const { messenger } = services;
  if (!messenger) {
    services.logger.warn({ schoolId: school.schoolId, needId }, 'no messenger: the pair is not told the answer');
    return;
  }
  const ids = { schoolId: school.schoolId, needId, activityId: ctx.turn.activity.id };
  services.background.run(
    'needs.tell-pair',
    () =>
      tellPairTheAnswer(
        { store: services.store, messenger, directory: services.directory(), logger: services.logger },
        school,
        needId,
        ctx.now,
        ctx.userName,
      ),
    { ids, key: `school:${school.schoolId}` },
  );
}

export function registerLeaderVerbs(router: Router): void {
  router
    .verb('need.arrange', { data: NeedAnswerData, school: 'school', handler: (ctx) => answer(ctx, 'arrange') })
    .verb('need.decline', { data: NeedAnswerData, school: 'school', handler: (ctx) => answer(ctx, 'decline') });
}
