/**
 * The profile form: subjects (comma-separated), years of experience, and optionally whom the
 * teacher would like to learn from (ids from the roster the card offered).
 */
import type { Result } from '../../domain/errors';
import { fail, ok } from '../../domain/errors';
import { checkText, MAX_SUBJECT_CHARS, MAX_SUBJECTS, MAX_YEARS_OF_EXPERIENCE } from '../../domain/limits';

export interface ProfileInput {
  readonly subjects: readonly string[];
  readonly yearsOfExperience: number;
  readonly wouldLikeToLearnFrom: readonly string[];
}

export const MAX_LEARN_FROM = 5;

/** `allowedIds`: the colleagues the card offered; anything else is forged. */
export function parseProfileForm(
  form: Readonly<Record<string, unknown>>,
  allowedIds: ReadonlySet<string>,
  selfId: string,
): Result<ProfileInput> {
  const raw = checkText('subjects', form['subjects'], MAX_SUBJECTS * (MAX_SUBJECT_CHARS + 2), true);
  if (!raw.ok) return raw;
  const subjects: string[] = [];
  for (const part of raw.value.split(/[,;\n]/)) {
    const subject = checkText('subject', part, MAX_SUBJECT_CHARS, false);
    if (!subject.ok) return subject;
    if (subject.value && !subjects.some((s) => s.toLocaleLowerCase('nl') === subject.value.toLocaleLowerCase('nl')))
      subjects.push(subject.value);
  }
  if (subjects.length === 0) return fail('FIELD_REQUIRED', { field: 'subjects' });
  if (subjects.length > MAX_SUBJECTS)
    return fail('NUMBER_OUT_OF_RANGE', { field: 'subjects', min: 1, max: MAX_SUBJECTS });
  const yearsRaw = form['yearsOfExperience'];
  if (yearsRaw === undefined || yearsRaw === null || yearsRaw === '')
    return fail('FIELD_REQUIRED', { field: 'yearsOfExperience' });
  const years =
    typeof yearsRaw === 'number'
      ? yearsRaw
      : typeof yearsRaw === 'string' && /^\s*-?\d+\s*$/.test(yearsRaw)
        ? Number(yearsRaw)
        : NaN;
  if (!Number.isInteger(years)) return fail('INVALID_INPUT', { field: 'yearsOfExperience' });
  if (years < 0 || years > MAX_YEARS_OF_EXPERIENCE)
    return fail('NUMBER_OUT_OF_RANGE', { field: 'yearsOfExperience', min: 0, max: MAX_YEARS_OF_EXPERIENCE });
  const learnRaw = form['learnFrom'];
  if (learnRaw !== undefined && learnRaw !== null && typeof learnRaw !== 'string')
    return fail('INVALID_INPUT', { field: 'learnFrom' });
  const learnFrom = [
    ...new Set(
      (learnRaw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ];
  if (learnFrom.some((id) => id === selfId || !allowedIds.has(id)))
    return fail('INVALID_INPUT', { field: 'learnFrom' });
  if (learnFrom.length > MAX_LEARN_FROM)
    return fail('NUMBER_OUT_OF_RANGE', { field: 'learnFrom', min: 0, max: MAX_LEARN_FROM });
  return ok({ subjects, yearsOfExperience: years, wouldLikeToLearnFrom: learnFrom.sort() });
}
