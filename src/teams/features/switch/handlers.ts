/**
 * Switch partner (flow 7): a pair member asks privately, with a reason category only; leaders
 * see open requests on the pairing card and re-pair: the old pairs are closed (their open
 * cycles too, history kept), new pairs made, and every member told 1:1. The partner is never
 * told who asked.
 */
import { z } from 'zod';
import { previousPairsOf, loadProgramme, pairingView, renderPairing } from '../pairing/pairing-card';
import { notifyMembersAfterAnswer } from '../pairing/notify-members';
import { parseReason, requestSwitch } from '../../../app/switch/request-switch';
import { repairAfterSwitch } from '../../../app/switch/repair';
import { activePairs } from '../../../app/pairing/confirm-pairs';
import { currentProgramme } from '../../../app/programme/current-programme';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { personDeliveryOf } from '../../proactive/delivery';
import { cardResult, textResult, type HandlerResult } from '../../results';
import { nameBook } from '../../names';
import { listTeamMembers } from '../../roster';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { requireLeader } from '../programme/leader-access';
import { reasonChoices, renderSwitchRepair, renderSwitchRequest } from './switch-cards';

export const RequestData = z.object({ pairId: z.string().min(1).max(200), version: z.string().min(1).max(200) });
export const RepairShowData = z.object({ requestId: z.string().min(1).max(200) });
export const RepairData = z.object({
  requestId: z.string().min(1).max(200),
  version: z.string().min(1).max(200),
  otherPairId: z.string().max(200).optional(),
});

async function myActivePair(ctx: SchoolTurnContext) {
  const { school } = ctx;
  const programme = await currentProgramme(ctx.services.store, school.id);
  if (!programme) throw new DomainError('NO_PROGRAMME');
  const pairs = await ctx.services.store.query(school.id, {
    type: 'pair',
    personId: ctx.userId,
    where: { programmeId: programme.id, status: 'active' },
  });
  const pair = pairs.find((p) => p.memberIds.includes(ctx.userId));
  if (!pair) throw new DomainError('NO_PAIR');
  return { school, pair };
}

export async function showSwitchRequest(ctx: SchoolTurnContext): Promise<HandlerResult> {
  const { school, pair } = await myActivePair(ctx);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const nameOf = await nameBook(ctx, school, pair.memberIds, ctx.locale, { roster });
  const partners = pair.memberIds.filter((id) => id !== ctx.userId).map(nameOf);
  return cardResult(
    renderSwitchRequest(
      {
        pairId: pair.id,
        version: pair.version,
        partners: partners.join(' & '),
        reasons: reasonChoices(ctx.locale),
        sent: false,
        sentText: '',
      },
      ctx.locale,
    ),
  );
}

export async function submitSwitchRequest(ctx: SchoolVerbContext<z.infer<typeof RequestData>>): Promise<HandlerResult> {
  const { data, school } = ctx;
  const pair = await ctx.services.store.read(school.id, 'pair', data.pairId);
  if (!pair) throw new DomainError('NOT_FOUND');
  if (!pair.memberIds.includes(ctx.userId)) throw new DomainError('NOT_A_PAIR_MEMBER');
  if (pair.status !== 'active') throw new DomainError('CYCLE_CLOSED');
  if (pair.version !== data.version) throw new DomainError('STALE_VERSION');
  const reason = parseReason(ctx.inputs['reason']);
  const { request, created } = await requestSwitch(ctx.services.store, pair, ctx.userId, reason, ctx.now);
  if (created) {
    // Tell the leaders that a request waits (no name, no reason: they see those on the card).
    const delivery = personDeliveryOf(ctx.services);
    for (const leaderId of school.leaderIds) {
      await delivery.deliver(
        { tenantId: school.tenantId, userId: leaderId, fallbackLocale: school.locale },
        (locale) => ({ text: t(locale, 'messages.switch.leaderNotice') }),
      );
    }
  }
  ctx.services.logger.info({ schoolId: school.id, pairId: pair.id, requestId: request.id }, 'switch requested');
  // The card the button was on becomes the confirmation: no form, no second "Send request".
  return cardResult(
    renderSwitchRequest(
      {
        pairId: pair.id,
        version: pair.version,
        partners: '',
        reasons: [],
        sent: true,
        sentText: t(ctx.locale, 'messages.switch.requested'),
      },
      ctx.locale,
    ),
  );
}

