/** The leaders card: who leads this school, and adding leaders from the team roster. */
import { renderCard } from '../../../cards/render';
import type { Locale, School } from '../../../domain/entities';
import type { Stored } from '../../../store/store';
import type { RosterMember } from '../../roster';

export interface LeadersView {
  readonly version: string;
  readonly notice: string;
  readonly error: string;
  readonly leaders: readonly { name: string }[];
  readonly choices: readonly { title: string; value: string }[];
  readonly hasChoices: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'leaders-manage': LeadersView;
  }
}

export function leadersView(
  school: Stored<School>,
  roster: readonly RosterMember[],
  unknownName: string,
  /** The leaders' names by the one lookup (src/teams/names.ts). */
  nameOf: (userId: string) => string,
  notice = '',
  error = '',
): LeadersView {
  const choices = roster
    .filter((m) => !school.leaderIds.includes(m.userId))
    .map((m) => ({ title: m.name || unknownName, value: m.userId }))
    .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
  return {
    version: school.version,
    notice,
    error,
    leaders: school.leaderIds.map((id) => ({ name: nameOf(id) })),
    choices,
    hasChoices: choices.length > 0,
  };
}

export const renderLeaders = (view: LeadersView, locale: Locale) => renderCard('leaders-manage', view, locale);
