/** Nudges: the snooze button on a nudge card ("we agreed a date offline"). */
import { z } from 'zod';
import { snoozePair } from '../../../app/nudges/snooze';
import { formatDay } from '../../../app/nudges/nudge-view';
import { DomainError } from '../../../domain/errors';
import { t } from '../../../i18n/translate';
import type { ActionContext } from '../../context';
import { errorResult, textResult, type HandlerResult } from '../../results';
import type { Router } from '../../router';

const SnoozeData = z.object({ schoolId: z.string().min(1).max(255), pairId: z.string().min(1).max(255) });

export async function snooze(ctx: ActionContext): Promise<HandlerResult> {
  const parsed = SnoozeData.safeParse(ctx.data);
  if (!parsed.success) return errorResult(new DomainError('INVALID_INPUT', { field: 'pairId' }));
  const { store } = ctx.services;
  const school = await store.read(parsed.data.schoolId, 'school', parsed.data.schoolId);
  if (!school || school.tenantId !== ctx.tenantId) return errorResult(new DomainError('NOT_FOUND'));
  const result = await snoozePair(store, school.schoolId, parsed.data.pairId, ctx.userId, ctx.now);
  if (!result.ok) return errorResult(result.error);
  ctx.services.logger.info(
    { schoolId: school.schoolId, pairId: result.value.id, verb: ctx.verb },
    'pair snoozed nudges',
  );
  return textResult(
    t(ctx.locale, 'messages.snooze.done', { until: formatDay(result.value.snoozedUntil, school.timezone, ctx.locale) }),
  );
}

export function register(router: Router): void {
  router.verb('nudge.snooze', snooze);
}
