/**
 * The visit card (visit-details): the same card for both partners, each seeing their own view
 * (Universal Actions: `refresh` with the pair's user ids and the `visit.refresh` verb). Buttons
 * appear only for the person whose turn it is.
 */
import { DateTime } from 'luxon';
import { instantOf } from '../../../domain/instant';
import { revisionOf } from '../../../app/visits/change-visit';
import { DEBRIEF_MINUTES, teamsMeetingLink } from '../../../app/debrief/meeting-link';
import { withSchoolId } from '../../card-data';
import { renderCard, type AdaptiveCard } from '../../../cards/render';
import type { Cycle, Locale, School, Visit } from '../../../domain/entities';
import { isParticipant, isVisitOpen, visitAction, visitRules, type VisitOwnAction } from '../../../domain/visit-rules';
import { mustConfirmVideoDeleted, mustConfirmVideoRules, videoRulesConfirmed } from '../../../domain/video';
import { listOf, t } from '../../../i18n/translate';
import type { HandlerContext } from '../../context';
import { formatMoment, type DateReader } from '../../../i18n/dates';
import { namesAndTeamsUserIds } from './common';
import { userText, type UserText } from '../../../domain/typed-text';
import { tabLink, textsInTab, writtenAbout, writtenLines } from '../../texts-in-tab';
import { shownChoice } from '../../../i18n/choices';

export interface VisitView {
  readonly visitId: string;
  readonly revision: number;
  readonly userIds: readonly string[];
  readonly hasNotice: boolean;
  readonly notice: string;
  readonly title: string;
  readonly stateText: string;
  readonly facts: readonly { readonly title: string; readonly value: string | UserText }[];
  readonly canConfirm: boolean;
  readonly canCounter: boolean;
  readonly canCancel: boolean;
  readonly canObserve: boolean;
  readonly canReflect: boolean;
  readonly canProposeDebrief: boolean;
  readonly canPickDebrief: boolean;
  readonly debriefChoices: readonly { readonly title: string; readonly moment: string }[];
  readonly hasMeetingLink: boolean;
  readonly meetingLink: string;
  readonly canRecordDebrief: boolean;
  readonly canReadNotes: boolean;
  readonly canPlanNext: boolean;
  readonly cycleComplete: boolean;
  readonly counterDate: string;
  readonly counterTime: string;
  /** Video: the school's rules, who confirmed them, and the observed teacher's deletion after the debrief. */
  readonly hasVideoRules: boolean;
  /** The programme's video rules (the leader's words) or the default rules. */
  readonly videoRules: string | UserText;
  readonly videoConfirmations: string;
  readonly canConfirmVideo: boolean;
  readonly canConfirmVideoDeleted: boolean;
  readonly hasVideoDeleted: boolean;
  readonly videoDeletedText: string;
  /** Texts only in the tab: what was written (never the text) and what to do there, with the link. */
  readonly textsInTab: boolean;
  readonly tabLines: readonly { readonly text: string }[];
  readonly tabUrl: string;
  /** "Er zit iets in de weg": for the pair's members while the visit or the cycle has a step to take. */
  readonly canAskSchool: boolean;
  readonly needData: { readonly pairId: string; readonly visitId: string };
  /**
   * The refresh's data: the visit and the ids of what a refresh reads with it (its pair, cycle and
   * programme), so the turn reads them in one go (src/teams/dispatch.ts); the visit's own ids decide.
   */
  readonly refreshData: {
    readonly visitId: string;
    readonly pairId: string;
    readonly cycleId: string;
    readonly programmeId?: string;
  };
}

declare module '../../../cards/render' {
  interface CardViewModels {
    'visit-details': VisitView;
  }
}

export interface VisitViewInput {
  readonly visit: Visit;
  readonly cycle: Cycle | undefined;
  readonly school: Pick<School, 'timezone'>;
  readonly viewerId: string;
  readonly locale: Locale;
  readonly now: DateTime;
  readonly names: Readonly<Record<string, string>>;
  /** The same names unescaped, for the meeting link's subject (not markdown); default `names`. */
  readonly plainNames?: Readonly<Record<string, string>>;
  readonly userIds: readonly string[];
  readonly attendees?: readonly string[];
  readonly notice?: string;
  /** The programme's video rules (leader's text); absent: the default rules. */
  readonly videoRules?: string;
  /** The programme keeps teachers' texts in the tab: the card shows none, only what was written. */
  readonly textsInTab?: { readonly tabUrl: string; readonly written: Parameters<typeof writtenLines>[1] };
}

