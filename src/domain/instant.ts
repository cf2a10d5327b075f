/**
 * Stored instants (ISO 8601 with an offset, as the store holds them: "2026-03-05T09:00:00.000Z")
 * as luxon moments, fast: the behind-rules and visit rules compare and count days between a
 * handful of instants per pair, for every pair of every school in a job run, and luxon's ISO
 * parser was the largest cost of a digest run. A plain instant with day 01–28 (valid in every
 * month) is read by the engine's Date.parse, exact for that form; anything else goes through
 * luxon, as before. The moment is in UTC: callers compare instants or convert to the school's zone.
 */
import { DateTime } from 'luxon';
import { remembered } from './remembered';

const PLAIN_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant an ISO text names, or undefined when there is none or it is not a valid instant. */
export function instantOf(iso: string | undefined): DateTime | undefined {
  if (!iso) return undefined;
  if (PLAIN_INSTANT.test(iso)) {
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return DateTime.fromMillis(ms, { zone: 'utc' });
  }
  const value = DateTime.fromISO(iso, { setZone: true });
  return value.isValid ? value : undefined;
}

/**
 * The same instant as milliseconds since 1970 (UTC), without building a luxon moment: for rules
 * that only compare instants and count calendar days between them (src/domain/calendar.ts takes
 * either), once per pair of every school in a job run.
 */
export function instantMillis(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  if (PLAIN_INSTANT.test(iso)) {
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return ms;
  }
  const value = DateTime.fromISO(iso, { setZone: true });
  return value.isValid ? value.toMillis() : undefined;
}

/** The start of a calendar day ("2026-03-05") in a zone; remembered (a programme's dates recur for every pair). */
export const startOfDay = remembered(
  (date: string, zone: string) => `${zone}|${date}`,
  (date: string, zone: string): DateTime => DateTime.fromISO(date, { zone }).startOf('day'),
);
