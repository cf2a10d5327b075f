/**
 * When the bot may send a nudge (flow 8): never on quiet days (weekends and the programme's
 * quiet periods, such as school holidays) nor outside school hours, all in the school's time
 * zone; and at most one nudge per person per so many days.
 */
import type { DateTime } from 'luxon';
import { calendarDaysBetween } from './calendar';
import type { QuietPeriod } from './entities';

/** School hours in the school's zone: from `start` (inclusive) to `end` (exclusive), in hours. */
export interface SchoolHours {
  readonly start: number;
  readonly end: number;
}

export const DEFAULT_SCHOOL_HOURS: SchoolHours = { start: 8, end: 17 };

/** How far ahead nextSendableMoment looks before it gives up (about ten years). */
const MAX_DAYS_AHEAD = 3660;

function validHours(hours: SchoolHours): boolean {
  return (
    Number.isFinite(hours.start) &&
    Number.isFinite(hours.end) &&
    hours.start >= 0 &&
    hours.end <= 24 &&
    hours.start < hours.end
  );
}

/** True on a Saturday or Sunday, or on a day within a quiet period (inclusive ISO dates), in the school's zone. */
export function isQuietDay(moment: DateTime, timezone: string, quietPeriods: readonly QuietPeriod[]): boolean {
  const local = moment.setZone(timezone);
  if (local.weekday >= 6) return true;
  const date = local.toISODate()!;
  return quietPeriods.some((period) => period.start <= date && date <= period.end);
}

/** True when no nudge may be sent at `now`: a quiet day, or outside school hours in the school's zone. */
export function isQuietTime(
  now: DateTime,
  timezone: string,
  quietPeriods: readonly QuietPeriod[],
  schoolHours: SchoolHours = DEFAULT_SCHOOL_HOURS,
): boolean {
  if (!validHours(schoolHours)) return true;
  if (isQuietDay(now, timezone, quietPeriods)) return true;
  const local = now.setZone(timezone);
  const minutes = local.hour * 60 + local.minute;
  return minutes < schoolHours.start * 60 || minutes >= schoolHours.end * 60;
}

/**
 * `now` when it is not quiet, else the start of school hours on the next day that is not quiet
 * (today, when it is a school day and school has not started yet), in the school's zone.
 * Undefined only when the school hours are invalid (start not before end) or no day within
 * about ten years is free.
 */
export function nextSendableMoment(
  now: DateTime,
  timezone: string,
  quietPeriods: readonly QuietPeriod[],
  schoolHours: SchoolHours = DEFAULT_SCHOOL_HOURS,
): DateTime | undefined {
  if (!validHours(schoolHours)) return undefined;
  const local = now.setZone(timezone);
  if (!isQuietTime(local, timezone, quietPeriods, schoolHours)) return local;
  const startMinutes = Math.round(schoolHours.start * 60);
  const opening = (day: DateTime) =>
    day.set({ hour: Math.floor(startMinutes / 60), minute: startMinutes % 60, second: 0, millisecond: 0 });
  let day = local.startOf('day');
  if (local.hour * 60 + local.minute >= startMinutes) day = day.plus({ days: 1 });
  for (let i = 0; i <= MAX_DAYS_AHEAD; i++, day = day.plus({ days: 1 })) {
    if (!isQuietDay(day, timezone, quietPeriods)) return opening(day);
  }
  return undefined;
}

/**
 * True when a person may get another nudge: never nudged, or at least `minDaysBetweenNudges`
 * calendar days since the last one, counted in the zone of `now` (pass `now` in the school's
 * zone), so a nudge on Monday afternoon allows the next one on Thursday morning with 3 days.
 */
export function nudgeAllowed(lastNudgeAt: DateTime | undefined, now: DateTime, minDaysBetweenNudges: number): boolean {
  if (!lastNudgeAt || !lastNudgeAt.isValid) return true;
  if (lastNudgeAt > now) return false;
  if (minDaysBetweenNudges <= 0) return true;
  return calendarDaysBetween(lastNudgeAt, now, now.zoneName ?? 'UTC') >= minDaysBetweenNudges;
}
