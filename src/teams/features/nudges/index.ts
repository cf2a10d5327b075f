/** Nudges: the snooze button on a nudge card ("we agreed a date offline"). */
import { z } from 'zod';
import { snoozePair } from '../../../app/nudges/snooze';
import { formatDay } from '../../../i18n/dates';
import { t } from '../../../i18n/translate';
import { textResult, type HandlerResult } from '../../results';
import type { Router, SchoolVerbContext } from '../../router';

/** The card names its school (the router resolves and checks it) and the pair. */
const SnoozeData = z.object({ schoolId: z.string().min(1).max(255), pairId: z.string().min(1).max(255) });

export async function snooze(ctx: SchoolVerbContext<z.infer<typeof SnoozeData>>): Promise<HandlerResult> {
  const { store } = ctx.services;
  const { school } = ctx;
  const result = await snoozePair(store, school.schoolId, ctx.data.pairId, ctx.userId, ctx.now);
  if (!result.ok) throw result.error;
  ctx.services.logger.info(
    { schoolId: school.schoolId, pairId: result.value.id, verb: ctx.verb },
    'pair snoozed nudges',
  );
  return textResult(
    t(ctx.locale, 'messages.snooze.done', {
      until: formatDay(result.value.snoozedUntil, { locale: ctx.locale, zone: school.timezone, now: ctx.now }),
    }),
  );
}

export function register(router: Router): void {
  router.verb('nudge.snooze', { data: SnoozeData, school: 'school', handler: snooze });
}
