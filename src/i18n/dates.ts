/**
 * The one date and time format of each language, for every surface (cards, tab, nudges, digest,
 * export card, error messages). Pure: luxon with the reader's language, in the school's time zone,
 * with "now" passed in.
 *
 *   moment: "woensdag 2 december, 14:00"  /  "Wednesday 2 December, 14:00"
 *   day:    "woensdag 2 december"          /  "Wednesday 2 December"
 *
 * The year is added only when the date is not in the current school year (schooljaar), which runs
 * from 1 August to 31 July: "dinsdag 31 augustus 2027, 09:00".
 */
import { DateTime } from 'luxon';
import type { Locale } from '../domain/entities';
import { LANGUAGE_TAG } from './language-tag';

/** Who reads the date, where and when: the language, the school's zone and the current moment. */
export interface DateReader {
  readonly locale: Locale;
  readonly zone: string;
  readonly now: DateTime;
}

/** A stored instant (ISO with offset, stored as UTC), a calendar date ("2027-03-31") or a luxon moment. */
export type DateInput = string | DateTime | undefined;

/** The first month of a school year: August. */
const SCHOOL_YEAR_START_MONTH = 8;

/** The school year a moment belongs to, named by the calendar year it starts in (2026 for 2026/27). */
export function schoolYearOf(moment: DateTime): number {
  return moment.month >= SCHOOL_YEAR_START_MONTH ? moment.year : moment.year - 1;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The value as a moment in the school's zone; a calendar date is that day in the zone. */
function local(value: DateInput, zone: string): DateTime | undefined {
  if (value === undefined || value === '') return undefined;
  const moment =
    typeof value === 'string'
      ? CALENDAR_DATE.test(value)
        ? DateTime.fromISO(value, { zone })
        : DateTime.fromISO(value, { zone: 'utc' }).setZone(zone)
      : value.setZone(zone);
  return moment.isValid ? moment : undefined;
}

function dayPattern(moment: DateTime, reader: DateReader): string {
  const sameSchoolYear = schoolYearOf(moment) === schoolYearOf(reader.now.setZone(reader.zone));
  return sameSchoolYear ? 'cccc d LLLL' : 'cccc d LLLL yyyy';
}

/**
 * Formatted dates by language, zone, the reader's school year and the value: formatting is pure,
 * and the same few moments (a visit's start, a programme's dates) are formatted on every card
 * and every refresh, each time through luxon's tokens and Intl. Bounded: cleared when full.
 */
const formattedDates = new Map<string, string>();
const MAX_FORMATTED_DATES = 5000;

function format(value: DateInput, reader: DateReader, withTime: boolean): string {
  const key =
    value === undefined || value === ''
      ? undefined
      : `${reader.locale}|${reader.zone}|${withTime ? 't' : 'd'}|${schoolYearOf(reader.now.setZone(reader.zone))}|${
          typeof value === 'string' ? value : `${value.toMillis()}`
        }`;
  const remembered = key === undefined ? undefined : formattedDates.get(key);
  if (remembered !== undefined) return remembered;
  const moment = local(value, reader.zone);
  if (!moment) return typeof value === 'string' ? value : '';
  const pattern = dayPattern(moment, reader) + (withTime ? ', HH:mm' : '');
  const text = moment.setLocale(LANGUAGE_TAG[reader.locale]).toFormat(pattern);
  if (key !== undefined) {
    if (formattedDates.size >= MAX_FORMATTED_DATES) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** A moment with its time: "woensdag 2 december, 14:00". Unreadable text is shown as given, nothing as ''. */
export function formatMoment(value: DateInput, reader: DateReader): string {
  return format(value, reader, true);
}

/** A calendar day: "woensdag 2 december" (programme dates, "until" dates). */
export function formatDay(value: DateInput, reader: DateReader): string {
  return format(value, reader, false);
}

/** A period of two calendar days: "maandag 1 februari – dinsdag 30 juni". */
export function formatPeriod(start: DateInput, end: DateInput, reader: DateReader): string {
  return `${formatDay(start, reader)} – ${formatDay(end, reader)}`;
}

/** The reader of a turn: its language and moment, in the school's zone. */
export function readerOf(
  turn: { readonly locale: Locale; readonly now: DateTime },
  school: { readonly timezone: string },
): DateReader {
  return { locale: turn.locale, zone: school.timezone, now: turn.now };
}

/** A calendar month ("2026-03") with its year, for counts per month: "maart 2026" / "March 2026". */
export function formatCalendarMonth(month: string, locale: Locale): string {
  const moment = DateTime.fromFormat(month, 'yyyy-MM');
  return moment.isValid ? moment.setLocale(LANGUAGE_TAG[locale]).toFormat('LLLL yyyy') : month;
}

/** A chart's axis label for the week starting on a day: "2 mrt" / "2 Mar" (no weekday, no year). */
export function formatWeekLabel(weekStart: DateTime, locale: Locale): string {
  return weekStart.setLocale(LANGUAGE_TAG[locale]).toFormat('d LLL');
}
