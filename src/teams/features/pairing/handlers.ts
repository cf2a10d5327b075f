/** Pairing (flow 3) for leaders: "pairs"/"tweetallen", the suggestion card and its confirmation. */
import { z } from 'zod';
import { confirmPairs } from '../../../app/pairing/confirm-pairs';
import { parseGroups } from '../../../app/pairing/groups-input';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { cardResult, type HandlerResult } from '../../results';
import { listTeamMembers } from '../../roster';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { requireLeader } from '../programme/leader-access';
import { notifyMembersAfterAnswer } from './notify-members';
import { loadProgramme, pairingView, renderPairing } from './pairing-card';

export const ConfirmData = z.object({ programmeId: z.string().min(1).max(100), version: z.string().min(1).max(200) });

export async function showPairing(ctx: SchoolTurnContext, notice = '', error = ''): Promise<HandlerResult> {
  const school = await requireLeader(ctx);
  const programme = await loadProgramme(ctx.services.store, school);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  return cardResult(
    renderPairing(
      await pairingView(ctx.services.store, school, programme, roster, ctx.locale, notice, error),
      ctx.locale,
    ),
  );
}

/** The pairing card as the leader last saw it, for showing a refusal on it. */
export async function pairingCardOf(ctx: SchoolTurnContext) {
  const result = await showPairing(ctx);
  return result.kind === 'card' ? result.card : undefined;
}

export async function confirmPairing(ctx: SchoolVerbContext<z.infer<typeof ConfirmData>>): Promise<HandlerResult> {
  const card = ctx.data;
  const school = await requireLeader(ctx);
  const { store } = ctx.services;
  const programme = await store.read(school.id, 'programme', card.programmeId);
  if (!programme) throw new DomainError('NOT_FOUND');
  if (programme.status !== 'active' || programme.version !== card.version)
    return showPairing(ctx, '', t(ctx.locale, 'errors.STALE_VERSION'));
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const groups = parseGroups(
    ctx.inputs,
    roster.map((m) => m.userId),
    roster.length,
  );
  // A refusal is shown on the pairing card with the leader's edited group numbers kept (the error pipeline).
  if (!groups.ok) throw groups.error;
  const created = await confirmPairs(store, school.id, programme, groups.value, ctx.now);
  // Only pairs this call created are announced (a second click creates none): the messages go after the answer.
  notifyMembersAfterAnswer(ctx, school, programme, created, roster);
  ctx.services.logger.info(
    { schoolId: school.id, programmeId: programme.id, pairs: created.length },
    'pairs confirmed',
  );
  const notice = t(ctx.locale, 'messages.pairing.confirmed', {
    pairs: created.length,
    members: created.reduce((n, pair) => n + pair.memberIds.length, 0),
  });
  return showPairing(ctx, notice);
}
