/**
 * "Wat tweetallen nodig hebben" / "What pairs need" as the school leader sees it (issue 15, the
 * leader's side): per pair the names, the categories, since when, by when and the step it is for,
 * and whether it is still open or who answered. Pure. It never reads or returns the pair's own
 * note (`pairNote`): the items have no field for it. One model for the three places that show it:
 * the leaders' daily 1:1 message, the weekly digest and the leader tab.
 */
import type { DateTime } from 'luxon';
import type { Locale, NeedCategory, NeedDeclineReason, NudgeKind, PairNeed } from '../../domain/entities';
import { formatDay } from '../../i18n/dates';
import { listOf, t } from '../../i18n/translate';

export const DECLINE_REASONS: readonly NeedDeclineReason[] = ['noCover', 'timetableFixed', 'budget', 'other'];

export const isDeclineReason = (value: unknown): value is NeedDeclineReason =>
  typeof value === 'string' && (DECLINE_REASONS as readonly string[]).includes(value);

export interface LeaderNeedItem {
  readonly needId: string;
  /** The need's version when the view was made (cards and the tab send it back). */
  readonly version: string;
  readonly programmeId: string;
  readonly pairId: string;
  /** The pair's members, joined the language's way ("Anna en Bram"). */
  readonly names: string;
  /** The categories in the leader's words, joined ("werkdruk en vervanging nodig voor de klas"). */
  readonly categories: string;
  /** "Sinds woensdag 2 december" */
  readonly since: string;
  /** "Nodig vóór vrijdag 11 december", or '' without a date. */
  readonly neededBy: string;
  /** "Voor het plannen van een lesbezoek" */
  readonly forStep: string;
  readonly open: boolean;
  /** For an answered need: "Geregeld door Anna de Vries" or "Kan niet, volgens …: geen budget"; else ''. */
  readonly answered: string;
}

/** A need as leaders may see it: without the pair's own note (it is never read here). */
export type NeedForLeader = Omit<PairNeed, 'pairNote'>;

export interface LeaderItemsInput {
  readonly needs: readonly NeedForLeader[];
  readonly locale: Locale;
  readonly timezone: string;
  readonly now: DateTime;
  /** A person's name as this surface shows it (escaped markdown on cards, plain in the tab). */
  readonly nameOf: (userId: string) => string;
}

export const categoryLabel = (category: NeedCategory, locale: Locale): string =>
  t(locale, `leader.categories.${category}`);

export const categoryList = (categories: readonly NeedCategory[], locale: Locale): string =>
  listOf(
    locale,
    categories.map((c) => categoryLabel(c, locale)),
  );

export const declineReasonLabel = (reason: NeedDeclineReason, locale: Locale): string =>
  t(locale, `leader.declineReasons.${reason}`);

export const needStepLabel = (step: NudgeKind, locale: Locale): string => t(locale, `leader.steps.${step}`);

/** The decline reasons as choices (title in the reader's language, value the stored key). */
export const declineChoices = (locale: Locale): { title: string; value: NeedDeclineReason }[] =>
  DECLINE_REASONS.map((value) => ({ title: declineReasonLabel(value, locale), value }));

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** Oldest request first (the one waiting longest), then by id. */
const byRequest = (a: NeedForLeader, b: NeedForLeader): number =>
  a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id < b.id ? -1 : 1;

export function leaderNeedItems(input: LeaderItemsInput): LeaderNeedItem[] {
  const { locale } = input;
  const reader = { locale, zone: input.timezone, now: input.now };
  return [...input.needs].sort(byRequest).map((need) => ({
    needId: need.id,
    version: need.version ?? '',
    programmeId: need.programmeId,
    pairId: need.pairId,
    names: listOf(locale, need.personIds.map(input.nameOf)),
    categories: capitalised(categoryList(need.categories, locale)),
    since: t(locale, 'leader.since', { date: formatDay(need.requestedAt, reader) }),
    neededBy: need.neededBy ? t(locale, 'leader.neededBy', { date: formatDay(need.neededBy, reader) }) : '',
    forStep: t(locale, 'leader.forStep', { step: needStepLabel(need.step, locale) }),
    open: need.status === 'open',
    answered: answeredLine(need, input),
  }));
}

function answeredLine(need: NeedForLeader, input: LeaderItemsInput): string {
  if (need.status === 'open') return '';
  const name = need.answeredBy ? input.nameOf(need.answeredBy) : t(input.locale, 'visitFields.colleague');
  if (need.status === 'arranged') return t(input.locale, 'leader.answeredArranged', { name });
  return t(input.locale, 'leader.answeredDeclined', {
    name,
    reason: declineReasonLabel(need.declineReason ?? 'other', input.locale),
  });
}
