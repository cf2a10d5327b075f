/**
 * Calendar arithmetic in the school's time zone. A day is a calendar day there, so the
 * 23-hour and 25-hour days of the DST changes each count as one day.
 */
import type { DateTime } from 'luxon';

/** Whole calendar days from `from` to `to` in `timezone` (negative when `to` is earlier). */
export function calendarDaysBetween(from: DateTime, to: DateTime, timezone: string): number {
  // The local dates' distance, counted on the UTC calendar (whose days are all 24 hours): the
  // same answer as diffing the two local midnights, without building and diffing DateTimes.
  const start = from.setZone(timezone);
  const end = to.setZone(timezone);
  return Math.round(
    (Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) / DAY_MS,
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO date (yyyy-MM-dd) of a moment in `timezone`. */
export function localDate(moment: DateTime, timezone: string): string {
  return moment.setZone(timezone).toISODate()!;
}
