/** The switch request card (for a pair member) and the re-pair card (for leaders). */
import { SWITCH_REASONS } from '../../../app/switch/request-switch';
import { renderCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';
import { t } from '../../../i18n/translate';

export interface SwitchRequestView {
  readonly pairId: string;
  readonly version: string;
  readonly partners: string;
  readonly reasons: readonly { title: string; value: string }[];
  /** After the request was sent: the confirmation instead of the form (no second "Send request"). */
  readonly sent: boolean;
  readonly sentText: string;
}

export interface SwitchRepairView {
  readonly requestId: string;
  readonly version: string;
  readonly line: string;
  readonly currentPair: string;
  readonly otherPairs: readonly { title: string; value: string }[];
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'switch-request': SwitchRequestView;
    'switch-repair': SwitchRepairView;
  }
}

export const reasonChoices = (locale: Locale) =>
  SWITCH_REASONS.map((value) => ({ title: t(locale, `switchReasons.${value}`), value }));

export const renderSwitchRequest = (view: SwitchRequestView, locale: Locale) =>
  renderCard('switch-request', view, locale);
export const renderSwitchRepair = (view: SwitchRepairView, locale: Locale) => renderCard('switch-repair', view, locale);
