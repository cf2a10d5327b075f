/**
 * A visit's texts in the personal tab (issue 13 item 4): the plan's lesson, focus and discussion
 * goal, the observation, the reflection and the agreements, for the two people of the visit only
 * (in a trio not the third member, never a leader), and the forms that write them. The tab is
 * where these texts are written when the programme keeps teachers' texts out of the chat
 * (domain/texts-in-tab.ts); the writes go through the same use cases as the cards (limits,
 * versions, the visit rules), marked as coming from the tab.
 */
import type { Programme, Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { FINDING_KINDS } from '../../domain/observation-coach';
import { textsInTab } from '../../domain/texts-in-tab';
import { isParticipant, visitAction, type VisitOwnAction } from '../../domain/visit-rules';
import { formatMoment, type DateReader } from '../../i18n/dates';
import { t } from '../../i18n/translate';
import { isStoreError, type Store, type Stored } from '../../store/store';
import { checkDebriefText, recordDebrief } from '../debrief/debrief';
import { hasFindings, phrasesOf, reviewObservationText } from '../observations/coach-review';
import {
  checkObservationText,
  checkReflectionText,
  postObservation,
  postReflection,
} from '../observations/post-observation';
import { readNotes } from '../observations/read-notes';
import { loadVisitForMember, type VisitContext } from '../visits/pair-context';
import { checkPlanTexts } from '../visits/plan-visit';
import { membershipId } from '../membership';
import { personView } from './pair-detail';
import { schoolsOfUser, type TabRequest } from './queries';
import type { PersonView } from './views';
import { choiceText, focusOptions } from '../../i18n/choices';

export interface VisitNotesView {
  readonly kind: 'visitNotes';
  readonly locale: 'nl' | 'en';
  readonly schoolId: string;
  readonly visitId: string;
  readonly sequence: number;
  readonly observer: PersonView;
  readonly observed: PersonView;
  readonly myRole: 'observer' | 'observed';
  readonly when: string;
  /** The programme keeps teachers' texts in the tab (the chat shows none). */
  readonly textsInTabOnly: boolean;
  readonly plan: {
    readonly lesson: string;
    readonly focus: string;
    readonly discussionGoal: string;
    /** The planner may write the plan's texts here while the visit is open and texts live in the tab. */
    readonly canEdit: boolean;
    /** When the planner may edit: the focus suggestions in the reader's language (saved as their keys). */
    readonly focusSuggestions: readonly string[];
    /** The visit's version, for the edit. */
    readonly version: string;
  };
  readonly observation?: {
    readonly facts: string;
    readonly questions: string;
    readonly at: string;
    readonly version: string;
  };
  readonly reflection?: { readonly text: string; readonly at: string; readonly version: string };
  readonly debrief?: {
    readonly agreements: string;
    readonly nextStep: string;
    readonly at: string;
    readonly version: string;
  };
  /** Which forms this reader may fill in now (the visit rules). */
  readonly can: { readonly observe: boolean; readonly reflect: boolean; readonly recordDebrief: boolean };
  /** "Only you and Bram can read this." */
  readonly privacy: string;
}

/** The observation coach's findings, as the tab shows them before saving (the card's form shows the same). */
export interface FindingView {
  readonly heading: string;
  readonly found: string;
  readonly explanation: string;
  readonly invitation: string;
}

export type TabWriteResult =
  | { readonly saved: true; readonly notes: VisitNotesView }
  | { readonly saved: false; readonly findings: readonly FindingView[] }
  /**
   * Other words were saved in between (the partner, or another window): nothing written. The
   * notes show the stored words (and their version); the tab keeps the writer's words in the form,
   * so saving again replaces the stored ones knowingly (src/app/save-text.ts).
   */
  | { readonly saved: false; readonly conflict: true; readonly message: string; readonly notes: VisitNotesView };

/**
 * Other words were saved since the tab's form was opened (src/app/save-text.ts): nothing was
 * written, and the writer sees the stored words while their own stay in the form — never a
 * silent drop.
 */
const conflict = async (store: Store, request: TabRequest, visitId: string, locale: 'nl' | 'en') => ({
  saved: false as const,
  conflict: true as const,
  message: t(locale, 'tabNotes.conflict'),
  notes: await visitNotesView(store, request, visitId),
});

interface Located extends VisitContext {
  readonly schoolId: string;
  readonly timezone: string;
  readonly locale: 'nl' | 'en';
  readonly names: Map<string, string>;
}

/** The visit among the person's schools; refused alike when unknown or not theirs to read. */
async function locate(store: Store, request: TabRequest, visitId: string): Promise<Located> {
  const schools = await schoolsOfUser(store, request.user);
  const candidates = request.schoolId !== undefined ? schools.filter((s) => s.id === request.schoolId) : schools;
  for (const school of candidates) {
    const visit = await store.read(school.id, 'visit', visitId);
    if (!visit) continue;
    if (!isParticipant(visit, request.user.userId)) break;
    const context = await loadVisitForMember(store, school.id, visitId, request.user.userId);
    const names = new Map<string, string>();
    for (const profile of await store.query(school.id, { type: 'profile' }))
      if (profile.name.trim() !== '') names.set(profile.userId, profile.name);
    for (const id of [visit.observerId, visit.observedId]) {
      if (names.has(id)) continue;
      const membership = await store.read(request.user.tenantPartition, 'membership', membershipId(id));
      const [reference] = await store.query(request.user.tenantPartition, { type: 'personReference', personId: id });
      const name = membership?.name?.trim() || reference?.name?.trim();
      if (name) names.set(id, name);
    }
    if (!names.has(request.user.userId) && request.user.name) names.set(request.user.userId, request.user.name);
    return {
      ...context,
      schoolId: school.id,
      timezone: school.timezone,
      locale: request.locale ?? school.locale,
      names,
    };
  }
  throw new DomainError('NOT_A_PAIR_MEMBER');
}

const planner = (visit: Visit): string => visit.plannedBy ?? visit.proposedBy;

function mayEditPlan(visit: Visit, programme: Programme | undefined, userId: string): boolean {
  return (
    textsInTab(programme) && planner(visit) === userId && visit.state !== 'cancelled' && visit.state !== 'debriefed'
  );
}

async function notesOf(store: Store, request: TabRequest, located: Located): Promise<VisitNotesView> {
  const userId = request.user.userId;
  const { visit, pair, cycle, programme, locale } = located;
  const reader: DateReader = { locale, zone: located.timezone, now: request.now };
  const notes = await readNotes(store, located.schoolId, visit.id, userId, request.now).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'VISIT_NOT_YET') return undefined;
    throw error;
  });
  const can = (action: VisitOwnAction) =>
    visitAction(visit, action, userId, request.now, { memberIds: pair.memberIds, ...(cycle ? { cycle } : {}) }).allowed;
  const other = userId === visit.observerId ? visit.observedId : visit.observerId;
  const observation = notes?.observation;
  const reflection = notes?.reflection;
  const debriefNote = notes?.debriefNote;
  return {
    kind: 'visitNotes',
    locale,
    schoolId: located.schoolId,
    visitId: visit.id,
    sequence: visit.sequence,
    observer: personView(visit.observerId, located.names, locale),
    observed: personView(visit.observedId, located.names, locale),
    myRole: userId === visit.observerId ? 'observer' : 'observed',
    when: formatMoment(visit.startsAt, reader),
    textsInTabOnly: textsInTab(programme),
    plan: {
      lesson: visit.lesson,
      focus: choiceText(locale, visit.focus),
      discussionGoal: visit.discussionGoal,
      canEdit: mayEditPlan(visit, programme, userId),
      focusSuggestions: mayEditPlan(visit, programme, userId)
        ? focusOptions(locale, programme?.theme).map((option) => option.title)
        : [],
      version: visit.version,
    },
    ...(observation
      ? {
          observation: {
            facts: observation.facts,
            questions: observation.questions,
            at: formatMoment(observation.postedAt, reader),
            version: observation.version,
          },
        }
      : {}),
    ...(reflection
      ? {
          reflection: {
            text: reflection.text,
            at: formatMoment(reflection.postedAt, reader),
            version: reflection.version,
          },
        }
      : {}),
    ...(debriefNote
      ? {
          debrief: {
            agreements: debriefNote.agreements,
            nextStep: debriefNote.nextStep,
            at: formatMoment(debriefNote.recordedAt, reader),
            version: debriefNote.version,
          },
        }
      : {}),
    can: {
      // The observer writes (and later edits) the observation until the debrief is recorded.
      observe: can('observe'),
      reflect: can('reflect'),
      recordDebrief: can('recordDebrief') && !debriefNote,
    },
    privacy: t(locale, 'cards.observation-notes.privacy', { name: personView(other, located.names, locale).name }),
  };
}

