/** The tab's texts for a visit's notes and forms (issue 13 item 4), in Dutch and English. */
import type { TabLocale } from './strings';

export interface NotesStrings {
  readonly openNotes: string;
  readonly close: string;
  readonly heading: (sequence: number, observer: string, observed: string, when: string) => string;
  readonly inTabOnly: string;
  readonly plan: string;
  readonly lesson: string;
  readonly focus: string;
  readonly discussionGoal: string;
  readonly observation: string;
  readonly facts: string;
  readonly questions: string;
  readonly reflection: string;
  readonly agreements: string;
  readonly nextStep: string;
  readonly notWritten: string;
  readonly save: string;
  readonly saved: string;
  readonly keep: string;
  readonly coachIntro: string;
  readonly loading: string;
  readonly failed: string;
}

const nl: NotesStrings = {
  openNotes: 'Aantekeningen',
  close: 'Sluiten',
  heading: (n, observer, observed, when) => `Bezoek ${n}: ${observer} kijkt bij ${observed}${when ? `, ${when}` : ''}`,
  inTabOnly: 'Je school houdt de teksten van leraren buiten de Teams-chat: je schrijft en leest ze hier.',
  plan: 'Plan',
  lesson: 'Les of klas',
  focus: 'Kijkdoel',
  discussionGoal: 'Bespreekdoel',
  observation: 'Observatie',
  facts: 'Wat je zag en hoorde',
  questions: 'Vragen aan je collega',
  reflection: 'Reflectie',
  agreements: 'Afspraken',
  nextStep: 'Volgende stap',
  notWritten: 'Nog niet geschreven.',
  save: 'Opslaan',
  saved: 'Opgeslagen.',
  keep: 'Mijn tekst zo bewaren',
  coachIntro: 'Voordat je opslaat: de observatiecoach zag het volgende. Pas je tekst aan, of bewaar hem zoals hij is.',
  loading: 'Even laden…',
  failed: 'Dat lukte niet. Probeer het zo nog eens.',
};

const en: NotesStrings = {
  openNotes: 'Notes',
  close: 'Close',
  heading: (n, observer, observed, when) => `Visit ${n}: ${observer} observes ${observed}${when ? `, ${when}` : ''}`,
  inTabOnly: "Your school keeps teachers' texts out of the Teams chat: you write and read them here.",
  plan: 'Plan',
  lesson: 'Lesson or class',
  focus: 'Focus',
  discussionGoal: 'Discussion goal',
  observation: 'Observation',
  facts: 'What you saw and heard',
  questions: 'Questions for your colleague',
  reflection: 'Reflection',
  agreements: 'Agreements',
  nextStep: 'Next step',
  notWritten: 'Not written yet.',
  save: 'Save',
  saved: 'Saved.',
  keep: 'Keep my text as it is',
  coachIntro: 'Before you save: the observation coach noticed the following. Change your text, or keep it as it is.',
  loading: 'Loading…',
  failed: 'That did not work. Please try again in a moment.',
};

export const NOTES_STRINGS: Readonly<Record<TabLocale, NotesStrings>> = { nl, en };
