/**
 * What counts as a teacher's text (the words people wrote), in one place: retention erases them
 * after a programme, "delete my data" erases the ones a person wrote, and the privacy document
 * (docs/privacy.md) describes them. Counts, states and dates are not texts.
 */
import type { Visit } from './entities';

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
