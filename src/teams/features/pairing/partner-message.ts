/** The 1:1 message that tells a teacher who their partner is (sent proactively). */
import { DateTime } from 'luxon';
import type { OutgoingMessage } from '../../../app/messenger';
import { renderCard } from '../../../cards/render';
import type { Locale, Programme } from '../../../domain/entities';
import { listOf, t } from '../../../i18n/translate';
import { visitsAgreedFor } from '../../../domain/cycle';

export interface PartnerView {
  readonly partners: string;
  readonly theme: string;
  /** Text: a FactSet value must be a string. */
  readonly visits: string;
  readonly endDate: string;
  readonly isTrio: boolean;
  readonly reason: string;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'pairing-partner': PartnerView;
  }
}

export function partnerMessage(
  partnerNames: readonly string[],
  programme: Programme,
  locale: Locale,
  reasonKey: 'new' | 'changed' = 'new',
): OutgoingMessage {
  const view: PartnerView = {
    partners: listOf(locale, partnerNames),
    theme: programme.theme,
    visits: String(visitsAgreedFor(programme.visitsPerCycle, partnerNames.length + 1)),
    endDate: DateTime.fromISO(programme.endDate).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
    isTrio: partnerNames.length > 1,
    reason: t(locale, `cards.pairing-partner.${reasonKey}`),
  };
  return { card: renderCard('pairing-partner', view, locale) };
}
