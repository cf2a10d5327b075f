/**
 * The pair's card "Er zit iets in de weg" / "Something is in the way" (issue 15 item 1): the five
 * categories as checkboxes, an optional date by which it would need to be solved and an optional
 * note that stays with the pair; after sending, the same card says what happens now. The view
 * model is pure: dates in the reader's language, ids only in the button's data.
 */
import type { DateTime } from 'luxon';
import type { PairStep } from '../../../app/needs/pair-step';
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import { localDate } from '../../../domain/calendar';
import type { Locale, NudgeKind, PairNeed } from '../../../domain/entities';
import { MAX_PAIR_NOTE_CHARS, NEED_CATEGORIES } from '../../../domain/pair-needs';
import { formatDay, type DateReader } from '../../../i18n/dates';
import { listOf, t } from '../../../i18n/translate';

export interface NeedRequestView {
  readonly sent: boolean;
  readonly sentText: string;
  readonly stepLine: string;
  readonly hasOpen: boolean;
  readonly openSince: string;
  readonly categories: readonly { readonly title: string; readonly value: string }[];
  /** The chosen categories, comma-separated (a multi-select choice set's value). */
  readonly selected: string;
  readonly neededBy: string;
  readonly today: string;
  readonly lastDay: string;
  /** Off when the programme keeps teachers' texts in the personal tab: no note on the card. */
  readonly notesAllowed: boolean;
  /** The pair's own note, as typed (an input's value, not markdown). */
  readonly pairNote: string;
  readonly noteTooLong: string;
  readonly requestData: {
    readonly pairId: string;
    readonly step: NudgeKind;
    readonly visitId?: string;
  };
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'need-request': NeedRequestView;
  }
}

export const stepWords = (step: NudgeKind, locale: Locale): string => t(locale, `need.steps.${step}`);

export const categoryWords = (need: Pick<PairNeed, 'categories'>, locale: Locale): string =>
  listOf(
    locale,
    need.categories.map((c) => t(locale, `need.categories.${c}`)),
  );

const EMPTY = {
  sent: false,
  sentText: '',
  stepLine: '',
  hasOpen: false,
  openSince: '',
  categories: [],
  selected: '',
  neededBy: '',
  today: '',
  lastDay: '',
  notesAllowed: false,
  pairNote: '',
  noteTooLong: '',
} as const;

/** The form for the pair's step (`at.step` set), prefilled with the open need when there is one. */
export function needFormView(
  at: PairStep & { readonly step: NudgeKind },
  timezone: string,
  locale: Locale,
  now: DateTime,
): NeedRequestView {
  const reader: DateReader = { locale, zone: timezone, now };
  const open = at.open;
  const notesAllowed = at.programme.textsInTabOnly !== true;
  return {
    ...EMPTY,
    stepLine: t(locale, 'cards.need-request.stepLine', { step: stepWords(at.step, locale) }),
    hasOpen: Boolean(open),
    openSince: open ? t(locale, 'cards.need-request.openSince', { date: formatDay(open.requestedAt, reader) }) : '',
    categories: NEED_CATEGORIES.map((value) => ({ title: t(locale, `cards.need-request.choices.${value}`), value })),
    selected: open ? open.categories.join(',') : '',
    neededBy: open?.neededBy ?? '',
    today: localDate(now, timezone),
    lastDay: at.programme.endDate,
    notesAllowed,
    pairNote: notesAllowed ? (open?.pairNote ?? '') : '',
    noteTooLong: t(locale, 'cards.need-request.noteTooLong', { max: MAX_PAIR_NOTE_CHARS }),
    requestData: { pairId: at.pairId, step: at.step, ...(at.visitId ? { visitId: at.visitId } : {}) },
  };
}

/** The card after sending (or when there is nothing to clear): the sentence, no form. */
export function needAnsweredView(text: string, pairId: string, step: NudgeKind): NeedRequestView {
  return { ...EMPTY, sent: true, sentText: text, requestData: { pairId, step } };
}

/** What the pair reads once the request is saved: asked (new, or sent again unchanged) or updated. */
export function requestedText(
  need: Pick<PairNeed, 'categories' | 'neededBy' | 'step'>,
  asked: boolean,
  reader: DateReader,
): string {
  const { locale } = reader;
  return t(locale, asked ? 'need.requested' : 'need.updated', {
    categories: categoryWords(need, locale),
    neededBy: need.neededBy ? formatDay(need.neededBy, reader) : 'none',
    step: stepWords(need.step, locale),
  });
}

export const renderNeedRequest = (view: NeedRequestView, locale: Locale): AdaptiveCard =>
  renderCard('need-request', view, locale);
