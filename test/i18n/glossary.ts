/**
 * One wording for one thing (issue 11 item 6): the terms Tweetal uses for the concepts of the
 * method, in Dutch and English, on every surface (cards, messages, nudges, the digest, the tab).
 * The source is the glossary of DESIGN.md section 2; the English is British school English
 * ("programme", "pupils"). Each entry also names the synonyms a writer reaches for, which the
 * glossary test refuses anywhere outside quotes (a quoted word is a command or an example).
 *
 * | concept            | nl                                  | en                               |
 * |--------------------|-------------------------------------|----------------------------------|
 * | programme          | traject                             | programme                        |
 * | pair               | tweetal                             | pair                             |
 * | trio               | drietal                             | trio                             |
 * | cycle complete     | cyclus rond                         | cycle complete                   |
 * | visit              | lesbezoek (after that: bezoek)      | visit, classroom visit           |
 * | visit done         | lesbezoek gedaan                    | visit done                       |
 * | observer           | observator                          | observer                         |
 * | focus              | kijkdoel                            | focus                            |
 * | discussion goal    | bespreekdoel                        | discussion goal                  |
 * | observation        | observatie                          | observation                      |
 * | reflection         | reflectie                           | reflection                       |
 * | debrief            | nagesprek                           | debrief                          |
 * | debrief held       | nagesprek gevoerd                   | debrief held                     |
 * | agreements         | afspraken                           | agreements                       |
 * | school leader      | schoolleider                        | school leader                    |
 * | nudge              | aansporing                          | nudge                            |
 * | weekly digest      | weekoverzicht                       | weekly digest                    |
 * | switch request     | wisselverzoek                       | switch request                   |
 * | teacher            | leraar                              | teacher                          |
 * | pupil              | leerling                            | pupil                            |
 */
import type { Locale } from '../../src/domain/entities';

