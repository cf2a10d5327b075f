/**
 * The leader's buttons on "Wat tweetallen nodig hebben" / "What pairs need" (the daily message and
 * the weekly digest): `need.arrange` ("Geregeld", with an optional line to the pair) and
 * `need.decline` ("Kan niet", with a reason category). Leaders of the card's school only. The
 * card carries the need's id; the line and the reason come from the inputs named after it. The
 * leader is answered at once — on the daily message with that message brought up to date (the
 * answered request says by whom, the reply on top), on the digest with a sentence — and the pair
 * is told in the leader's name after the answer (services.background), once only
 * (src/app/needs/leader-answer.ts).
 */
import { z } from 'zod';
import {
  answerAsLeader,
  answerReply,
  tellPairTheAnswer,
  type LeaderAnswerKind,
} from '../../../app/needs/leader-answer';
import { lineInputId, reasonInputId } from '../../../app/needs/leader-section';
import type { PairNeed, School } from '../../../domain/entities';
import { DomainError } from '../../../domain/errors';
import { nameBook } from '../../names';
import { cardResult, textResult, type HandlerResult } from '../../results';
import { needsBatchView } from '../../../app/needs/leader-batch';
import { withoutPairNote } from '../../../app/needs/open-needs';
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { HandlerContext } from '../../context';
import type { Router, SchoolVerbContext } from '../../router';
import { isLeader } from '../../school-context';
import './leader-card';

export const NeedAnswerData = z.object({
  needId: z.string().min(1).max(255),
  /** Which card the button is on: the daily message is answered with itself, brought up to date. */
  card: z.enum(['batch', 'digest']).optional(),
});
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
  const ids = [...need.personIds, ...(need.answeredBy ? [need.answeredBy] : [])];
  const reply = answerReply(result, ctx.userId, ctx.locale, await nameBook(ctx, school, ids, ctx.locale));
  if (data.card === 'batch' && need.leaderToldOn) return cardResult(await batchCard(ctx, need, reply));
  return textResult(reply);
}

/** The day's message again, as it is now (answered requests say by whom), with the reply on top. */
async function batchCard(
  ctx: SchoolVerbContext<NeedAnswerData>,
  need: Pick<PairNeed, 'programmeId' | 'leaderToldOn'>,
  notice: string,
): Promise<AdaptiveCard> {
  const { school } = ctx;
  const { store } = ctx.services;
  const [programme, needs] = await Promise.all([
    store.read(school.schoolId, 'programme', need.programmeId),
    store.query(school.schoolId, {
      type: 'pairNeed',
      where: { programmeId: need.programmeId, leaderToldOn: need.leaderToldOn! },
    }),
  ]);
  const shown = needs.map(withoutPairNote);
  const ids = shown.flatMap((n) => [...n.personIds, ...(n.answeredBy ? [n.answeredBy] : [])]);
  const nameOf = await nameBook(ctx, school, ids, ctx.locale);
  const view = needsBatchView({
    locale: ctx.locale,
    schoolId: school.schoolId,
    theme: programme?.theme ?? '',
    needs: shown,
    nameOf,
    timezone: school.timezone,
    now: ctx.now,
    notice,
  });
  return renderCard('need-leader-batch', view, ctx.locale);
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
        {
          store: services.store,
          messenger,
          directory: services.directory(),
          logger: services.logger,
          wallNow: services.clock,
        },
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
