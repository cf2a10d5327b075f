/**
 * The status card (status / mijn cyclus): the pair, the cycle's progress, the step it is on and
 * one button for the next action. Built from a pure view model.
 */
import type { DateTime } from 'luxon';
import type { CycleStatus } from '../../../app/status/cycle-status';
import { ownGrowthLine } from '../../../app/coach/growth';
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { Locale } from '../../../domain/entities';
import { listOf, t } from '../../../i18n/translate';
import { formatDay, type DateReader } from '../../../i18n/dates';
import { needStepFor, openNeedFor } from '../../../domain/pair-needs';
import { categoryWords } from '../needs/pair-card';

export interface StatusView {
  readonly title: string;
  readonly partners: string;
  readonly progress: string;
  readonly stepText: string;
  readonly hasNext: boolean;
  readonly nextTitle: string;
  readonly nextVerb: string;
  readonly nextData: Readonly<Record<string, string>>;
  readonly hasNotes: boolean;
  readonly notesVisitId: string;
  /** The reader's own growth in describing; empty when they wrote no observation yet. */
  readonly ownGrowth: string;
  /** Visits with video: whether the observed teacher confirmed the recording was deleted. */
  readonly hasVideoNotes: boolean;
  readonly videoNotes: readonly { readonly text: string }[];
  /** "Er zit iets in de weg": while the cycle has a step to take. */
  readonly canAskSchool: boolean;
  /** The pair's open request for the step it is on: since when and what (no note). */
  readonly needText: string;
  readonly needData: { readonly pairId: string };
}

declare module '../../../cards/render' {
  interface CardViewModels {
    status: StatusView;
  }
}

/** "Jullie verzoek aan de school staat open sinds …" for the step the pair is on, else ''. */
function waitingText(status: CycleStatus, reader: DateReader): string {
  const onStep = status.step === 'noCycle' ? 'noVisitPlanned' : needStepFor(status.step);
  if (!onStep) return '';
  const need =
    openNeedFor(status.openNeeds, status.pair.id, 'visitsMissingNearEnd') ??
    openNeedFor(status.openNeeds, status.pair.id, onStep);
  if (!need) return '';
  return t(reader.locale, 'need.statusLine', {
    date: formatDay(need.requestedAt, reader),
    categories: categoryWords(need, reader.locale),
  });
}

export function statusView(
  status: CycleStatus,
  userId: string,
  names: Readonly<Record<string, string>>,
  locale: Locale,
  now: DateTime,
  /** The school's zone, for the dates shown. */
  timezone: string,
): StatusView {
  const { pair, cycle, openVisit, step, rules } = status;
  const partnerNames = pair.memberIds
    .filter((id) => id !== userId)
    .map((id) => names[id] ?? t(locale, 'visitFields.colleague'));
  const visitId = openVisit?.id ?? '';
  // The one button: what the visit rules say this person can do next, else the open visit to look at.
  const next = ((): { verb: string; key: string; data: Record<string, string> } | undefined => {
    switch (rules.next) {
      case 'plan':
        return { verb: 'visit.plan.open', key: 'plan', data: {} };
      case 'observe':
        return { verb: 'observation.open', key: 'observe', data: { visitId } };
      case 'reflect':
        return { verb: 'reflection.open', key: 'reflect', data: { visitId } };
      case 'proposeDebrief':
        return { verb: 'debrief.propose.open', key: 'proposeDebrief', data: { visitId } };
      case 'recordDebrief':
        return { verb: 'debrief.record.open', key: 'recordDebrief', data: { visitId } };
      default:
        return openVisit ? { verb: 'visit.show', key: 'openVisit', data: { visitId } } : undefined;
    }
  })();
  const notesVisit = rules.notesVisit;
  const videoNotes = status.visits
    .filter((v) => v.video && v.state === 'debriefed')
    .map((v) => ({
      text: t(locale, v.videoDeletedAt ? 'video.statusDeleted' : 'video.statusNotDeleted', {
        sequence: v.sequence,
        name: names[v.observedId] ?? t(locale, 'visitFields.colleague'),
      }),
    }));
  return {
    title: t(locale, 'cards.status.heading'),
    partners: t(locale, 'cards.status.partners', { names: listOf(locale, partnerNames) }),
    progress: cycle
      ? t(locale, 'cards.status.progress', { done: cycle.visitsCompleted, agreed: cycle.visitsAgreed })
      : '',
    stepText: t(locale, `cycleSteps.${step}`),
    hasNext: Boolean(next),
    nextTitle: next ? t(locale, `cards.status.next.${next.key}`) : '',
    nextVerb: next?.verb ?? 'status.show',
    nextData: next?.data ?? {},
    hasNotes: Boolean(notesVisit),
    notesVisitId: notesVisit?.id ?? '',
    ownGrowth: ownGrowthLine(status.ownGrowth, locale) ?? '',
    hasVideoNotes: videoNotes.length > 0,
    videoNotes,
    canAskSchool: pair.status === 'active' && step !== 'complete' && step !== 'closed',
    needText: waitingText(status, { locale, zone: timezone, now }),
    needData: { pairId: pair.id },
  };
}

export function statusCard(
  status: CycleStatus,
  userId: string,
  names: Readonly<Record<string, string>>,
  locale: Locale,
  now: DateTime,
  timezone: string,
): AdaptiveCard {
  return renderCard('status', statusView(status, userId, names, locale, now, timezone), locale);
}
