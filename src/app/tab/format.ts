/** Dates for the tab, formatted in the reader's language and the school's time zone. Pure. */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/entities';

const LUXON_LOCALE: Readonly<Record<Locale, string>> = { nl: 'nl-NL', en: 'en-GB' };

/** "di 10 mrt, 09:00" / "Tue 10 Mar, 09:00" for a stored UTC instant. */
export function formatMoment(iso: string | undefined, zone: string, locale: Locale): string | undefined {
  if (!iso) return undefined;
  const value = DateTime.fromISO(iso, { zone: 'utc' });
  if (!value.isValid) return undefined;
  return value.setZone(zone).setLocale(LUXON_LOCALE[locale]).toFormat('ccc d LLL yyyy, HH:mm');
}

/** "1 feb – 30 jun 2026" for two ISO calendar dates. */
export function formatPeriod(startDate: string, endDate: string, locale: Locale): string {
  const start = DateTime.fromISO(startDate).setLocale(LUXON_LOCALE[locale]);
  const end = DateTime.fromISO(endDate).setLocale(LUXON_LOCALE[locale]);
  if (!start.isValid || !end.isValid) return `${startDate} – ${endDate}`;
  const startFormat = start.year === end.year ? 'd LLL' : 'd LLL yyyy';
  return `${start.toFormat(startFormat)} – ${end.toFormat('d LLL yyyy')}`;
}

/** The name shown for someone whose name Tweetal does not know yet. */
export const unknownName = (locale: Locale): string => (locale === 'nl' ? 'Collega' : 'Colleague');
