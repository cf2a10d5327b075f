/**
 * The team's growth in the skill of describing (section 7): per school and month, the share of
 * saved observations in which the coach found nothing ("described without judging") and the
 * share that asks the colleague a question. A month is shown only when it has at least
 * MIN_TREND_OBSERVATIONS observations by at least MIN_TREND_OBSERVERS different observers;
 * otherwise nothing of it is returned (no count, no share), so no figure can be traced to a
 * person. Never per person or pair, except a teacher's own trend, which only they see. Pure.
 */
import { DateTime } from 'luxon';
import type { CoachTally, Programme } from './entities';
import { localDate } from './calendar';
import { remembered } from './remembered';

export const MIN_TREND_OBSERVATIONS = 5;
export const MIN_TREND_OBSERVERS = 3;

/** A month as yyyy-MM. */
export type Month = string;

export type SchoolMonthTrend =
  | { readonly month: Month; readonly shown: true; readonly describedShare: number; readonly questionShare: number }
  | { readonly month: Month; readonly shown: false };

export interface PersonalMonthTrend {
  readonly month: Month;
  readonly observations: number;
  /** Of those, saved with no finding. */
  readonly described: number;
  readonly withQuestion: number;
}

type Tally = Pick<CoachTally, 'authorId' | 'visitAt' | 'findings' | 'hasQuestion'>;

export const monthOf = (iso: string, zone: string): Month =>
  DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM');

const noFinding = (t: Tally): boolean => Object.values(t.findings).every((n) => n === 0);

/** The months of a programme from its start until its end or `now`, whichever is first. */
export function programmeMonths(
  programme: Pick<Programme, 'startDate' | 'endDate'>,
  now: DateTime,
  zone: string,
): Month[] {
  return [...monthsFromTo(programme.startDate, programme.endDate, zone, localDate(now, zone).slice(0, 7))];
}

/**
 * The months from the start date's to the end date's or the current one, whichever is first:
 * they depend on the dates, the zone and the current month only, so they are remembered (every
 * status card asks). A copy is handed out, never the array kept.
 */
const monthsFromTo = remembered(
  (startDate: string, endDate: string, zone: string, currentMonth: Month) =>
    `${startDate}|${endDate}|${zone}|${currentMonth}`,
  (startDate: string, endDate: string, zone: string, currentMonth: Month): readonly Month[] => {
    const endMonth = DateTime.fromISO(endDate, { zone }).toFormat('yyyy-MM');
    const last = endMonth < currentMonth ? endMonth : currentMonth;
    const months: Month[] = [];
    for (
      let m = DateTime.fromISO(startDate, { zone }).startOf('month');
      m.isValid && months.length < 120;
      m = m.plus({ months: 1 })
    ) {
      const month = m.toFormat('yyyy-MM');
      if (month > last) break;
      months.push(month);
    }
    return months;
  },
  1000,
);

function byMonth(tallies: readonly Tally[], zone: string): Map<Month, Tally[]> {
  const grouped = new Map<Month, Tally[]>();
  for (const tally of tallies) {
    const month = monthOf(tally.visitAt, zone);
    grouped.set(month, [...(grouped.get(month) ?? []), tally]);
  }
  return grouped;
}

/** The school's trend over `months`: a share per month only above the minimums. */
export function schoolTrend(tallies: readonly Tally[], months: readonly Month[], zone: string): SchoolMonthTrend[] {
  const grouped = byMonth(tallies, zone);
  return months.map((month): SchoolMonthTrend => {
    const inMonth = grouped.get(month) ?? [];
    const observers = new Set(inMonth.map((t) => t.authorId)).size;
    if (inMonth.length < MIN_TREND_OBSERVATIONS || observers < MIN_TREND_OBSERVERS) return { month, shown: false };
    return {
      month,
      shown: true,
      describedShare: inMonth.filter(noFinding).length / inMonth.length,
      questionShare: inMonth.filter((t) => t.hasQuestion).length / inMonth.length,
    };
  });
}

/** One teacher's own trend: only their tallies, for them alone. */
export function personalTrend(
  tallies: readonly Tally[],
  authorId: string,
  months: readonly Month[],
  zone: string,
): PersonalMonthTrend[] {
  const grouped = byMonth(
    tallies.filter((t) => t.authorId === authorId),
    zone,
  );
  return months.map((month) => {
    const mine = grouped.get(month) ?? [];
    return {
      month,
      observations: mine.length,
      described: mine.filter(noFinding).length,
      withQuestion: mine.filter((t) => t.hasQuestion).length,
    };
  });
}

/** The month of `now` and the one before, for "change since last month". */
export function thisAndLastMonth(now: DateTime, zone: string): [Month, Month] {
  return [...monthAndLast(now, zone)] as [Month, Month];
}

/** Remembered (a digest run asks it for every school): a copy is handed out, never the array kept. */
const monthAndLast = remembered(
  (now: DateTime, zone: string) => `${localDate(now, zone).slice(0, 7)}|${zone}`,
  (now: DateTime, zone: string): readonly [Month, Month] => {
    const month = now.setZone(zone).startOf('month');
    return [month.toFormat('yyyy-MM'), month.minus({ months: 1 }).toFormat('yyyy-MM')];
  },
);
