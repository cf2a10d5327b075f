/**
 * Text limits used by the forms, and the one check every submitted text goes through.
 * Lengths are counted in characters as people see them (Unicode code points, after NFC), not
 * UTF-16 units, so an emoji or an accented letter counts once. All limits keep a card well
 * under Teams' message size.
 */
import { withoutHiddenControls } from './typed-text';
import { fail, ok, type Result } from './errors';

/** Observation facts (observatie). */
export const MAX_OBSERVATION_CHARS = 4000;
/** Questions for the colleague after a visit. */
export const MAX_QUESTIONS_CHARS = 2000;
/** The observed teacher's reflection (reflectie). */
export const MAX_REFLECTION_CHARS = 4000;
/** Debrief agreements (afspraken). */
export const MAX_AGREEMENTS_CHARS = 2000;
/** The next step after a debrief. */
export const MAX_NEXT_STEP_CHARS = 500;
/** Focus (kijkdoel) and discussion goal (bespreekdoel). */
export const MAX_GOAL_CHARS = 500;
/** Short one-line texts: class or lesson, quiet period label, subject. */
export const MAX_SHORT_TEXT = 200;
/** Programme theme. */
export const MAX_THEME = 120;
/** The name nudges are signed with. */
export const MAX_NAME = 100;
/** The leader's optional personal line in nudges. */
export const MAX_PERSONAL_LINE = 280;
/** The school's video rules on the setup card (shown on visit cards with video). */
export const MAX_VIDEO_RULES = 1000;
/** Subjects on a profile: how many, and how long each. */
export const MAX_SUBJECTS = 10;
export const MAX_SUBJECT_CHARS = 60;
/** Years of experience on a profile. */
export const MAX_YEARS_OF_EXPERIENCE = 60;

/** The length of a text as people count characters. */
export function textLength(value: string): number {
  return [...value.normalize('NFC')].length;
}

/**
 * Checks one submitted text field: anything that is not a string (forged card data) is
 * INVALID_INPUT; the text is trimmed (NFC-normalized, hidden bidi/zero-width controls removed); empty is FIELD_REQUIRED when
 * required, else ''; longer than `max` is TEXT_TOO_LONG. Errors carry `{ field, max }` (INVALID_INPUT: `{ field }`).
 */
export function checkText(field: string, value: unknown, max: number, required: boolean): Result<string> {
  if (value === undefined || value === null) return required ? fail('FIELD_REQUIRED', { field, max }) : ok('');
  if (typeof value !== 'string') return fail('INVALID_INPUT', { field });
  const text = withoutHiddenControls(value.normalize('NFC')).trim();
  if (text.length === 0) return required ? fail('FIELD_REQUIRED', { field, max }) : ok('');
  if (textLength(text) > max) return fail('TEXT_TOO_LONG', { field, max });
  return ok(text);
}
