/**
 * The programme setup form (traject), checked field by field: a pure function from the submitted
 * card inputs to settings, or the first problem as a typed error (field name + limits).
 * Nothing is stored when this fails.
 */
import { DateTime } from 'luxon';
import type { NudgeThresholds, Programme, QuietPeriod } from '../../domain/entities';
import { isThemeKey } from '../../domain/choices';
import { fail, ok, type Result } from '../../domain/errors';
import {
  checkText,
  MAX_NAME,
  MAX_PERSONAL_LINE,
  MAX_VIDEO_RULES,
  MAX_SHORT_TEXT,
  MAX_THEME,
} from '../../domain/limits';
import { choiceKeyOf } from '../../i18n/choices';

export const DEFAULT_THRESHOLDS: NudgeThresholds = {
  noVisitPlannedDays: 7,
  noObservationDays: 3,
  noDebriefScheduledDays: 5,
  noDebriefRecordedDays: 2,
  endApproachingDays: 21,
  minDaysBetweenNudges: 3,
};

/** Allowed ranges of the numbers on the form (inclusive). */
export const RANGES = {
  visitsPerCycle: [1, 10],
  digestWeekday: [1, 7],
  digestHour: [0, 23],
  noVisitPlannedDays: [1, 60],
  noObservationDays: [1, 60],
  noDebriefScheduledDays: [1, 60],
  noDebriefRecordedDays: [1, 60],
  endApproachingDays: [0, 120],
  minDaysBetweenNudges: [1, 30],
} as const satisfies Record<string, readonly [number, number]>;

export const MAX_QUIET_PERIODS = 6;
/** A programme lasts at most this many days (a school year and a bit). */
export const MAX_PROGRAMME_DAYS = 400;

/** What the setup card edits: the programme's own settings. */
export type ProgrammeSettings = Pick<
  Programme,
  | 'theme'
  | 'startDate'
  | 'endDate'
  | 'visitsPerCycle'
  | 'digestWeekday'
  | 'digestHour'
  | 'thresholds'
  | 'quietPeriods'
  | 'nudgeSenderName'
  | 'nudgePersonalLine'
  | 'videoRules'
  | 'textsInTabOnly'
>;

type Form = Readonly<Record<string, unknown>>;

function integer(form: Form, field: keyof typeof RANGES): Result<number> {
  const raw = form[field];
  if (raw === undefined || raw === null || raw === '') return fail('FIELD_REQUIRED', { field });
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  const [min, max] = RANGES[field];
  if (!Number.isInteger(value)) return fail('INVALID_INPUT', { field });
  if (value < min || value > max) return fail('NUMBER_OUT_OF_RANGE', { field, min, max });
  return ok(value);
}

function isoDate(form: Form, field: string, required: boolean): Result<string | undefined> {
  const raw = form[field];
  if (raw === undefined || raw === null || raw === '')
    return required ? fail('FIELD_REQUIRED', { field }) : ok(undefined);
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return fail('DATE_INVALID', { field });
  const date = DateTime.fromISO(raw.trim(), { zone: 'UTC' });
  if (!date.isValid) return fail('DATE_INVALID', { field });
  return ok(date.toISODate()!);
}

/**
 * The theme: free text wins over the chosen suggestion. A suggestion is stored as its key
 * (THEME_KEYS; a card sent before keys carries its label, read as the key); typed text that is
 * exactly a suggestion's label is stored as that key too. A forged suggestion is refused.
 */
function theme(form: Form): Result<string> {
  const other = checkText('theme', form['themeOther'], MAX_THEME, false);
  if (!other.ok) return other;
  if (other.value) {
    const typed = choiceKeyOf(other.value);
    return ok(typed && isThemeKey(typed) ? typed : other.value);
  }
  const choice = form['themeChoice'];
  if (choice === undefined || choice === null || choice === '') return fail('FIELD_REQUIRED', { field: 'theme' });
  const key = typeof choice === 'string' ? choiceKeyOf(choice) : undefined;
  if (!key || !isThemeKey(key)) return fail('INVALID_INPUT', { field: 'theme' });
  return ok(key);
}

