/**
 * Calendar arithmetic in the school's time zone. A day is a calendar day there, so the
 * 23-hour and 25-hour days of the DST changes each count as one day.
 *
 * Fast (issue 12): a job run asks for the local day of a handful of moments per pair, for every
 * pair of every school. luxon's setZone builds a DateTime and asks Intl for the zone's offset
 * each time; here the offset is remembered per zone and UTC day — when the zone has the same
 * offset at the start and the end of that day, every moment of the day has it (zones change
 * their offset at most once a day) — and the local day is the moment plus that offset. A day
 * with a change asks the zone for the moment itself. Anything luxon cannot place (an invalid
 * moment, an unknown zone) goes through luxon as before.
 */
import { DateTime, IANAZone } from 'luxon';
import { remembered } from './remembered';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Per zone and UTC day (days since 1970): the zone's offset in minutes all that day, or undefined when it changes that day. */
const allDayOffset = remembered(
  (zone: IANAZone, utcDay: number) => `${zone.name}|${utcDay}`,
  (zone: IANAZone, utcDay: number): number | undefined => {
    const start = zone.offset(utcDay * DAY_MS);
    return start === zone.offset((utcDay + 1) * DAY_MS - 1) ? start : undefined;
  },
);

function offsetMinutes(zone: IANAZone, ms: number): number {
  return allDayOffset(zone, Math.floor(ms / DAY_MS)) ?? zone.offset(ms);
}

/**
 * A moment: a luxon DateTime, or milliseconds since 1970 (UTC) for rules that keep instants as
 * numbers (src/domain/instant.ts instantMillis).
 */
export type Moment = DateTime | number;

const millisOf = (moment: Moment): number => (typeof moment === 'number' ? moment : moment.toMillis());
const dateTimeOf = (moment: Moment): DateTime =>
  typeof moment === 'number' ? DateTime.fromMillis(moment, { zone: 'utc' }) : moment;

/** The local calendar day of a moment in a zone, as days since 1970-01-01; undefined when luxon must decide. */
function localDayNumber(moment: Moment, timezone: string): number | undefined {
  const ms = millisOf(moment);
  if (!Number.isFinite(ms)) return undefined;
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) return undefined;
  const offset = offsetMinutes(zone, ms);
  return Number.isFinite(offset) ? Math.floor((ms + offset * MINUTE_MS) / DAY_MS) : undefined;
}

/** Whole calendar days from `from` to `to` in `timezone` (negative when `to` is earlier). */
export function calendarDaysBetween(from: Moment, to: Moment, timezone: string): number {
  const start = localDayNumber(from, timezone);
  const end = localDayNumber(to, timezone);
  if (start !== undefined && end !== undefined) return end - start;
  // The local dates' distance, counted on the UTC calendar (whose days are all 24 hours).
  const a = dateTimeOf(from).setZone(timezone);
  const b = dateTimeOf(to).setZone(timezone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** The ISO date (yyyy-MM-dd) of a moment in `timezone`. */
export function localDate(moment: Moment, timezone: string): string {
  const day = localDayNumber(moment, timezone);
  // Years 0000–9999 as four digits, as luxon writes them; others through luxon.
  if (day !== undefined && day >= -719_528 && day < 2_932_897) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return dateTimeOf(moment).setZone(timezone).toISODate()!;
}
