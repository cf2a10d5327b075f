/** Status (mijn cyclus): where the person's pair stands, with a button for the next action. */
import { cycleStatus } from '../../../app/status/cycle-status';
import { z } from 'zod';
import { cardResult, type HandlerResult } from '../../results';
import type { Router, SchoolTurnContext } from '../../router';
import { namesOf } from '../visits/common';
import { statusCard } from './status-card';

export async function showStatus(ctx: SchoolTurnContext): Promise<HandlerResult> {
  const { school } = ctx;
  const status = await cycleStatus(ctx.services.store, school, ctx.userId, ctx.now);
  const names = await namesOf(ctx, school, status.pair.memberIds, ctx.locale);
  return cardResult(statusCard(status, ctx.userId, names, ctx.locale, ctx.now));
}

export function register(router: Router): void {
  router
    .command({
      words: ['status', 'mijn cyclus', 'my cycle'],
      helpKey: 'commands.status',
      school: 'school',
      handler: showStatus,
    })
    .verb('status.show', { data: z.object({}), school: 'school', handler: showStatus });
}
