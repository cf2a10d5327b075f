/**
 * The tab's texts for a visit's notes and forms (issue 13 item 4), in Dutch and English: ICU
 * MessageFormat messages (see messages.ts), worded as the cards word the same fields.
 */
import { formatStatic, formatTabMessage, type Messages, type TabLocale } from './messages';

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

const nl: Messages<NotesStrings> = {
  openNotes: 'Aantekeningen',
  close: 'Sluiten',
  heading: 'Bezoek {sequence}: {observer} kijkt bij {observed}{hasWhen, select, yes {, {when}} other {}}',
  inTabOnly: 'Je school houdt de teksten van leraren buiten de Teams-chat: je schrijft en leest ze hier.',
  plan: 'Plan',
  lesson: 'Klas of les',
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
  keep: 'Mijn tekst houden',
  coachIntro: 'Voordat je opslaat: de observatiecoach zag het volgende. Pas je tekst aan, of bewaar hem zoals hij is.',
  loading: 'Even laden…',
  failed: 'Dat lukte niet. Probeer het zo nog eens.',
};

const en: Messages<NotesStrings> = {
  openNotes: 'Notes',
  close: 'Close',
  heading: 'Visit {sequence}: {observer} observes {observed}{hasWhen, select, yes {, {when}} other {}}',
  inTabOnly: "Your school keeps teachers' texts out of the Teams chat: you write and read them here.",
  plan: 'Plan',
  lesson: 'Class or lesson',
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
  keep: 'Keep my text',
  coachIntro: 'Before you save: the observation coach noticed the following. Change your text, or keep it as it is.',
  loading: 'Loading…',
  failed: 'That did not work. Please try again in a moment.',
};

/** The message tables as written (the checks of test/i18n read them). */
export const NOTES_MESSAGES: Readonly<Record<TabLocale, Messages<NotesStrings>>> = { nl, en };

function notesStrings(locale: TabLocale): NotesStrings {
  const m = NOTES_MESSAGES[locale];
  return {
    ...formatStatic(locale, m),
    heading: (sequence, observer, observed, when) =>
      formatTabMessage(locale, m.heading, { sequence, observer, observed, when, hasWhen: when ? 'yes' : 'no' }),
  };
}

export const NOTES_STRINGS: Readonly<Record<TabLocale, NotesStrings>> = {
  nl: notesStrings('nl'),
  en: notesStrings('en'),
};
