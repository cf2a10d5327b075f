/**
 * Every text the tab shows, in Dutch and English: ICU MessageFormat messages (see messages.ts),
 * with the terms of the glossary (test/i18n/glossary.ts) as the cards and the digest use them.
 */
import type { CycleStep, NextStepView, VisitMilestone } from '../../app/tab/views';
import { formatStatic, formatTabMessage, type Messages, type TabLocale } from './messages';

export type { TabLocale } from './messages';

type StepKey = CycleStep | 'noPair' | 'noCycle';

export interface TabStrings {
  readonly title: string;
  readonly leaderTitle: string;
  readonly loading: string;
  readonly notInTeams: string;
  readonly signInFailed: string;
  readonly noSchool: string;
  readonly notLeader: string;
  readonly failed: string;
  readonly tabs: { readonly mine: string; readonly leader: string };
  readonly partner: string;
  readonly partners: string;
  readonly noPartner: string;
  readonly myCycle: string;
  readonly cycleProgress: (done: number, agreed: number) => string;
  readonly visit: (sequence: number) => string;
  readonly observes: (observer: string, observed: string) => string;
  readonly youObserve: (observed: string) => string;
  readonly observesYou: (observer: string) => string;
  readonly notPlanned: string;
  readonly lesson: string;
  readonly focus: string;
  readonly milestones: Readonly<Record<VisitMilestone, string>>;
  readonly whatNext: string;
  readonly steps: Readonly<Record<StepKey, string>>;
  /** The planVisit step before any visit was done. */
  readonly planFirstVisit: string;
  readonly actors: { readonly me: string; readonly partner: string; readonly either: string; readonly nobody: string };
  readonly stepAction: Readonly<Record<StepKey, string>>;
  readonly openChat: string;
  readonly chatUnavailable: string;
  readonly completion: string;
  readonly visitsDone: string;
  readonly debriefsHeld: string;
  readonly pair: string;
  readonly step: string;
  readonly status: string;
  readonly noProgrammes: string;
  readonly noPairs: string;
  readonly archived: string;
  readonly leaderPrivacy: string;
  readonly charts: {
    readonly completion: string;
    readonly visitsDone: string;
    readonly visitsAgreed: string;
    readonly debriefsHeld: string;
    readonly growth: string;
    readonly described: string;
    readonly question: string;
    readonly growthPrivacy: string;
  };
}

