/**
 * After someone deleted their data: their partners' sent visit cards are updated in place (the
 * plan texts the person wrote disappear, the closed cycle shows no more buttons), and each
 * partner is told in one sentence that their colleague left and what that means for the cycle.
 * Only cards Tweetal knows it sent (the visit's card references) are updated; no new visit card
 * is sent. Runs after the invoke was answered; a partner Tweetal cannot reach is skipped.
 */
import type { DeleteSummary } from '../../../app/my-data/delete';
import { isAnonymous } from '../../../domain/anonymous';
import type { Locale } from '../../../domain/entities';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { personDeliveryOf } from '../../proactive/delivery';
import { visitCard } from '../visits/visit-card';

type Detached = Pick<HandlerContext, 'services' | 'tenantId' | 'now'>;

export function tellPartnersAfterAnswer(ctx: HandlerContext, summary: DeleteSummary, name: string): void {
  if (summary.visits.length === 0 && summary.partners.length === 0) return;
  const detached: Detached = { services: ctx.services, tenantId: ctx.tenantId, now: ctx.now };
  ctx.services.background.run('mydata.partners', () => tellPartners(detached, summary, name), {
    ids: { visits: summary.visits.length, partners: summary.partners.length },
  });
}

export async function tellPartners(ctx: Detached, summary: DeleteSummary, name: string): Promise<void> {
  const { store, logger } = ctx.services;
  const delivery = personDeliveryOf(ctx.services);
  for (const { schoolId, visitId } of summary.visits) {
    const school = await store.read(schoolId, 'school', schoolId);
    const visit = await store.read(schoolId, 'visit', visitId);
    if (!school || !visit) continue;
    const cycle = await store.read(schoolId, 'cycle', visit.cycleId);
    for (const [partnerId, ref] of Object.entries(visit.cardRefs ?? {})) {
      if (isAnonymous(partnerId)) continue;
      const outcome = await delivery.deliver(
        { tenantId: ctx.tenantId, userId: partnerId, fallbackLocale: school.locale },
        async (locale: Locale) => ({ card: await visitCard(ctx, school, visit, cycle, partnerId, locale) }),
        { replace: ref },
      );
      if (outcome.status !== 'sent')
        logger.info({ visitId, status: outcome.status, reason: outcome.reason }, 'partner card not updated');
    }
  }
  const told = new Set<string>();
  for (const partner of summary.partners) {
    if (told.has(partner.userId)) continue;
    told.add(partner.userId);
    const school = await store.read(partner.schoolId, 'school', partner.schoolId);
    const outcome = await delivery.deliver(
      { tenantId: ctx.tenantId, userId: partner.userId, fallbackLocale: school?.locale ?? 'nl' },
      (locale: Locale) => ({
        text: t(locale, partner.cycleClosed ? 'messages.myData.partnerLeft' : 'messages.myData.partnerLeftDone', {
          name: name || t(locale, 'visitFields.colleague'),
        }),
      }),
    );
    if (outcome.status !== 'sent')
      logger.info({ pairId: partner.pairId, status: outcome.status, reason: outcome.reason }, 'partner not told');
  }
}
