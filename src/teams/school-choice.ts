/**
 * "Which school?": a person in several schools typed a command in 1:1 chat and nothing tells which
 * school they mean. The card lists the schools; a button runs the command there (verb
 * school.choose, src/teams/features/school-choice).
 */
import { renderCard } from '../cards/render';
import type { Locale, School } from '../domain/entities';
import { cardResult, type HandlerResult } from './results';

export interface SchoolChoiceView {
  readonly command: string;
  readonly schools: readonly { readonly schoolId: string; readonly name: string }[];
}

declare module '../cards/render' {
  interface CardViewModels {
    'school-choice': SchoolChoiceView;
  }
}

export function schoolChoiceCard(
  schools: readonly Pick<School, 'schoolId' | 'name'>[],
  command: string,
  locale: Locale,
): HandlerResult {
  return cardResult(
    renderCard(
      'school-choice',
      { command, schools: schools.map((s) => ({ schoolId: s.schoolId, name: s.name || s.schoolId })) },
      locale,
    ),
  );
}
