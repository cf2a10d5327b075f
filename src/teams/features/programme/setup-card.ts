/** The programme setup card (traject): a new programme or the current one, with a notice or error. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_THRESHOLDS, MAX_QUIET_PERIODS, RANGES } from '../../../app/programme/programme-input';
import { renderCard } from '../../../cards/render';
import { isThemeKey, THEME_KEYS } from '../../../domain/choices';
import { choiceKeyOf, choiceOptions, choiceText } from '../../../i18n/choices';
import type { Locale, Programme } from '../../../domain/entities';
import { t } from '../../../i18n/translate';
import type { Stored } from '../../../store/store';

export interface ProgrammeSetupView {
  readonly programmeId: string;
  readonly version: string;
  readonly isNew: boolean;
  readonly notice: string;
  readonly error: string;
  readonly themeChoices: readonly { title: string; value: string }[];
  readonly themeChoice: string;
  readonly themeOther: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly weekdayChoices: readonly { title: string; value: string }[];
  readonly digestWeekday: string;
  readonly numbers: Readonly<Record<keyof typeof RANGES, number>>;
  /** Every row (MAX_QUIET_PERIODS), of which only the filled ones and one empty row are visible. */
  readonly quietRows: readonly QuietRow[];
  /** Ids of the hidden rows, which "add another holiday" shows; empty when all are visible. */
  readonly hiddenQuietRows: readonly string[];
  readonly hasHiddenQuietRows: boolean;
  readonly nudgeSenderName: string;
  readonly nudgePersonalLine: string;
  /** The school's video rules; empty: the default rules (shown as the placeholder). */
  readonly videoRules: string;
  /** "Teachers' texts only in the personal tab": 'true' / 'false' for the Input.Toggle. */
  readonly textsInTabOnly: string;
}

export interface QuietRow {
  readonly i: number;
  readonly id: string;
  readonly visible: boolean;
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/** The holiday rows: the filled ones and one empty row visible, the rest hidden behind "add another". */
function quietRows(
  values: (i: number) => { start: string; end: string; label: string },
): Pick<ProgrammeSetupView, 'quietRows' | 'hiddenQuietRows' | 'hasHiddenQuietRows'> {
  const filled = Array.from({ length: MAX_QUIET_PERIODS }, (_, i) => values(i));
  const lastFilled = filled.reduce((last, row, i) => (row.start || row.end || row.label ? i : last), -1);
  const rows = filled.map((row, i) => ({ i, id: `quietRow${i}`, visible: i <= lastFilled + 1, ...row }));
  const hidden = rows.filter((r) => !r.visible).map((r) => r.id);
  return { quietRows: rows, hiddenQuietRows: hidden, hasHiddenQuietRows: hidden.length > 0 };
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'programme-setup': ProgrammeSetupView;
  }
}

export const newProgrammeId = (): string => `programme-${randomUUID().replace(/-/g, '')}`;

const numberOr = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
};
const str = (value: unknown, max = 400): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** The suggested theme a stored theme or a submitted choice stands for (a key, or its label on an older card). */
function themeKeyOf(text: string) {
  const key = choiceKeyOf(text);
  return key && isThemeKey(key) ? key : undefined;
}

function choices(locale: Locale) {
  return {
    themeChoices: choiceOptions(locale, THEME_KEYS),
    weekdayChoices: [1, 2, 3, 4, 5, 6, 7].map((d) => ({
      title: t(locale, `programmeWeekdays.${d}`),
      value: String(d),
    })),
  };
}

/** The form filled from a stored programme (edit) or with defaults (new). */
export function setupViewFromProgramme(
  programme: Stored<Programme> | undefined,
  senderName: string,
  locale: Locale,
  notice = '',
): ProgrammeSetupView {
  const p = programme;
  const suggestion = themeKeyOf(p?.theme ?? '');
  const rows = quietRows((i) => ({
    start: p?.quietPeriods[i]?.start ?? '',
    end: p?.quietPeriods[i]?.end ?? '',
    label: p?.quietPeriods[i]?.label ?? '',
  }));
  const thresholds = p?.thresholds ?? DEFAULT_THRESHOLDS;
  return {
    programmeId: p?.id ?? newProgrammeId(),
    version: p?.version ?? '',
    isNew: !p,
    notice,
    error: '',
    ...choices(locale),
    themeChoice: p ? (suggestion ?? '') : THEME_KEYS[0],
    themeOther: p && !suggestion ? choiceText(locale, p.theme) : '',
    startDate: p?.startDate ?? '',
    endDate: p?.endDate ?? '',
    digestWeekday: String(p?.digestWeekday ?? 1),
    numbers: {
      visitsPerCycle: p?.visitsPerCycle ?? 2,
      digestWeekday: p?.digestWeekday ?? 1,
      digestHour: p?.digestHour ?? 8,
      ...thresholds,
    },
    ...rows,
    nudgeSenderName: p?.nudgeSenderName ?? senderName,
    nudgePersonalLine: p?.nudgePersonalLine ?? '',
    videoRules: p?.videoRules ?? '',
    textsInTabOnly: p?.textsInTabOnly ? 'true' : 'false',
  };
}

/** The form again with what the leader submitted, and why it was not saved. */
export function setupViewFromSubmission(
  data: Readonly<Record<string, unknown>>,
  programmeId: string,
  version: string,
  error: string,
  locale: Locale,
): ProgrammeSetupView {
  const defaults = { visitsPerCycle: 2, digestWeekday: 1, digestHour: 8, ...DEFAULT_THRESHOLDS };
  const numbers = Object.fromEntries(
    Object.keys(RANGES).map((k) => [k, numberOr(data[k], defaults[k as keyof typeof defaults])]),
  ) as Record<keyof typeof RANGES, number>;
  return {
    programmeId,
    version,
    isNew: version === '',
    notice: '',
    error,
    ...choices(locale),
    themeChoice: themeKeyOf(str(data['themeChoice'])) ?? '',
    themeOther: str(data['themeOther']),
    startDate: str(data['startDate'], 10),
    endDate: str(data['endDate'], 10),
    digestWeekday: String(numbers.digestWeekday),
    numbers,
    ...quietRows((i) => ({
      start: str(data[`quietStart${i}`], 10),
      end: str(data[`quietEnd${i}`], 10),
      label: str(data[`quietLabel${i}`]),
    })),
    nudgeSenderName: str(data['nudgeSenderName']),
    nudgePersonalLine: str(data['nudgePersonalLine'], 600),
    videoRules: str(data['videoRules'], 2000),
    textsInTabOnly: data['textsInTabOnly'] === true || data['textsInTabOnly'] === 'true' ? 'true' : 'false',
  };
}

export const renderSetup = (view: ProgrammeSetupView, locale: Locale) => renderCard('programme-setup', view, locale);
