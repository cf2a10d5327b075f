/**
 * The leader's charts (issue 14), pure: completion per week of a programme against the
 * agreement (visits done vs agreed, debriefs held; cumulative, counts only) and the share of
 * observations described without judging per month, only for months above the minimums
 * (domain/coach-trend.ts). No text of any teacher, no figure per person or pair.
 */
import { DateTime } from 'luxon';
import type { CoachTally, Locale, Programme, Visit } from '../../domain/entities';
import { formatWeekLabel } from '../../i18n/dates';
import { isDebriefHeld, isVisitDone } from '../../domain/visit-rules';
import { t } from '../../i18n/translate';
import { formatMonth, programmeGrowth } from '../coach/growth';
import type { CompletionWeek, GrowthMonth } from './views';

const MAX_WEEKS = 60;

export function completionWeeks(
  programme: Pick<Programme, 'startDate' | 'endDate'>,
  visits: readonly Pick<Visit, 'observedAt' | 'debriefAt' | 'debriefedAt' | 'state'>[],
  visitsAgreed: number,
  now: DateTime,
  zone: string,
  locale: Locale,
): CompletionWeek[] {
  const today = now.setZone(zone);
  const end = DateTime.fromISO(programme.endDate, { zone }).endOf('day');
  const last = end < today ? end : today;
  const live = visits.filter((v) => v.state !== 'cancelled');
  const weeks: CompletionWeek[] = [];
  for (
    let monday = DateTime.fromISO(programme.startDate, { zone }).startOf('week');
    monday <= last && weeks.length < MAX_WEEKS;
    monday = monday.plus({ weeks: 1 })
  ) {
    const weekEnd = monday.endOf('week').toUTC().toISO()!;
    weeks.push({
      label: formatWeekLabel(monday, locale),
      visitsDone: live.filter((v) => isVisitDone(v) && v.observedAt !== undefined && v.observedAt <= weekEnd).length,
      visitsAgreed,
      debriefsHeld: live.filter((v) => isDebriefHeld(v) && v.debriefedAt !== undefined && v.debriefedAt <= weekEnd)
        .length,
    });
  }
  return weeks;
}

export function growthMonths(
  tallies: readonly CoachTally[],
  programme: Pick<Programme, 'id' | 'startDate' | 'endDate'>,
  now: DateTime,
  zone: string,
  locale: Locale,
): { growth: GrowthMonth[]; growthNote: string } {
  const growth = programmeGrowth(tallies, programme, now, zone).map((m): GrowthMonth =>
    m.shown
      ? {
          label: formatMonth(m.month, locale),
          shown: true,
          describedPercent: Math.round(m.describedShare * 100),
          questionPercent: Math.round(m.questionShare * 100),
        }
      : { label: formatMonth(m.month, locale), shown: false },
  );
  return { growth, growthNote: growth.some((m) => m.shown) ? '' : t(locale, 'messages.growth.notEnough') };
}
