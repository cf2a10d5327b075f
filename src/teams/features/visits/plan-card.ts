/**
 * The plan card (visit-plan): who observes whom (alternating by default), date and time in the
 * school's zone, class or lesson, focus with suggestions from the programme's theme and the six
 * ICALT domains (or free text), discussion goal, feedback preference and video.
 */
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import { FEEDBACK_PREFERENCES } from '../../../app/visits/plan-visit';
import type { Cycle, Locale, Pair, Programme, Visit } from '../../../domain/entities';
import { planRoles } from '../../../domain/visit-rules';
import { focusOptions } from '../../../i18n/choices';
import { t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { namesOf } from './common';
import { textsInTab } from '../../../domain/texts-in-tab';

export interface PlanView {
  readonly cycleId: string;
  readonly sequence: number;
  readonly intro: string;
  readonly roles: readonly { readonly title: string; readonly value: string }[];
  readonly defaultRoles: string;
  readonly privacy: string;
  readonly focusChoices: readonly { readonly title: string; readonly value: string }[];
  readonly feedbackChoices: readonly { readonly title: string; readonly value: string }[];
  readonly minDate: string;
  readonly maxDate: string;
  /** Texts only in the tab: no lesson, focus or goal on the card; they are written in the tab. */
  readonly textsInTab: boolean;
  readonly planNote: string;
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'visit-plan': PlanView;
  }
}

export function planView(input: {
  pair: Pick<Pair, 'memberIds'>;
  cycle: Cycle;
  visits: readonly Visit[];
  programme: Pick<Programme, 'theme' | 'startDate' | 'endDate' | 'textsInTabOnly'> | undefined;
  userId: string;
  names: Readonly<Record<string, string>>;
  locale: Locale;
  today: string;
}): PlanView {
  const { pair, cycle, visits, programme, userId, names, locale } = input;
  const name = (id: string) => names[id] ?? t(locale, 'visitFields.colleague');
  // The choices and the rotation default come from one rule, so the default is always a choice.
  const { choices, preselected } = planRoles(pair.memberIds, visits, userId);
  const roles = choices.map(({ observerId, observedId }) => ({
    title:
      observerId === userId
        ? t(locale, 'cards.visit-plan.iObserve', { name: name(observedId) })
        : observedId === userId
          ? t(locale, 'cards.visit-plan.observesMe', { name: name(observerId) })
          : t(locale, 'cards.visit-plan.observes', { observer: name(observerId), observed: name(observedId) }),
    value: `${observerId}|${observedId}`,
  }));
  // The programme's theme and the ICALT domains: a key as the value (stored as such), the label as the title.
  const focusChoices = focusOptions(locale, programme?.theme);
  const minDate = programme && programme.startDate > input.today ? programme.startDate : input.today;
  return {
    cycleId: cycle.id,
    sequence: visits.length + 1,
    intro: t(locale, 'cards.visit-plan.intro', {
      number: visits.filter((v) => v.state !== 'cancelled').length + 1,
      agreed: cycle.visitsAgreed,
    }),
    roles,
    defaultRoles: `${preselected.observerId}|${preselected.observedId}`,
    privacy: t(locale, pair.memberIds.length > 2 ? 'cards.visit-plan.privacyTrio' : 'cards.visit-plan.privacy'),
    focusChoices,
    feedbackChoices: FEEDBACK_PREFERENCES.map((value) => ({ title: t(locale, `feedbackPreferences.${value}`), value })),
    minDate,
    maxDate: programme?.endDate ?? '',
    textsInTab: textsInTab(programme),
    planNote: textsInTab(programme) ? t(locale, 'textsInTab.planNote') : '',
  };
}

export async function planCard(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'userId' | 'locale' | 'now'>,
  school: { schoolId: string; timezone: string },
  pair: Pick<Pair, 'memberIds'>,
  cycle: Cycle,
  visits: readonly Visit[],
  programme: Pick<Programme, 'theme' | 'startDate' | 'endDate' | 'textsInTabOnly'> | undefined,
): Promise<AdaptiveCard> {
  // The names are the choices' titles (plain text, not markdown).
  const names = await namesOf(ctx, school, pair.memberIds, ctx.locale, { markdown: false });
  const today = ctx.now.setZone(school.timezone).toISODate()!;
  return renderCard(
    'visit-plan',
    planView({ pair, cycle, visits, programme, userId: ctx.userId, names, locale: ctx.locale, today }),
    ctx.locale,
  );
}