function quietPeriods(form: Form): Result<QuietPeriod[]> {
  const periods: QuietPeriod[] = [];
  for (let i = 0; i < MAX_QUIET_PERIODS; i++) {
    const filled = [`quietStart${i}`, `quietEnd${i}`, `quietLabel${i}`].some(
      (k) => typeof form[k] === 'string' && (form[k] as string).trim() !== '',
    );
    if (!filled) continue;
    const start = isoDate(form, `quietStart${i}`, true);
    if (!start.ok) return fail(start.error.code, { ...start.error.detail, field: 'quietStart' });
    const end = isoDate(form, `quietEnd${i}`, true);
    if (!end.ok) return fail(end.error.code, { ...end.error.detail, field: 'quietEnd' });
    if (end.value! < start.value!) return fail('END_BEFORE_START', { field: 'quietPeriod' });
    const label = checkText('quietLabel', form[`quietLabel${i}`], MAX_SHORT_TEXT, false);
    if (!label.ok) return label;
    periods.push({ start: start.value!, end: end.value!, label: label.value });
  }
  return ok(periods.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)));
}

/** Check the whole form; the first problem wins. */
export function parseProgrammeForm(form: Form): Result<ProgrammeSettings> {
  const themeResult = theme(form);
  if (!themeResult.ok) return themeResult;
  const start = isoDate(form, 'startDate', true);
  if (!start.ok) return start as Result<never>;
  const end = isoDate(form, 'endDate', true);
  if (!end.ok) return end as Result<never>;
  if (end.value! < start.value!) return fail('END_BEFORE_START', { field: 'endDate' });
  const days = DateTime.fromISO(end.value!).diff(DateTime.fromISO(start.value!), 'days').days;
  if (days > MAX_PROGRAMME_DAYS)
    return fail('NUMBER_OUT_OF_RANGE', { field: 'period', min: 1, max: MAX_PROGRAMME_DAYS });
  const numbers: Record<string, number> = {};
  for (const field of Object.keys(RANGES) as (keyof typeof RANGES)[]) {
    const value = integer(form, field);
    if (!value.ok) return value;
    numbers[field] = value.value;
  }
  const quiet = quietPeriods(form);
  if (!quiet.ok) return quiet;
  const sender = checkText('nudgeSenderName', form['nudgeSenderName'], MAX_NAME, true);
  if (!sender.ok) return sender;
  const line = checkText('nudgePersonalLine', form['nudgePersonalLine'], MAX_PERSONAL_LINE, false);
  if (!line.ok) return line;
  const videoRules = checkText('videoRules', form['videoRules'], MAX_VIDEO_RULES, false);
  if (!videoRules.ok) return videoRules;
  const textsInTab = toggle(form, 'textsInTabOnly');
  if (!textsInTab.ok) return textsInTab;
  return ok({
    theme: themeResult.value,
    startDate: start.value!,
    endDate: end.value!,
    visitsPerCycle: numbers['visitsPerCycle']!,
    digestWeekday: numbers['digestWeekday']!,
    digestHour: numbers['digestHour']!,
    thresholds: {
      noVisitPlannedDays: numbers['noVisitPlannedDays']!,
      noObservationDays: numbers['noObservationDays']!,
      noDebriefScheduledDays: numbers['noDebriefScheduledDays']!,
      noDebriefRecordedDays: numbers['noDebriefRecordedDays']!,
      endApproachingDays: numbers['endApproachingDays']!,
      minDaysBetweenNudges: numbers['minDaysBetweenNudges']!,
    },
    quietPeriods: quiet.value,
    nudgeSenderName: sender.value,
    ...(line.value ? { nudgePersonalLine: line.value } : {}),
    ...(videoRules.value ? { videoRules: videoRules.value } : {}),
    ...(textsInTab.value ? { textsInTabOnly: true } : {}),
  });
}

/** An Input.Toggle: 'true' / 'false' (absent: off); anything else is refused. */
function toggle(form: Form, field: string): Result<boolean> {
  const raw = form[field];
  if (raw === undefined || raw === null || raw === '' || raw === false || raw === 'false') return ok(false);
  if (raw === true || raw === 'true') return ok(true);
  return fail('INVALID_INPUT', { field });
}