/** GET /api/tab/visits/:visitId — the visit's texts for one of its two people. */
export async function visitNotesView(store: Store, request: TabRequest, visitId: string): Promise<VisitNotesView> {
  return notesOf(store, request, await locate(store, request, visitId));
}

const optionalVersion = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && value.length <= 200 ? value : undefined;

function findingsOf(text: { facts: string; questions: string }, locale: 'nl' | 'en'): FindingView[] {
  const review = reviewObservationText(text);
  if (!hasFindings(review)) return [];
  return FINDING_KINDS.flatMap((kind) => {
    const phrases = phrasesOf(text, review, kind);
    if (phrases.length === 0) return [];
    return [
      {
        heading: t(locale, `coach.${kind}.name`),
        found: t(locale, `coach.${kind}.found`, { words: phrases.map((w) => `“${w}”`).join(', ') }),
        explanation: t(locale, `coach.${kind}.explanation`),
        invitation: t(locale, `coach.${kind}.invitation`),
      },
    ];
  });
}

/** What the tab is told after a text was saved or refused as a conflict (one answer for every text). */
async function answerToSave(
  store: Store,
  request: TabRequest,
  visitId: string,
  locale: Parameters<typeof conflict>[3],
  saved: { readonly kind: string },
): Promise<TabWriteResult> {
  if (saved.kind === 'conflict') return conflict(store, request, visitId, locale);
  return { saved: true, notes: await visitNotesView(store, request, visitId) };
}