const nl: Messages<TabStrings> = {
  title: 'Mijn coaching',
  leaderTitle: 'Voortgang van de tweetallen',
  loading: 'Even geduld…',
  notInTeams: 'Open dit tabblad in Microsoft Teams.',
  signInFailed: 'Aanmelden is niet gelukt. Sluit het tabblad en open het opnieuw.',
  noSchool: 'Tweetal kent je nog niet in een team. Stuur de bot een berichtje in een team waar Tweetal is toegevoegd.',
  notLeader: 'Dit overzicht is alleen voor schoolleiders.',
  failed: 'Er ging iets mis bij het ophalen. Probeer het zo opnieuw.',
  tabs: { mine: 'Mijn coaching', leader: 'Schoolleider' },
  partner: 'Mijn collega',
  partners: 'Mijn collega’s',
  noPartner: 'Je zit nog niet in een tweetal. Je schoolleider stelt de tweetallen samen.',
  myCycle: 'Mijn cyclus',
  cycleProgress: '{done} van {agreed, plural, one {# lesbezoek} other {# lesbezoeken}} gedaan',
  visit: 'Bezoek {sequence}',
  observes: '{observer} kijkt bij {observed}',
  youObserve: 'Jij kijkt bij {observed}',
  observesYou: '{observer} kijkt bij jou',
  notPlanned: 'Nog niet gepland',
  lesson: 'Les',
  focus: 'Kijkdoel',
  milestones: {
    planned: 'Gepland',
    confirmed: 'Bevestigd',
    observed: 'Observatie',
    debriefPlanned: 'Nagesprek gepland',
    debriefed: 'Nagesprek gevoerd',
  },
  whatNext: 'Wat is de volgende stap?',
  steps: {
    planVisit: 'Plan het volgende lesbezoek.',
    confirmVisit: 'Het lesbezoek moet nog bevestigd worden.',
    awaitVisit: 'Het lesbezoek staat gepland.',
    postObservation: 'Schrijf op wat je zag en hoorde.',
    proposeDebrief: 'Plan het nagesprek.',
    pickDebrief: 'Kies een moment voor het nagesprek.',
    recordDebrief: 'Leg de afspraken van het nagesprek vast.',
    complete:
      'Jullie cyclus is rond: jullie hebben alle afgesproken lesbezoeken gedaan en na elk bezoek een nagesprek gevoerd.',
    closed: 'Deze cyclus is gesloten.',
    noPair: 'Zodra je een tweetal hebt, zie je hier je cyclus.',
    noCycle: 'Plan het eerste lesbezoek.',
  },
  planFirstVisit: 'Plan het eerste lesbezoek.',
  actors: {
    me: 'Jij bent aan de beurt.',
    partner: 'Je collega is aan de beurt.',
    either: 'Een van jullie kan dit doen.',
    nobody: 'Er hoeft nu niets te gebeuren.',
  },
  stepAction: {
    planVisit: 'Plan een bezoek',
    confirmVisit: 'Bekijk de planning',
    awaitVisit: 'Bekijk de planning',
    postObservation: 'Schrijf je observatie',
    proposeDebrief: 'Plan het nagesprek',
    pickDebrief: 'Kies een moment',
    recordDebrief: 'Leg de afspraken vast',
    complete: 'Bekijk de status',
    closed: 'Bekijk de status',
    noPair: 'Open de chat',
    noCycle: 'Plan een bezoek',
  },
  openChat: 'Open de chat met Tweetal',
  chatUnavailable: 'De chat is niet beschikbaar (de bot heeft geen app-id).',
  completion: 'Voortgang',
  visitsDone: 'Lesbezoeken gedaan', // the digest's words (messages.digest.facts)
  debriefsHeld: 'Nagesprekken gevoerd',
  pair: 'Tweetal',
  step: 'Stap',
  status: 'Status',
  noProgrammes: 'Er is nog geen traject. Start er een in de chat met “setup”.',
  noPairs: 'Nog geen tweetallen in dit traject.',
  archived: 'gearchiveerd',
  leaderPrivacy: 'Je ziet alleen de voortgang, niet wat collega’s bij elkaar zagen of bespraken.',
  charts: {
    completion: 'Voortgang per week ten opzichte van de afspraak',
    visitsDone: 'Lesbezoeken gedaan',
    visitsAgreed: 'Lesbezoeken afgesproken',
    debriefsHeld: 'Nagesprekken gevoerd',
    growth: 'Beschrijven zonder oordeel, per maand',
    described: 'Beschreven zonder oordeel',
    question: 'Met een vraag aan de collega',
    growthPrivacy:
      'Alleen tellingen van de hele school, en alleen in een maand met minstens 5 observaties van minstens 3 collega’s. Niet per persoon of tweetal.',
  },
};

