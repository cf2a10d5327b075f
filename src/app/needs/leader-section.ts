/**
 * The card section "Wat tweetallen nodig hebben" / "What pairs need" (pure view model), the same
 * in the leaders' daily message and the weekly digest: per pair the request and, while it is
 * open, "Geregeld" (with an optional line to the pair) and "Kan niet" (with a reason). The
 * buttons carry ids only (`need.arrange`, `need.decline` with the need's id); each input's id
 * names the need, so several requests on one card do not share a field.
 */
import type { DateTime } from 'luxon';
import type { Locale } from '../../domain/entities';
import { MAX_LEADER_LINE_CHARS as MAX_LEADER_LINE } from '../../domain/pair-needs';
import { t } from '../../i18n/translate';
import { declineChoices, leaderNeedItems, type LeaderNeedItem, type NeedForLeader } from './leader-items';

/**
 * At most this many requests on one card (each with its two forms is about 1.7 KB): a card stays
 * well under Teams' message size; the rest are counted, with a pointer to the tab, oldest first shown.
 */
export const MAX_CARD_NEEDS = 12;

/** The input ids of a need's line and reason on a card (the handlers read them back). */
export const lineInputId = (needId: string): string => `line:${needId}`;
export const reasonInputId = (needId: string): string => `reason:${needId}`;

export interface LeaderNeedsCardItem extends LeaderNeedItem {
  /** "Voor het plannen van een lesbezoek · Sinds … · Nodig vóór …" */
  readonly details: string;
  readonly lineId: string;
  readonly reasonId: string;
  /** The button's data: the need, the school, and which card it is on (the daily message is answered with itself). */
  readonly answerData: { readonly needId: string; readonly schoolId: string; readonly card: NeedsCardKind };
}

export interface LeaderNeedsSection {
  readonly schoolId: string;
  readonly heading: string;
  readonly intro: string;
  readonly hasItems: boolean;
  readonly items: readonly LeaderNeedsCardItem[];
  /** "En nog 3 verzoeken: je vindt ze in de tab Tweetal." beyond MAX_CARD_NEEDS; else ''. */
  readonly more: string;
  readonly labels: {
    readonly arrange: string;
    readonly decline: string;
    readonly lineLabel: string;
    readonly linePlaceholder: string;
    readonly lineMax: number;
    readonly reasonLabel: string;
    readonly reasonRequired: string;
    readonly sendArranged: string;
    readonly sendDeclined: string;
  };
  readonly reasons: readonly { readonly title: string; readonly value: string }[];
}

/** The cards that carry the section: the leaders' daily message, or the weekly digest. */
export type NeedsCardKind = 'batch' | 'digest';

export interface LeaderNeedsSectionInput {
  readonly locale: Locale;
  readonly schoolId: string;
  readonly needs: readonly NeedForLeader[];
  /** Names as cards show them (escaped markdown). */
  readonly nameOf: (userId: string) => string;
  readonly timezone: string;
  readonly now: DateTime;
  /** Default 'digest'. */
  readonly card?: NeedsCardKind;
}

export function leaderNeedsSection(input: LeaderNeedsSectionInput): LeaderNeedsSection {
  const { locale } = input;
  const all = leaderNeedItems(input);
  const items = all.slice(0, MAX_CARD_NEEDS).map((item) => ({
    ...item,
    details: [item.forStep, item.since, item.neededBy].filter((part) => part !== '').join(' · '),
    lineId: lineInputId(item.needId),
    reasonId: reasonInputId(item.needId),
    answerData: { needId: item.needId, schoolId: input.schoolId, card: input.card ?? 'digest' },
  }));
  return {
    schoolId: input.schoolId,
    heading: t(locale, 'leader.heading'),
    intro: t(locale, 'leader.intro'),
    hasItems: items.length > 0,
    items,
    more: all.length > items.length ? t(locale, 'leader.more', { count: all.length - items.length }) : '',
    labels: {
      arrange: t(locale, 'leader.arrange'),
      decline: t(locale, 'leader.decline'),
      lineLabel: t(locale, 'leader.lineLabel'),
      linePlaceholder: t(locale, 'leader.linePlaceholder'),
      lineMax: MAX_LEADER_LINE,
      reasonLabel: t(locale, 'leader.reasonLabel'),
      reasonRequired: t(locale, 'leader.reasonRequired'),
      sendArranged: t(locale, 'leader.sendArranged'),
      sendDeclined: t(locale, 'leader.sendDeclined'),
    },
    reasons: declineChoices(locale),
  };
}