/** The observation from the tab: the coach first (unless `keep`), then the card's use case. */
export async function writeObservationInTab(
  store: Store,
  request: TabRequest,
  visitId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<TabWriteResult> {
  const located = await locate(store, request, visitId);
  const text = checkObservationText(body.facts, body.questions);
  const keep = body.keep === true || body.keep === 'true';
  const findings = findingsOf(text, located.locale);
  if (findings.length > 0 && !keep) return { saved: false, findings };
  const version = optionalVersion(body.version);
  const saved = await postObservation(
    store,
    located.schoolId,
    visitId,
    request.user.userId,
    request.now,
    text,
    version,
    'tab',
  );
  return answerToSave(store, request, visitId, located.locale, saved);
}

export async function writeReflectionInTab(
  store: Store,
  request: TabRequest,
  visitId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<TabWriteResult> {
  const located = await locate(store, request, visitId);
  const text = checkReflectionText(body.text);
  const version = optionalVersion(body.version);
  const saved = await postReflection(
    store,
    located.schoolId,
    visitId,
    request.user.userId,
    request.now,
    text,
    version,
    'tab',
  );
  return answerToSave(store, request, visitId, located.locale, saved);
}

export async function writeDebriefInTab(
  store: Store,
  request: TabRequest,
  visitId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<TabWriteResult & { completedCycle?: boolean }> {
  const located = await locate(store, request, visitId);
  const text = checkDebriefText(body.agreements, body.nextStep);
  const result = await recordDebrief(
    store,
    located.schoolId,
    visitId,
    request.user.userId,
    request.now,
    text,
    'tab',
    optionalVersion(body.version),
  );
  if (result.kind === 'conflict') return conflict(store, request, visitId, located.locale);
  return {
    saved: true,
    notes: await visitNotesView(store, request, visitId),
    completedCycle: result.completedCycle,
  };
}

/**
 * The plan's texts from the tab (texts only in the tab: the plan card carried none). Only the
 * planner writes them (erasure removes them with the planner's data), with the visit's version;
 * the visit's revision (what its card shows) does not change.
 */
export async function writePlanInTab(
  store: Store,
  request: TabRequest,
  visitId: string,
  body: Readonly<Record<string, unknown>>,
): Promise<TabWriteResult> {
  const located = await locate(store, request, visitId);
  const { visit, programme } = located;
  if (!mayEditPlan(visit, programme, request.user.userId))
    throw new DomainError(planner(visit) === request.user.userId ? 'INVALID_TRANSITION' : 'NOT_YOUR_TURN');
  const texts = checkPlanTexts(body.lesson, body.focus, body.discussionGoal);
  if (optionalVersion(body.version) !== visit.version) throw new DomainError('STALE_VERSION');
  try {
    await store.replace({ ...visit, ...texts, updatedAt: request.now.toUTC().toISO()! } as Stored<Visit>);
  } catch (error) {
    if (isStoreError(error, 'conflict') || isStoreError(error, 'not_found')) throw new DomainError('STALE_VERSION');
    throw error;
  }
  return { saved: true, notes: await visitNotesView(store, request, visitId) };
}
