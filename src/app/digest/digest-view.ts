/**
 * The digest card's view model (pure): counts with their change since last week, the pairs
 * that are behind with the step they are on, the pairs Tweetal cannot reach, and the
 * "encourage the pairs that are behind" button — names, numbers and steps only.
 */
import type { DateTime } from 'luxon';
import { formatDay } from '../../i18n/dates';
import type { DigestCounts, Locale } from '../../domain/entities';
import { listOf, t } from '../../i18n/translate';
import { progressCountTitle, stepLabel, type ProgressState } from '../progress/wording';
import { growthLine, type GrowthChange } from '../coach/growth';
import type { DigestReport } from './build-digest';
import { shownChoice } from '../../i18n/choices';
import { MIN_AGGREGATE_PAIRS } from '../../domain/anonymous';
import type { NeedCounts } from '../../domain/pair-needs';
import { leaderNeedsSection, type LeaderNeedsSection } from '../needs/leader-section';
import type { NeedForLeader } from '../needs/leader-items';

export interface DigestView {
  readonly title: string;
  readonly subtitle: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  /** The growth in describing: one line, counts only ("not enough yet" below the minimums). */
  readonly growthText: string;
  readonly hasBehind: boolean;
  readonly behind: readonly { readonly names: string; readonly step: string }[];
  readonly hasUnreachable: boolean;
  readonly unreachable: readonly { readonly names: string; readonly detail: string }[];
  readonly hasPairs: boolean;
  /** "The texts of programme X are erased on …" (retention), one line per programme. */
  readonly hasErasures: boolean;
  readonly erasures: readonly { readonly text: string }[];
  readonly encourageData: { readonly schoolId: string; readonly programmeId: string };
  /** "Wat tweetallen nodig hebben": the open requests with the buttons Geregeld / Kan niet (issue 15 item 2). */
  readonly needs: LeaderNeedsSection;
}

export interface DigestViewInput {
  readonly locale: Locale;
  readonly schoolId: string;
  /** The programme's theme as stored: a suggestion's key (shown in the leader's language) or free text. */
  readonly theme: string;
  /** The week, e.g. 2026-W11. */
  readonly period: string;
  readonly report: DigestReport;
  readonly nameOf: (userId: string, locale: Locale) => string;
  readonly growth?: GrowthChange;
  /** Messages finally undeliverable (after all their tries; not the people who cannot be reached). */
  readonly notDelivered?: number;
  /** Programmes whose texts the retention job erases within a month. */
  readonly erasures?: readonly ErasureNotice[];
  /** The school's zone and the current moment, for the dates shown. */
  readonly timezone: string;
  readonly now: DateTime;
  /** The programme's open requests of its pairs (without the pairs' notes), for "what pairs need". */
  readonly needs?: readonly NeedForLeader[];
}

export interface ErasureNotice {
  readonly theme: string;
  /** ISO calendar date of the erasure. */
  readonly date: string;
}

const change = (locale: Locale, delta: number | undefined): string =>
  delta === undefined
    ? ''
    : delta === 0
      ? ` (${t(locale, 'messages.digest.same')})`
      : ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)} ${t(locale, 'messages.digest.sinceLastWeek')})`;

const names = (ids: readonly string[], nameOf: (id: string, locale: Locale) => string, locale: Locale) =>
  listOf(
    locale,
    ids.map((id) => nameOf(id, locale)),
  );

/**
 * What pairs asked the school for, counted (issue 15 item 4): in the past week and in the whole
 * programme, requests in and arranged. No line when nobody asked anything; "shown from 3 pairs"
 * instead of a figure when fewer pairs stand behind a count (src/domain/anonymous.ts).
 */
function needFacts(report: DigestReport, locale: Locale): { title: string; value: string }[] {
  if (!report.needs.any) return [];
  const value = (counts: NeedCounts) =>
    counts.shown
      ? t(locale, 'needCounts.value', { requested: counts.requested, arranged: counts.arranged })
      : t(locale, 'needCounts.hidden', { min: MIN_AGGREGATE_PAIRS });
  return [
    { title: t(locale, 'needCounts.week'), value: value(report.needs.week) },
    { title: t(locale, 'needCounts.programme'), value: value(report.needs.programme) },
  ];
}

export function digestView(input: DigestViewInput): DigestView {
  const { locale, report } = input;
  const c = report.counts;
  const d: Partial<DigestCounts> = report.change ?? {};
  const fact = (key: string, value: string, delta: number | undefined) => ({
    title: t(locale, `messages.digest.facts.${key}`),
    value: `${value}${change(locale, report.change ? delta : undefined)}`,
  });
  const pairs = (state: ProgressState, count: number, delta: number | undefined) => ({
    title: progressCountTitle(state, locale),
    value: `${count}${change(locale, report.change ? delta : undefined)}`,
  });
  return {
    title: t(locale, 'messages.digest.title', { theme: shownChoice(locale, input.theme) }),
    subtitle: t(locale, 'messages.digest.subtitle', { week: input.period.replace(/^\d{4}-W0?/, '') }),
    facts: [
      fact(
        'visits',
        t(locale, 'messages.digest.ofAgreed', { done: c.visitsDone, agreed: c.visitsAgreed }),
        d.visitsDone,
      ),
      fact('debriefs', String(c.debriefsHeld), d.debriefsHeld),
      pairs('complete', c.pairsComplete, d.pairsComplete),
      pairs('onTrack', c.pairsOnTrack, d.pairsOnTrack),
      pairs('behind', c.pairsBehind, d.pairsBehind),
      pairs('notStarted', c.pairsNotStarted, d.pairsNotStarted),
      ...(c.pairsWaitingForSchool > 0 || (d.pairsWaitingForSchool ?? 0) !== 0
        ? [pairs('waitingForSchool', c.pairsWaitingForSchool, d.pairsWaitingForSchool)]
        : []),
      pairs('unreachable', c.pairsUnreachable, d.pairsUnreachable),
      ...(input.notDelivered ? [fact('notDelivered', String(input.notDelivered), undefined)] : []),
      ...needFacts(report, locale),
    ],
    growthText: input.growth ? growthLine(input.growth, locale) : '',
    hasBehind: report.behind.length > 0,
    behind: report.behind.map((p) => ({
      names: names(p.memberIds, input.nameOf, locale),
      step: stepLabel(p.step, locale),
    })),
    hasUnreachable: report.unreachable.length > 0,
    unreachable: report.unreachable.map((p) => ({
      names: names(p.memberIds, input.nameOf, locale),
      detail: t(locale, 'messages.digest.cannotReach', {
        names: names(p.unreachableIds, input.nameOf, locale),
        step: stepLabel(p.step, locale),
      }),
    })),
    hasPairs:
      c.pairsOnTrack +
        c.pairsBehind +
        c.pairsUnreachable +
        c.pairsComplete +
        c.pairsNotStarted +
        c.pairsWaitingForSchool >
      0,
    hasErasures: (input.erasures ?? []).length > 0,
    erasures: (input.erasures ?? []).map((e) => ({
      text: t(locale, 'messages.digest.erasure', {
        theme: shownChoice(locale, e.theme),
        date: formatDay(e.date, { locale, zone: input.timezone, now: input.now }),
      }),
    })),
    encourageData: { schoolId: input.schoolId, programmeId: report.programmeId },
    needs: leaderNeedsSection({
      locale,
      schoolId: input.schoolId,
      needs: (input.needs ?? []).filter((n) => n.programmeId === report.programmeId && n.status === 'open'),
      nameOf: (id) => input.nameOf(id, locale),
      timezone: input.timezone,
      now: input.now,
    }),
  };
}
