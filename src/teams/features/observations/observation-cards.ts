/**
 * The observation form (observation-form), the reflection form (reflection-form) and the pair's
 * notes of a visit (observation-notes). The form shows the observation coach's findings by kind
 * (judgement, interpretation, advice, generalisation), each with the phrase highlighted in the
 * observer's own sentence, a short explanation and an invitation to rewrite (fact + question);
 * the observer may revise or keep the text.
 */
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { Observation, Reflection, DebriefNote, Visit, School } from '../../../domain/entities';
import { passagesOf, phrasesOf, type Passage, type TextReview } from '../../../app/observations/coach-review';
import { FINDING_KINDS } from '../../../domain/observation-coach';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { formatMoment, readerOf, type DateReader } from '../../../i18n/dates';
import { namesOf } from '../visits/common';
import { userText, type UserText } from '../../../domain/typed-text';
import { shownChoice } from '../../../i18n/choices';

export interface ObservationFormView {
  readonly visitId: string;
  readonly version: string;
  readonly intro: string;
  readonly focus: UserText;
  /** The form's inputs: the words as typed (an Input is not markdown). */
  readonly facts: string;
  readonly questions: string;
  readonly hasHits: boolean;
  readonly findingGroups: readonly FindingGroupView[];
  readonly privacy: string;
}

/** One kind of finding on the form: what was found, where, why it matters, how to rewrite. */
export interface FindingGroupView {
  readonly heading: string;
  readonly found: string;
  readonly passages: readonly Passage[];
  readonly explanation: string;
  readonly invitation: string;
}

export interface ReflectionFormView {
  readonly visitId: string;
  readonly version: string;
  readonly intro: string;
  readonly text: string;
  readonly privacy: string;
}

export interface NotesView {
  readonly visitId: string;
  readonly title: string;
  readonly focus: UserText;
  readonly hasObservation: boolean;
  readonly facts: UserText;
  readonly questions: UserText;
  readonly hasQuestions: boolean;
  readonly hasReflection: boolean;
  readonly reflection: UserText;
  readonly hasDebrief: boolean;
  readonly agreements: UserText;
  readonly nextStep: UserText;
  readonly nothingYet: boolean;
  readonly privacy: string;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'observation-form': ObservationFormView;
    'reflection-form': ReflectionFormView;
    'observation-notes': NotesView;
  }
}

export function observationFormView(
  visit: Visit,
  names: Readonly<Record<string, string>>,
  reader: DateReader,
  text: { facts: string; questions: string },
  review: TextReview,
  version = '',
): ObservationFormView {
  const { locale } = reader;
  const findingGroups = FINDING_KINDS.flatMap((kind): FindingGroupView[] => {
    const phrases = phrasesOf(text, review, kind);
    if (phrases.length === 0) return [];
    return [
      {
        heading: t(locale, `coach.${kind}.name`),
        found: t(locale, `coach.${kind}.found`, { words: userText(phrases.map((w) => `“${w}”`).join(', ')) }),
        passages: passagesOf(text, review, kind),
        explanation: t(locale, `coach.${kind}.explanation`),
        invitation: t(locale, `coach.${kind}.invitation`),
      },
    ];
  });
  return {
    visitId: visit.id,
    version,
    intro: t(locale, 'cards.observation-form.intro', {
      name: names[visit.observedId] ?? t(locale, 'visitFields.colleague'),
      when: formatMoment(visit.startsAt, reader),
    }),
    focus: shownChoice(locale, visit.focus),
    facts: text.facts,
    questions: text.questions,
    hasHits: findingGroups.length > 0,
    findingGroups,
    privacy: t(locale, 'cards.observation-form.privacy', {
      name: names[visit.observedId] ?? t(locale, 'visitFields.colleague'),
    }),
  };
}

export async function observationForm(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale' | 'now'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  visit: Visit,
  text: { facts: string; questions: string },
  review: TextReview,
  version = '',
): Promise<AdaptiveCard> {
  const names = await namesOf(ctx, school, [visit.observedId], ctx.locale);
  return renderCard(
    'observation-form',
    observationFormView(visit, names, readerOf(ctx, school), text, review, version),
    ctx.locale,
  );
}

export async function reflectionForm(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale' | 'now'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  visit: Visit,
  text: string,
  version = '',
): Promise<AdaptiveCard> {
  const names = await namesOf(ctx, school, [visit.observerId], ctx.locale);
  return renderCard(
    'reflection-form',
    {
      visitId: visit.id,
      version,
      text,
      intro: t(ctx.locale, 'cards.reflection-form.intro', {
        name: names[visit.observerId] ?? '',
        when: formatMoment(visit.startsAt, readerOf(ctx, school)),
      }),
      privacy: t(ctx.locale, 'cards.reflection-form.privacy', { name: names[visit.observerId] ?? '' }),
    },
    ctx.locale,
  );
}

/** The pure view model of a visit's notes for one of its two people (`readerId`); the privacy line names the other one. */
export function notesView(
  notes: { visit: Visit; observation?: Observation; reflection?: Reflection; debriefNote?: DebriefNote },
  names: Readonly<Record<string, string>>,
  reader: DateReader,
  readerId: string,
): NotesView {
  const { visit, observation, reflection, debriefNote } = notes;
  const { locale } = reader;
  return {
    visitId: visit.id,
    title: t(locale, 'cards.observation-notes.heading', {
      observer: names[visit.observerId] ?? '',
      observed: names[visit.observedId] ?? '',
      when: formatMoment(visit.startsAt, reader),
    }),
    focus: shownChoice(locale, visit.focus),
    hasObservation: Boolean(observation),
    facts: userText(observation?.facts),
    questions: userText(observation?.questions),
    hasQuestions: Boolean(observation?.questions),
    hasReflection: Boolean(reflection),
    reflection: userText(reflection?.text),
    hasDebrief: Boolean(debriefNote),
    agreements: userText(debriefNote?.agreements),
    nextStep: userText(debriefNote?.nextStep),
    nothingYet: !observation && !reflection && !debriefNote,
    privacy: t(locale, 'cards.observation-notes.privacy', {
      name: names[readerId === visit.observerId ? visit.observedId : visit.observerId] ?? '',
    }),
  };
}

/** The notes of a visit for one of its two people (`ctx.userId`). */
export async function notesCard(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale' | 'userId' | 'now'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  notes: { visit: Visit; observation?: Observation; reflection?: Reflection; debriefNote?: DebriefNote },
): Promise<AdaptiveCard> {
  const { visit } = notes;
  const names = await namesOf(ctx, school, [visit.observerId, visit.observedId], ctx.locale);
  return renderCard('observation-notes', notesView(notes, names, readerOf(ctx, school), ctx.userId), ctx.locale);
}
