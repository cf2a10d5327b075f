/** The profile card: subjects, years of experience, whom one would like to learn from. */
import { renderCard } from '../../../cards/render';
import type { Locale, Profile } from '../../../domain/entities';
import type { Stored } from '../../../store/store';
import type { RosterMember } from '../../roster';

export interface ProfileView {
  readonly version: string;
  readonly notice: string;
  readonly error: string;
  readonly subjects: string;
  readonly years: number | string;
  /** Only a stored number fills the field: an empty one keeps its required check. */
  readonly hasYears: boolean;
  readonly learnFrom: string;
  readonly choices: readonly { title: string; value: string }[];
  readonly hasChoices: boolean;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'profile-edit': ProfileView;
  }
}

export function colleagueChoices(roster: readonly RosterMember[], selfId: string, unknownName: string) {
  return roster
    .filter((m) => m.userId !== selfId)
    .map((m) => ({ title: m.name || unknownName, value: m.userId }))
    .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
}

export function profileView(
  profile: Stored<Profile> | undefined,
  choices: ProfileView['choices'],
  notice = '',
  error = '',
): ProfileView {
  return {
    version: profile?.version ?? '',
    notice,
    error,
    subjects: profile?.subjects.join(', ') ?? '',
    years: profile?.yearsOfExperience ?? '',
    hasYears: typeof profile?.yearsOfExperience === 'number',
    learnFrom: profile?.wouldLikeToLearnFrom.filter((id) => choices.some((c) => c.value === id)).join(',') ?? '',
    choices,
    hasChoices: choices.length > 0,
  };
}

export const renderProfile = (view: ProfileView, locale: Locale) => renderCard('profile-edit', view, locale);
