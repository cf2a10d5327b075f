/** Status (mijn cyclus): where the person's pair stands, with a button for the next action. */
import { leftAt } from '../../../app/membership';
import { cycleStatus } from '../../../app/status/cycle-status';
import { z } from 'zod';
import { formatDay, readerOf } from '../../../i18n/dates';
import { t } from '../../../i18n/translate';
import { tenantPartitionFor } from '../../ids';
import { cardResult, textResult, type HandlerResult } from '../../results';
import type { Router, SchoolTurnContext } from '../../router';
import { namesOf } from '../visits/common';
import { statusCard } from './status-card';

export async function showStatus(ctx: SchoolTurnContext): Promise<HandlerResult> {
  // Someone who deleted their data is told so, not "not in a pair".
  const left = await leftAt(ctx.services.store, tenantPartitionFor(ctx.tenantId), ctx.userId);
  if (left) {
    const date = formatDay(left, readerOf(ctx, ctx.school));
    return textResult(t(ctx.locale, 'messages.myData.left', { date }));
  }
  const { school } = ctx;
  const status = await cycleStatus(ctx.services.store, school, ctx.userId, ctx.now);
  const names = await namesOf(ctx, school, status.pair.memberIds, ctx.locale);
  return cardResult(statusCard(status, ctx.userId, names, ctx.locale, ctx.now, school.timezone));
}

export function register(router: Router): void {
  router
    .command({
      name: 'status',
      helpKey: 'commands.status',
      school: 'school',
      handler: showStatus,
    })
    .verb('status.show', { data: z.object({}), school: 'school', handler: showStatus });
}