export interface GlossaryEntry {
  readonly concept: string;
  /** The term per language, as it appears in the texts (a test checks that it does). */
  readonly term: Readonly<Record<Locale, string>>;
  /** Words for the same thing that the texts must not use: whole words, any case; or a pattern. */
  readonly avoid: Readonly<Record<Locale, readonly (string | RegExp)[]>>;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    concept: 'programme',
    term: { nl: 'traject', en: 'programme' },
    avoid: {
      nl: ['programma', "programma's", 'coachingsprogramma', 'project'],
      en: ['program', 'programs', 'trajectory', 'project'],
    },
  },
  {
    concept: 'pair',
    term: { nl: 'tweetal', en: 'pair' },
    avoid: {
      nl: ['koppel', 'koppels', 'duo', "duo's", 'coachingskoppel'],
      en: ['duo', 'duos', 'couple', 'tandem', 'partnership'],
    },
  },
  {
    concept: 'trio',
    term: { nl: 'drietal', en: 'trio' },
    avoid: { nl: ['trio', "trio's", 'groepje van drie'], en: ['triad', 'threesome', 'group of three'] },
  },
  {
    concept: 'cycle complete',
    term: { nl: 'cyclus is rond', en: 'cycle is complete' },
    avoid: {
      nl: [/cyclus\s+(?:is\s+)?(?:afgerond|voltooid|klaar|af)(?![\p{L}])/iu],
      en: [/cycle\s+(?:is\s+)?(?:finished|completed|done|over)(?![\p{L}])/iu],
    },
  },
  {
    concept: 'visit',
    term: { nl: 'lesbezoek', en: 'visit' },
    avoid: {
      nl: ['klassenbezoek', 'klasbezoek', 'lesobservatie', 'lesbezichtiging', 'observatiebezoek'],
      en: ['lesson visit', 'class visit', 'lesson observation', 'observation visit'],
    },
  },
  {
    concept: 'visit done',
    term: { nl: 'lesbezoeken gedaan', en: 'visits done' },
    avoid: {
      nl: [
        /(?:les)?bezoeken?\s+(?:afgerond|voltooid|gehouden)(?![\p{L}])/iu,
        /(?:gehouden|afgeronde|voltooide)\s+(?:les)?bezoeken?/iu,
      ],
      en: [/visits?\s+(?:completed|finished|held)(?![\p{L}])/iu],
    },
  },
  {
    concept: 'observer',
    term: { nl: 'observator', en: 'observer' },
    avoid: { nl: ['kijker', 'kijkers', 'waarnemer', 'waarnemers'], en: ['watcher', 'spectator'] },
  },
  {
    concept: 'focus',
    term: { nl: 'kijkdoel', en: 'focus' },
    avoid: {
      nl: ['observatiedoel', 'kijkpunt', 'kijkpunten', 'aandachtspunt', 'aandachtspunten'],
      en: ['observation goal', 'focus point', 'observation focus', 'look-fors'],
    },
  },
  {
    concept: 'discussion goal',
    term: { nl: 'bespreekdoel', en: 'discussion goal' },
    avoid: {
      nl: ['gespreksdoel', 'bespreekpunt', 'gespreksonderwerp'],
      en: ['talking point', 'conversation goal', 'discussion aim', 'discussion point'],
    },
  },
  {
    concept: 'observation',
    term: { nl: 'observatie', en: 'observation' },
    avoid: {
      nl: ['waarneming', 'waarnemingen', 'observatieverslag', 'lesverslag'],
      en: ['observation report', 'findings'],
    },
  },
  {
    concept: 'reflection',
    term: { nl: 'reflectie', en: 'reflection' },
    avoid: {
      nl: ['terugblik', 'zelfreflectie', 'zelfevaluatie'],
      en: ['self-reflection', 'self-assessment', 'retrospective'],
    },
  },
  {
    concept: 'debrief',
    term: { nl: 'nagesprek', en: 'debrief' },
    avoid: {
      nl: [
        ...['gesprek achteraf', 'nabespreking', 'nabesprekingen', 'evaluatie', 'evaluatiegesprek'],
        ...['feedbackgesprek', 'vergadering', 'coachgesprek', 'coachingsgesprek'],
      ],
      en: [
        ...['meeting', 'meetings', 'follow-up conversation', 'follow-up meeting', 'feedback session'],
        ...['coach session', 'coaching session', 'conversation afterwards', 'evaluation'],
      ],
    },
  },
  {
    concept: 'debrief held',
    term: { nl: 'nagesprekken gevoerd', en: 'debriefs held' },
    avoid: {
      nl: [/nagesprek(?:ken)?\s+(?:is\s+|zijn\s+)?gehouden/iu, /gehouden\s+nagesprek/iu],
      en: [/debriefs?\s+(?:took\s+place|happened|done|completed)/iu],
    },
  },
  {
    concept: 'agreements',
    term: { nl: 'afspraken', en: 'agreements' },
    avoid: {
      nl: ['actiepunten', 'afspraakjes', 'besluiten'],
      en: ['action points', 'action items', 'arrangements', 'decisions'],
    },
  },
  {
    concept: 'school leader',
    term: { nl: 'schoolleider', en: 'school leader' },
    avoid: {
      nl: ['directeur', 'directie', 'leidinggevende', 'teamleider', 'leider', 'leiders'],
      en: [
        ...['principal', 'head teacher', 'headteacher', 'headmaster', 'headmistress', 'manager'],
        /(?<!school\s)(?<![\p{L}-])leaders?(?![\p{L}])/iu,
      ],
    },
  },
  {
    concept: 'nudge',
    term: { nl: 'aansporing', en: 'nudge' },
    avoid: {
      nl: ['herinnering', 'herinneringen', 'reminder', 'reminders', 'aanmaning'],
      en: ['reminder', 'reminders', 'encouragement', 'encouragements'],
    },
  },
  {
    concept: 'weekly digest',
    term: { nl: 'weekoverzicht', en: 'weekly digest' },
    avoid: {
      nl: ['weekrapport', 'weekbericht', 'weekrapportage', 'digest'],
      en: ['weekly overview', 'weekly overviews', 'weekly report', 'weekly summary'],
    },
  },
  {
    concept: 'switch request',
    term: { nl: 'wisselverzoek', en: 'switch request' },
    avoid: { nl: ['wisselaanvraag', 'ruilverzoek'], en: ['swap request', 'change request'] },
  },
  {
    concept: 'teacher',
    term: { nl: 'leraar', en: 'teacher' },
    avoid: { nl: ['docent', 'docenten', 'leerkracht', 'leerkrachten'], en: ['tutor', 'tutors'] },
  },
  {
    concept: 'pupil',
    term: { nl: 'leerling', en: 'pupil' },
    avoid: { nl: ['scholier', 'scholieren'], en: ['student', 'students'] },
  },
];
