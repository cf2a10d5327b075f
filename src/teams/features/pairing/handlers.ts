/** Pairing (flow 3) for leaders: "pairs"/"tweetallen", the suggestion card and its confirmation. */
import { z } from 'zod';
import { addToPair, type Joined } from '../../../app/pairing/add-to-pair';
import { activePairs, confirmPairs } from '../../../app/pairing/confirm-pairs';
import { parsePlacement } from '../../../app/pairing/groups-input';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import { cardResult, type HandlerResult } from '../../results';
import { listTeamMembers } from '../../roster';
import type { SchoolTurnContext, SchoolVerbContext } from '../../router';
import { requireLeader } from '../programme/leader-access';
import { notifyMembersAfterAnswer } from './notify-members';
import { loadProgramme, pairingView, renderPairing } from './pairing-card';

export const ConfirmData = z.object({
  programmeId: z.string().min(1).max(100),
  version: z.string().min(1).max(200),
  /** The running pairs as the card numbered them (1 … P), comma-separated; absent on a card from before. */
  pairIds: z
    .string()
    .max(20_000)
    .regex(/^[A-Za-z0-9,_-]*$/)
    .optional(),
});

export async function showPairing(ctx: SchoolTurnContext, notice = '', error = ''): Promise<HandlerResult> {
  const school = await requireLeader(ctx);
  const programme = await loadProgramme(ctx.services.store, school);
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  return cardResult(
    renderPairing(await pairingView(ctx, school, programme, roster, ctx.locale, notice, error), ctx.locale),
  );
}

/** The pairing card as the leader last saw it, for showing a refusal on it. */
export async function pairingCardOf(ctx: SchoolTurnContext) {
  const result = await showPairing(ctx);
  return result.kind === 'card' ? result.card : undefined;
}

/**
 * Confirm the pairing card: new pairs for the people given a new number, and late joiners added
 * to the running pairs whose number they were given (those become trios; their cycles and visits
 * run on). Refusals come back on the card with the leader's numbers kept (the error pipeline).
 */
export async function confirmPairing(ctx: SchoolVerbContext<z.infer<typeof ConfirmData>>): Promise<HandlerResult> {
  const card = ctx.data;
  const school = await requireLeader(ctx);
  const { store } = ctx.services;
  const programme = await store.read(school.id, 'programme', card.programmeId);
  if (!programme) throw new DomainError('NOT_FOUND');
  if (programme.status !== 'active' || programme.version !== card.version)
    return showPairing(ctx, '', t(ctx.locale, 'errors.STALE_VERSION'));
  // The running pairs as numbered on the card: each must still run, else the numbers mean something else now.
  const active = await activePairs(store, school.id, programme.id);
  const listed = (card.pairIds ?? '').split(',').filter((id) => id !== '');
  const pairs = listed.map((id) => active.find((p) => p.id === id));
  if (pairs.some((p) => !p)) return showPairing(ctx, '', t(ctx.locale, 'errors.STALE_VERSION'));
  const roster = await listTeamMembers(ctx.turn, school.teamId);
  const placement = parsePlacement(
    ctx.inputs,
    roster.map((m) => m.userId),
    pairs.map((p) => p!),
  );
  if (!placement.ok) throw placement.error;
  const { groups, additions } = placement.value;
  // Someone given a number is in a running pair already (another leader placed them): the card was stale.
  const placed = new Set(active.flatMap((p) => p.memberIds));
  if (additions.some((a) => a.memberIds.some((id) => placed.has(id)))) throw new DomainError('ALREADY_PAIRED');
  const created = await confirmPairs(store, school.id, programme, groups, ctx.now);
  const joined: Joined[] = [];
  for (const addition of additions) {
    const result = await addToPair(store, school.id, programme, addition.pairId, addition.memberIds, ctx.now);
    if (result.added.length > 0) joined.push(result);
  }
  // Only what this call did is announced (a second click does nothing): the messages go after the answer.
  notifyMembersAfterAnswer(ctx, school, programme, created, roster);
  const newcomers = new Set(joined.flatMap((j) => j.added));
  notifyMembersAfterAnswer(
    ctx,
    school,
    programme,
    joined.map((j) => j.pair),
    roster,
    (_pair, memberId) => (newcomers.has(memberId) ? 'added' : 'joined'),
  );
  ctx.services.logger.info(
    { schoolId: school.id, programmeId: programme.id, pairs: created.length, trios: joined.length },
    'pairs confirmed',
  );
  const members = created.reduce((n, pair) => n + pair.memberIds.length, 0);
  const notice =
    joined.length > 0
      ? t(ctx.locale, 'messages.pairing.placed', {
          members: members + newcomers.size,
          pairs: created.length,
          trios: joined.length,
        })
      : t(ctx.locale, 'messages.pairing.confirmed', { pairs: created.length, members });
  return showPairing(ctx, notice);
}