export async function showRepair(ctx: SchoolVerbContext<z.infer<typeof RepairShowData>>): Promise<HandlerResult> {
  const { requestId } = ctx.data;
  const school = await requireLeader(ctx);
  const { store } = ctx.services;
  const programme = await loadProgramme(store, school);
  const request = await store.read(school.id, 'switchRequest', requestId);
  if (!request || !request.pairId) throw new DomainError('NOT_FOUND');
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  if (request.status !== 'open')
    return cardResult(
      renderPairing(
        await pairingView(ctx, school, programme, roster, ctx.locale, '', t(ctx.locale, 'errors.STALE_VERSION')),
        ctx.locale,
      ),
    );
  const pair = await store.read(school.id, 'pair', request.pairId);
  if (!pair) throw new DomainError('NOT_FOUND');
  const others = (await activePairs(store, school.id, programme.id)).filter((p) => p.id !== pair.id);
  if (others.length === 0) return textResult(t(ctx.locale, 'errors.NO_OTHER_PAIR'));
  const ids = [request.requesterId, ...pair.memberIds, ...others.flatMap((p) => p.memberIds)];
  const nameOf = await nameBook(ctx, school, ids, ctx.locale, { roster });
  // The other pairs are the choices' titles: plain text, not markdown.
  const plainNameOf = await nameBook(ctx, school, ids, ctx.locale, { roster, markdown: false });
  return cardResult(
    renderSwitchRepair(
      {
        requestId: request.id,
        version: request.version,
        line: t(ctx.locale, 'cards.pairing-compose.requestLine', {
          name: nameOf(request.requesterId),
          reason: t(ctx.locale, `switchReasons.${request.reason}`),
        }),
        currentPair: pair.memberIds.map(nameOf).join(' & '),
        otherPairs: others.map((p) => ({ title: p.memberIds.map(plainNameOf).join(' & '), value: p.id })),
      },
      ctx.locale,
    ),
  );
}

export async function repair(ctx: SchoolVerbContext<z.infer<typeof RepairData>>): Promise<HandlerResult> {
  const { data } = ctx;
  const school = await requireLeader(ctx);
  const { store } = ctx.services;
  const programme = await loadProgramme(store, school);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const fresh = async (error: DomainError) =>
    cardResult(
      renderPairing(
        await pairingView(ctx, school, programme, roster, ctx.locale, '', t(ctx.locale, `errors.${error.code}`)),
        ctx.locale,
      ),
    );
  const request = await store.read(school.id, 'switchRequest', data.requestId);
  if (!request) throw new DomainError('NOT_FOUND');
  if (request.version !== data.version || request.status !== 'open') return fresh(new DomainError('STALE_VERSION'));
  if (!data.otherPairId) throw new DomainError('FIELD_REQUIRED', { field: 'otherPairId' });
  let result;
  try {
    result = await repairAfterSwitch(
      store,
      programme,
      request.id,
      data.otherPairId,
      await previousPairsOf(store, school.id, programme),
      ctx.now,
    );
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'STALE_VERSION' || error.code === 'ALREADY_PAIRED'))
      return fresh(error);
    throw error;
  }
  notifyMembersAfterAnswer(ctx, school, programme, result.created, roster, 'changed');
  ctx.services.logger.info(
    { schoolId: school.id, requestId: request.id, closed: result.closed.length, created: result.created.length },
    're-paired after a switch request',
  );
  const notice = t(ctx.locale, 'messages.switch.repaired', { pairs: result.created.length });
  return cardResult(renderPairing(await pairingView(ctx, school, programme, roster, ctx.locale, notice), ctx.locale));
}
