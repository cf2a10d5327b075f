/**
 * Calendar arithmetic in the school's time zone. A day is a calendar day there, so the
 * 23-hour and 25-hour days of the DST changes each count as one day.
 */
import type { DateTime } from 'luxon';

/** Whole calendar days from `from` to `to` in `timezone` (negative when `to` is earlier). */
export function calendarDaysBetween(from: DateTime, to: DateTime, timezone: string): number {
  const start = from.setZone(timezone).startOf('day');
  const end = to.setZone(timezone).startOf('day');
  return Math.round(end.diff(start, 'days').days);
}

/** The ISO date (yyyy-MM-dd) of a moment in `timezone`. */
export function localDate(moment: DateTime, timezone: string): string {
  return moment.setZone(timezone).toISODate()!;
}
