/** The 1:1 message that tells a teacher who their partner is (sent proactively). */
import { formatDay, type DateReader } from '../../../i18n/dates';
import type { OutgoingMessage } from '../../../app/messenger';
import { renderCard } from '../../../cards/render';
import type { Programme } from '../../../domain/entities';
import { listOf, t } from '../../../i18n/translate';
import { visitsAgreedFor } from '../../../domain/cycle';
import type { UserText } from '../../../domain/typed-text';
import { shownChoice } from '../../../i18n/choices';

export interface PartnerView {
  readonly partners: string;
  readonly theme: UserText;
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

/** Why the teacher is told: new pairs, a pair changed after a switch, added to a pair, someone joined theirs. */
export type PartnerReason = 'new' | 'changed' | 'added' | 'joined';

export function partnerMessage(
  partnerNames: readonly string[],
  programme: Programme,
  reader: DateReader,
  reasonKey: PartnerReason = 'new',
): OutgoingMessage {
  const { locale } = reader;
  const view: PartnerView = {
    partners: listOf(locale, partnerNames),
    theme: shownChoice(locale, programme.theme),
    visits: String(visitsAgreedFor(programme.visitsPerCycle, partnerNames.length + 1)),
    endDate: formatDay(programme.endDate, reader),
    isTrio: partnerNames.length > 1,
    reason: t(locale, `cards.pairing-partner.${reasonKey}`),
  };
  return { card: renderCard('pairing-partner', view, locale) };
}
