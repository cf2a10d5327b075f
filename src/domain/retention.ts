/**
 * Retention of programme texts (bewaartermijn): a programme's texts — observations, reflections,
 * debrief agreements and the plan fields of its visits (lesson, focus, discussion goal) — are
 * erased a set number of days after the programme's end date. Counts and completion (visits,
 * cycles, pairs) stay. Leaders are told in the weekly digest during the last NOTICE_DAYS.
 * Pure: dates are calendar dates in the school's time zone, `now` is passed in.
 */
import type { DateTime } from 'luxon';
import { DateTime as LuxonDateTime } from 'luxon';
import { localDate } from './calendar';
import type { Programme } from './entities';
import { remembered } from './remembered';

/** How many days before the erasure the leader's digest mentions it. */
export const RETENTION_NOTICE_DAYS = 30;

/** The calendar date (yyyy-MM-dd) from which the programme's texts are erased. */
export function textErasureDate(programme: Pick<Programme, 'endDate'>, retentionDays: number): string {
  return erasureDates(programme.endDate, retentionDays).erasure;
}

/** The erasure date and the first day of its notice, by end date and retention (a run asks per programme of every school). */
const erasureDates = remembered(
  (endDate: string, retentionDays: number) => `${endDate}|${retentionDays}`,
  (endDate: string, retentionDays: number) => {
    const erasure = LuxonDateTime.fromISO(endDate, { zone: 'utc' }).plus({ days: retentionDays });
    return Object.freeze({
      erasure: erasure.toISODate()!,
      noticeFrom: erasure.minus({ days: RETENTION_NOTICE_DAYS }).toISODate()!,
    });
  },
);

/** True from the erasure date on (in the school's zone) while the texts have not been erased yet. */
export function isTextErasureDue(
  programme: Pick<Programme, 'endDate' | 'textsErasedAt'>,
  now: DateTime,
  timezone: string,
  retentionDays: number,
): boolean {
  if (programme.textsErasedAt) return false;
  return localDate(now, timezone) >= textErasureDate(programme, retentionDays);
}

/** True in the NOTICE_DAYS before the erasure date (the leader is told in the digest). */
export function isTextErasureNear(
  programme: Pick<Programme, 'endDate' | 'textsErasedAt'>,
  now: DateTime,
  timezone: string,
  retentionDays: number,
): boolean {
  if (programme.textsErasedAt) return false;
  const { erasure, noticeFrom } = erasureDates(programme.endDate, retentionDays);
  const today = localDate(now, timezone);
  return today >= noticeFrom && today < erasure;
}
