/** Status (mijn cyclus): where the person's pair stands, with a button for the next action. */
import { cycleStatus } from '../../../app/status/cycle-status';
import type { HandlerContext } from '../../context';
import { cardResult, type HandlerResult } from '../../results';
import type { Router } from '../../router';
import { guarded, guardedCommand, namesOf, schoolOf } from '../visits/common';
import { statusCard } from './status-card';

export async function showStatus(ctx: HandlerContext): Promise<HandlerResult> {
  const school = await schoolOf(ctx);
  const status = await cycleStatus(ctx.services.store, school, ctx.userId, ctx.now);
  const names = await namesOf(ctx, school, status.pair.memberIds, ctx.locale);
  return cardResult(statusCard(status, ctx.userId, names, ctx.locale, ctx.now));
}

export function register(router: Router): void {
  router
    .command({
      words: ['status', 'mijn cyclus', 'my cycle'],
      helpKey: 'commands.status',
      handler: guardedCommand(showStatus),
    })
    .verb('status.show', guarded(showStatus));
}