/** The pure view model of the visit card for one viewer. */
export function visitView(input: VisitViewInput): VisitView {
  const { visit, viewerId, locale, school, names, now } = input;
  const zone = school.timezone;
  const reader: DateReader = { locale, zone, now };
  const name = (id: string) => names[id] ?? t(locale, 'visitFields.colleague');
  const when = formatMoment(visit.startsAt, reader);
  // Every button follows the visit rules (domain/visit-rules.ts) for this viewer now.
  const memberIds = visit.personIds ?? [visit.observerId, visit.observedId];
  const cycle = input.cycle ? { cycle: input.cycle } : {};
  const can = (action: VisitOwnAction) => visitAction(visit, action, viewerId, now, { memberIds, ...cycle }).allowed;
  const canPickDebrief = can('pickDebrief');
  const stateText = t(locale, `visitStates.${visit.state}`, {
    proposer: name(visit.proposedBy),
    when,
    debriefAt: visit.debriefAt ? formatMoment(visit.debriefAt, reader) : '',
  });
  const facts = [
    { title: t(locale, 'visitFields.observer'), value: name(visit.observerId) },
    { title: t(locale, 'visitFields.observed'), value: name(visit.observedId) },
    { title: t(locale, 'visitFields.when'), value: when },
    ...(input.textsInTab
      ? []
      : [
          { title: t(locale, 'visitFields.lesson'), value: userText(visit.lesson) },
          { title: t(locale, 'visitFields.focus'), value: shownChoice(locale, visit.focus) },
          ...(visit.discussionGoal
            ? [{ title: t(locale, 'visitFields.discussionGoal'), value: userText(visit.discussionGoal) }]
            : []),
        ]),
    {
      title: t(locale, 'visitFields.feedbackPreference'),
      value: t(locale, `feedbackPreferences.${visit.feedbackPreference}`),
    },
    { title: t(locale, 'visitFields.video'), value: t(locale, visit.video ? 'common.yes' : 'common.no') },
  ];
  const debriefStart = visit.debriefAt ? DateTime.fromISO(visit.debriefAt) : undefined;
  const meetingLink = debriefStart
    ? teamsMeetingLink(
        t(locale, 'visitFields.meetingSubject', {
          observed: input.plainNames?.[visit.observedId] ?? name(visit.observedId),
        }),
        debriefStart,
        debriefStart.plus({ minutes: DEBRIEF_MINUTES }),
        input.attendees ?? [],
      )
    : '';
  const local = (instantOf(visit.startsAt) ?? DateTime.invalid('no start')).setZone(zone);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  const inTab = input.textsInTab;
  const tabLines = inTab
    ? [
        t(locale, 'textsInTab.planInTab'),
        ...writtenLines(visit, inTab.written, names, locale),
        ...(can('observe') && !inTab.written.observation ? [t(locale, 'textsInTab.title.observation')] : []),
        ...(can('reflect') && !inTab.written.reflection ? [t(locale, 'textsInTab.title.reflection')] : []),
        ...(can('recordDebrief') && !inTab.written.debriefNote ? [t(locale, 'textsInTab.title.agreements')] : []),
      ].map((text) => ({ text }))
    : [];
  const inChat = !inTab;
  return {
    visitId: visit.id,
    revision: revisionOf(visit),
    userIds: input.userIds,
    hasNotice: Boolean(input.notice),
    notice: input.notice ?? '',
    title: t(locale, 'visitFields.title', { observer: name(visit.observerId), observed: name(visit.observedId) }),
    stateText,
    facts,
    canConfirm: can('confirm'),
    canCounter: can('counter'),
    canCancel: can('cancel'),
    // The observer writes from this card only the first time; afterwards "read our notes" shows it.
    canObserve: inChat && can('observe') && visit.state === 'confirmed',
    canReflect: inChat && can('reflect'),
    canProposeDebrief: can('proposeDebrief'),
    canPickDebrief,
    debriefChoices: canPickDebrief
      ? visit.debriefMoments
          .filter((m) => DateTime.fromISO(m) > now)
          .map((m) => ({ title: formatMoment(m, reader), moment: m }))
      : [],
    hasMeetingLink: visit.state === 'debriefScheduled' && isParticipant(visit, viewerId) && Boolean(meetingLink),
    meetingLink,
    canRecordDebrief: inChat && can('recordDebrief'),
    canReadNotes: inChat && can('readNotes'),
    canPlanNext: !isVisitOpen(visit) && planAllowed(input.cycle, visit, memberIds, viewerId, now),
    cycleComplete: input.cycle?.status === 'complete',
    counterDate: local.toISODate() ?? '',
    counterTime: local.isValid ? `${twoDigits(local.hour)}:${twoDigits(local.minute)}` : '',
    hasVideoRules: visit.video && visit.state !== 'cancelled',
    videoRules: input.videoRules?.trim() ? userText(input.videoRules.trim()) : t(locale, 'video.defaultRules'),
    videoConfirmations: videoConfirmations(visit, locale, name),
    canConfirmVideo: mustConfirmVideoRules(visit, viewerId),
    canConfirmVideoDeleted: mustConfirmVideoDeleted(visit, viewerId),
    hasVideoDeleted: visit.video && Boolean(visit.videoDeletedAt),
    videoDeletedText: visit.videoDeletedAt
      ? t(locale, 'video.deleted', {
          name: name(visit.observedId),
          when: formatMoment(visit.videoDeletedAt, reader),
        })
      : '',
    textsInTab: Boolean(inTab),
    tabLines,
    tabUrl: inTab?.tabUrl ?? '',
    canAskSchool:
      memberIds.includes(viewerId) &&
      input.cycle?.status !== 'complete' &&
      input.cycle?.status !== 'closed' &&
      (isVisitOpen(visit) || planAllowed(input.cycle, visit, memberIds, viewerId, now)),
    needData: { pairId: visit.pairId, visitId: visit.id },
    refreshData: {
      visitId: visit.id,
      pairId: visit.pairId,
      cycleId: visit.cycleId,
      ...(input.cycle ? { programmeId: input.cycle.programmeId } : {}),
    },
  };
}