const en: Messages<TabStrings> = {
  title: 'My coaching',
  leaderTitle: 'Progress of the pairs',
  loading: 'One moment…',
  notInTeams: 'Open this tab in Microsoft Teams.',
  signInFailed: 'Signing in did not work. Close the tab and open it again.',
  noSchool: 'Tweetal does not know you in a team yet. Send the bot a message in a team where Tweetal was added.',
  notLeader: 'This overview is for school leaders only.',
  failed: 'Loading did not work. Please try again shortly.',
  tabs: { mine: 'My coaching', leader: 'School leader' },
  partner: 'My colleague',
  partners: 'My colleagues',
  noPartner: 'You are not in a pair yet. Your school leader composes the pairs.',
  myCycle: 'My cycle',
  cycleProgress: '{done} of {agreed, plural, one {# visit} other {# visits}} done',
  visit: 'Visit {sequence}',
  observes: '{observer} observes {observed}',
  youObserve: 'You observe {observed}',
  observesYou: '{observer} observes you',
  notPlanned: 'Not planned yet',
  lesson: 'Lesson',
  focus: 'Focus',
  milestones: {
    planned: 'Planned',
    confirmed: 'Confirmed',
    observed: 'Observation',
    debriefPlanned: 'Debrief planned',
    debriefed: 'Debrief held',
  },
  whatNext: 'What is next?',
  steps: {
    planVisit: 'Plan the next classroom visit.',
    confirmVisit: 'The visit still needs to be confirmed.',
    awaitVisit: 'The visit is planned.',
    postObservation: 'Write down what you saw and heard.',
    proposeDebrief: 'Plan the debrief.',
    pickDebrief: 'Pick a moment for the debrief.',
    recordDebrief: 'Record the agreements of the debrief.',
    complete: 'Your cycle is complete: you did all the agreed visits and held a debrief after each one.',
    closed: 'This cycle is closed.',
    noPair: 'Once you are in a pair, your cycle shows here.',
    noCycle: 'Plan the first classroom visit.',
  },
  planFirstVisit: 'Plan the first classroom visit.',
  actors: {
    me: 'It is your turn.',
    partner: 'It is your colleague’s turn.',
    either: 'Either of you can do this.',
    nobody: 'Nothing to do right now.',
  },
  stepAction: {
    planVisit: 'Plan a visit',
    confirmVisit: 'See the plan',
    awaitVisit: 'See the plan',
    postObservation: 'Write your observation',
    proposeDebrief: 'Plan the debrief',
    pickDebrief: 'Pick a moment',
    recordDebrief: 'Record the agreements',
    complete: 'See the status',
    closed: 'See the status',
    noPair: 'Open the chat',
    noCycle: 'Plan a visit',
  },
  openChat: 'Open the chat with Tweetal',
  chatUnavailable: 'The chat is not available (the bot has no app id).',
  completion: 'Progress',
  visitsDone: 'Visits done',
  debriefsHeld: 'Debriefs held',
  pair: 'Pair',
  step: 'Step',
  status: 'Status',
  noProgrammes: 'There is no programme yet. Start one in the chat with “setup”.',
  noPairs: 'No pairs in this programme yet.',
  archived: 'archived',
  leaderPrivacy: 'You see progress only, not what colleagues saw or discussed.',
  charts: {
    completion: 'Progress per week against the agreement',
    visitsDone: 'Visits done',
    visitsAgreed: 'Visits agreed',
    debriefsHeld: 'Debriefs held',
    growth: 'Describing without judging, per month',
    described: 'Described without judging',
    question: 'With a question for the colleague',
    growthPrivacy:
      'Counts for the whole school only, and only in a month with at least 5 observations by at least 3 colleagues. Not per person or pair.',
  },
};

/** The message tables as written (the checks of test/i18n read them, as they read cards/strings). */
export const TAB_MESSAGES: Readonly<Record<TabLocale, Messages<TabStrings>>> = { nl, en };

function tabStrings(locale: TabLocale): TabStrings {
  const m = TAB_MESSAGES[locale];
  const format = (text: string, values: Record<string, string | number>) => formatTabMessage(locale, text, values);
  return {
    ...formatStatic(locale, m),
    cycleProgress: (done, agreed) => format(m.cycleProgress, { done, agreed }),
    visit: (sequence) => format(m.visit, { sequence }),
    observes: (observer, observed) => format(m.observes, { observer, observed }),
    youObserve: (observed) => format(m.youObserve, { observed }),
    observesYou: (observer) => format(m.observesYou, { observer }),
  };
}

export const STRINGS: Readonly<Record<TabLocale, TabStrings>> = { nl: tabStrings('nl'), en: tabStrings('en') };

/** What the "what is next" card says: "plan the first visit" while none was done, never "the next". */
export function stepText(next: Pick<NextStepView, 'step' | 'visitSequence'>, s: TabStrings): string {
  return next.step === 'planVisit' && next.visitSequence === 1 ? s.planFirstVisit : s.steps[next.step];
}

/** nl for any Dutch Teams locale (nl-NL, nl-BE), English otherwise. */
export function tabLocale(teamsLocale: string | undefined): TabLocale {
  return (teamsLocale ?? '').toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
