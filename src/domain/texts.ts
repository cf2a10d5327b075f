/**
 * What counts as a teacher's text (the words people wrote), in one place: retention erases them
 * after a programme, "delete my data" erases the ones a person wrote, and the privacy document
 * (docs/privacy.md) describes them. Counts, states and dates are not texts.
 */
import type { DebriefNote, Visit } from './entities';

/** Document types that are texts as a whole (observatie, reflectie, nagesprek). */
export const TEXT_TYPES = ['observation', 'reflection', 'debriefNote'] as const;
export type TextType = (typeof TEXT_TYPES)[number];

/** The visit's plan fields that are free text (klas/les, kijkdoel, bespreekdoel). */
export const PLAN_TEXT_FIELDS = ['lesson', 'focus', 'discussionGoal'] as const;

/** The visit without its plan texts (blank strings); undefined when there is nothing to erase. */
export function withoutPlanTexts<T extends Visit>(visit: T): T | undefined {
  if (PLAN_TEXT_FIELDS.every((field) => visit[field] === '')) return undefined;
  return { ...visit, lesson: '', focus: '', discussionGoal: '' };
}

/**
 * Who wrote a debrief note's words. Both partners may record the agreements and either may edit
 * or merge the other's, so a note saved by two people is written by both: it is each one's own
 * text in "my data" and goes when either erases their data (docs/privacy.md, "Verwijderen").
 */
export function writersOf(note: Pick<DebriefNote, 'authorId' | 'writerIds'>): readonly string[] {
  const writers = note.writerIds ?? [];
  return writers.includes(note.authorId) ? writers : [...writers, note.authorId];
}
