/**
 * After a text was written in the personal tab: the visit may have moved on (observed,
 * debriefed), so the partners' visit cards in the chat are brought up to date — in the
 * background, as after a card action. The cards show only that something was written.
 */
import type { Locale } from '../../../domain/entities';
import { t } from '../../../i18n/translate';
import type { Services } from '../../context';
import { updatePartnerCards } from './partner-delivery';

export interface TabWrite {
  readonly schoolId: string;
  readonly visitId: string;
  /** Who wrote: their own card follows on its next refresh (Universal Actions). */
  readonly writerId: string;
  readonly completedCycle?: boolean;
}

export function refreshCardsAfterTabWrite(services: Services, write: TabWrite): void {
  services.background.run(
    'visits.partner-cards.tab',
    async () => {
      const school = await services.store.read(write.schoolId, 'school', write.schoolId);
      const visit = await services.store.read(write.schoolId, 'visit', write.visitId);
      if (!school || !visit) return;
      const cycle = await services.store.read(write.schoolId, 'cycle', visit.cycleId);
      const alsoSay = write.completedCycle
        ? (locale: Locale) => t(locale, 'messages.visits.cycleCompleteNotice')
        : undefined;
      await updatePartnerCards(
        { services, tenantId: school.tenantId, userId: write.writerId, now: services.clock() },
        school,
        visit,
        cycle,
        alsoSay ? { alsoSay } : {},
      );
    },
    { ids: { schoolId: write.schoolId, visitId: write.visitId }, key: `visit:${write.schoolId}:${write.visitId}` },
  );
}
