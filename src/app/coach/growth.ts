/**
 * The team's growth in describing, as the leader and each teacher see it (issue 14): read from
 * the coach tallies (counts only), shown through domain/coach-trend's minimums. Pure. The one
 * place for the growth line of the digest, the tab's month labels and a teacher's own line.
 */
import type { DateTime } from 'luxon';
import {
  personalTrend,
  programmeMonths,
  schoolTrend,
  thisAndLastMonth,
  type Month,
  type PersonalMonthTrend,
  type SchoolMonthTrend,
} from '../../domain/coach-trend';
import type { CoachTally, Locale, Programme } from '../../domain/entities';
import { formatCalendarMonth } from '../../i18n/dates';
import { t } from '../../i18n/translate';

type Tally = Pick<CoachTally, 'programmeId' | 'authorId' | 'visitAt' | 'findings' | 'hasQuestion'>;

export interface GrowthChange {
  readonly current: SchoolMonthTrend;
  readonly previous: SchoolMonthTrend;
}

const ofProgramme = (tallies: readonly Tally[], programmeId: string) =>
  tallies.filter((tally) => tally.programmeId === programmeId);

/** This month and last month of a programme, for the digest's line. */
export function growthChange(
  tallies: readonly Tally[],
  programmeId: string,
  now: DateTime,
  zone: string,
): GrowthChange {
  const [current, previous] = schoolTrend(ofProgramme(tallies, programmeId), [...thisAndLastMonth(now, zone)], zone);
  return { current: current!, previous: previous! };
}

/** The school's trend over the programme's months (the leader's chart). */
export function programmeGrowth(
  tallies: readonly Tally[],
  programme: Pick<Programme, 'id' | 'startDate' | 'endDate'>,
  now: DateTime,
  zone: string,
): SchoolMonthTrend[] {
  return schoolTrend(ofProgramme(tallies, programme.id), programmeMonths(programme, now, zone), zone);
}

/** One teacher's own trend over the programme's months (only they see it). */
export function ownGrowth(
  tallies: readonly Tally[],
  authorId: string,
  programme: Pick<Programme, 'id' | 'startDate' | 'endDate'>,
  now: DateTime,
  zone: string,
): PersonalMonthTrend[] {
  return personalTrend(ofProgramme(tallies, programme.id), authorId, programmeMonths(programme, now, zone), zone);
}

/** "maart 2026" / "March 2026" (the one date module's month format). */
export const formatMonth = (month: Month, locale: Locale): string => formatCalendarMonth(month, locale);

const percent = (share: number): number => Math.round(share * 100);

/** The digest's one line: this month's shares and the change since last month, or "not enough yet". */
export function growthLine(change: GrowthChange, locale: Locale): string {
  const { current, previous } = change;
  if (!current.shown) return t(locale, 'messages.growth.notEnough');
  const params = {
    month: formatMonth(current.month, locale),
    described: percent(current.describedShare),
    question: percent(current.questionShare),
  };
  if (!previous.shown) return t(locale, 'messages.growth.line', params);
  const delta = percent(current.describedShare) - percent(previous.describedShare);
  return t(locale, 'messages.growth.lineWithChange', {
    ...params,
    change: delta === 0 ? '±0' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`,
  });
}

/** A teacher's own line for `mijn cyclus`: this month's observations, undefined when none yet. */
export function ownGrowthLine(trend: readonly PersonalMonthTrend[], locale: Locale): string | undefined {
  const written = trend.filter((m) => m.observations > 0);
  if (written.length === 0) return undefined;
  const observations = written.reduce((n, m) => n + m.observations, 0);
  const described = written.reduce((n, m) => n + m.described, 0);
  const withQuestion = written.reduce((n, m) => n + m.withQuestion, 0);
  return t(locale, 'messages.growth.own', { observations, described, withQuestion });
}
