/**
 * A date and a time as typed on a card (Input.Date yyyy-MM-dd, Input.Time HH:mm), read in the
 * school's time zone. DST-safe: a time that does not exist on that day (the hour skipped in
 * spring) is refused rather than silently shifted.
 */
import { DateTime } from 'luxon';
import { fail, ok, type Result } from '../../domain/errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(?::\d{2})?$/;

export function parseLocalMoment(date: unknown, time: unknown, zone: string, field = 'date'): Result<DateTime> {
  if (date === undefined || date === null || date === '') return fail('FIELD_REQUIRED', { field });
  if (time === undefined || time === null || time === '')
    return fail('FIELD_REQUIRED', { field: field === 'date' ? 'time' : field });
  if (typeof date !== 'string' || typeof time !== 'string' || !DATE.test(date) || !TIME.test(time))
    return fail('DATE_INVALID');
  const hhmm = time.slice(0, 5);
  const moment = DateTime.fromISO(`${date}T${hhmm}`, { zone });
  if (!moment.isValid) return fail('DATE_INVALID');
  // Luxon moves a non-existent local time (DST gap) forward; that is not what was chosen.
  if (moment.toFormat('yyyy-MM-dd') !== date || moment.toFormat('HH:mm') !== hhmm) return fail('DATE_INVALID');
  return ok(moment);
}

/** Refuse a moment in the past or outside the programme period (calendar dates in the zone). */
export function checkPlannable(
  moment: DateTime,
  now: DateTime,
  programme: { startDate: string; endDate: string } | undefined,
  zone: string,
): Result<DateTime> {
  if (moment <= now) return fail('DATE_IN_PAST');
  if (programme) {
    const day = moment.setZone(zone).toISODate()!;
    if (day < programme.startDate || day > programme.endDate)
      return fail('DATE_OUTSIDE_PROGRAMME', { start: programme.startDate, end: programme.endDate });
  }
  return ok(moment);
}