/** May the viewer plan a next visit in this cycle (it is active and not yet complete)? */
function planAllowed(
  cycle: Cycle | undefined,
  visit: Visit,
  memberIds: readonly string[],
  viewerId: string,
  now: DateTime,
): boolean {
  return visitRules({ memberIds, cycle, visits: [visit], viewerId, now }).actions.plan.allowed;
}

function videoConfirmations(visit: Visit, locale: Locale, name: (id: string) => string): string {
  const confirmed = (visit.videoConfirmedBy ?? []).filter((id) => id === visit.observerId || id === visit.observedId);
  if (videoRulesConfirmed(visit)) return t(locale, 'video.bothConfirmed');
  if (confirmed.length === 0) return t(locale, 'video.noneConfirmed');
  return t(locale, 'video.confirmedBy', { names: listOf(locale, confirmed.map(name)) });
}

/** Render the visit card for `viewerId`, looking up names and user ids. */
export async function visitCard(
  ctx: Pick<HandlerContext, 'services' | 'tenantId' | 'now'>,
  school: Pick<School, 'schoolId' | 'timezone'>,
  visit: Visit,
  cycle: Cycle | undefined,
  viewerId: string,
  locale: Locale,
  extra: { notice?: string; attendees?: readonly string[] } = {},
): Promise<AdaptiveCard> {
  const memberIds = visit.personIds ?? [visit.observerId, visit.observedId];
  const { names, plain, userIds } = await namesAndTeamsUserIds(ctx, school, memberIds, locale);
  const programme = cycle ? await ctx.services.store.read(school.schoolId, 'programme', cycle.programmeId) : undefined;
  const inTab = textsInTab(programme)
    ? {
        tabUrl: tabLink(ctx.services, visit.id),
        written: await writtenAbout(ctx.services.store, school.schoolId, visit.id),
      }
    : undefined;
  const input: VisitViewInput = {
    visit,
    cycle,
    school,
    viewerId,
    locale,
    now: ctx.now,
    names,
    plainNames: plain,
    userIds,
    ...(programme?.videoRules ? { videoRules: programme.videoRules } : {}),
    ...(inTab ? { textsInTab: inTab } : {}),
    ...extra,
  };
  // Partners' copies are sent proactively: they name their school like every card the router answers with.
  const make = async () => withSchoolId(renderCard('visit-details', visitView(input), locale), school.schoolId);
  const key = rememberedKey(input, school.schoolId);
  // Kept by the running service, not the turn (each turn has its own services around its store).
  return key === undefined ? make() : ctx.services.rememberedCards.get(key, make);
}

/**
 * Everything a visit card is made of, as a key (src/cards/remembered-cards.ts): the visit and
 * the cycle by id and version, the school, the viewer and language, the names and user ids, the
 * programme's video rules, the texts written, the notice and attendees, and the minute (the
 * rules and dates read the clock; every moment on a card is a whole minute). Undefined when a
 * document has no version (not read from the store): then the card is made anew.
 */
function rememberedKey(input: VisitViewInput, schoolId: string): string | undefined {
  const { visit, cycle } = input;
  const version = (doc: object | undefined) => (doc as { version?: unknown } | undefined)?.version;
  if (typeof version(visit) !== 'string' || (cycle !== undefined && typeof version(cycle) !== 'string'))
    return undefined;
  // The rules compare these moments with now: within one minute they answer alike only for whole minutes.
  const moments = [visit.startsAt, visit.debriefAt, ...visit.debriefMoments];
  if (!moments.every((moment) => moment === undefined || isWholeMinute(moment))) return undefined;
  return JSON.stringify([
    schoolId,
    input.school.timezone,
    visit.id,
    version(visit),
    cycle?.id ?? null,
    version(cycle) ?? null,
    input.viewerId,
    input.locale,
    Math.floor(input.now.toMillis() / 60_000),
    input.names,
    input.plainNames ?? null,
    input.userIds,
    input.attendees ?? null,
    input.notice ?? null,
    input.videoRules ?? null,
    input.textsInTab ?? null,
  ]);
}

/** A moment Date.parse reads as a whole minute (anything else: the card is made anew). */
function isWholeMinute(moment: string): boolean {
  const ms = Date.parse(moment);
  return Number.isFinite(ms) && ms % 60_000 === 0;
}
