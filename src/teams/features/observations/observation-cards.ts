/**
 * The observation form (observation-form), the reflection form (reflection-form) and the pair's
 * notes of a visit (observation-notes). The form shows which words read as a judgement and
 * invites a factual description; the observer may revise or keep the text.
 */
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { Locale, Observation, Reflection, DebriefNote, Visit, School } from '../../../domain/entities';
import type { JudgingWordHit } from '../../../domain/judging-words';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { formatMoment, namesOf } from '../visits/common';

export interface ObservationFormView {
  readonly visitId: string;
  readonly version: string;
  readonly intro: string;
  readonly focus: string;
  readonly facts: string;
  readonly questions: string;
  readonly hasHits: boolean;
  readonly hitsText: string;
}

export interface ReflectionFormView {
  readonly visitId: string;
  readonly version: string;
  readonly intro: string;
  readonly text: string;
}

export interface NotesView {
  readonly visitId: string;
  readonly title: string;
  readonly focus: string;
  readonly hasObservation: boolean;
  readonly facts: string;
  readonly questions: string;
  readonly hasQuestions: boolean;
  readonly hasReflection: boolean;
  readonly reflection: string;
  readonly hasDebrief: boolean;
  readonly agreements: string;
  readonly nextStep: string;
  readonly nothingYet: boolean;
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
  locale: Locale,
  zone: string,
  text: { facts: string; questions: string },
  hits: readonly JudgingWordHit[],
  version = '',
): ObservationFormView {
  const words = [...new Set(hits.map((h) => h.word))];
  return {
    visitId: visit.id,
    version,
    intro: t(locale, 'cards.observation-form.intro', {
      name: names[visit.observedId] ?? t(locale, 'visitFields.colleague'),
      when: formatMoment(visit.startsAt, zone, locale),
    }),
    focus: visit.focus,
    facts: text.facts,
    questions: text.questions,
    hasHits: words.length > 0,
    hitsText:
      words.length > 0
        ? t(locale, 'cards.observation-form.hits', { words: words.map((w) => `“${w}”`).join(', ') })
        : '',
  };
}

export async function observationForm(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  visit: Visit,
  text: { facts: string; questions: string },
  hits: readonly JudgingWordHit[],
  version = '',
): Promise<AdaptiveCard> {
  const names = await namesOf(ctx, school, [visit.observedId], ctx.locale);
  return renderCard(
    'observation-form',
    observationFormView(visit, names, ctx.locale, school.timezone, text, hits, version),
    ctx.locale,
  );
}

export async function reflectionForm(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale'>,
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
        when: formatMoment(visit.startsAt, school.timezone, ctx.locale),
      }),
    },
    ctx.locale,
  );
}

export async function notesCard(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'locale'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  notes: { visit: Visit; observation?: Observation; reflection?: Reflection; debriefNote?: DebriefNote },
): Promise<AdaptiveCard> {
  const { visit, observation, reflection, debriefNote } = notes;
  const names = await namesOf(ctx, school, [visit.observerId, visit.observedId], ctx.locale);
  const view: NotesView = {
    visitId: visit.id,
    title: t(ctx.locale, 'cards.observation-notes.heading', {
      observer: names[visit.observerId] ?? '',
      observed: names[visit.observedId] ?? '',
      when: formatMoment(visit.startsAt, school.timezone, ctx.locale),
    }),
    focus: visit.focus,
    hasObservation: Boolean(observation),
    facts: observation?.facts ?? '',
    questions: observation?.questions ?? '',
    hasQuestions: Boolean(observation?.questions),
    hasReflection: Boolean(reflection),
    reflection: reflection?.text ?? '',
    hasDebrief: Boolean(debriefNote),
    agreements: debriefNote?.agreements ?? '',
    nextStep: debriefNote?.nextStep ?? '',
    nothingYet: !observation && !reflection && !debriefNote,
  };
  return renderCard('observation-notes', view, ctx.locale);
}
