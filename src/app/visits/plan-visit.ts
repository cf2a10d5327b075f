/**
 * Flow 4, plan a visit (lesbezoek plannen): either partner proposes who observes whom, when,
 * the class or lesson, the focus (kijkdoel), discussion goal (bespreekdoel), feedback
 * preference and video. The visit id is deterministic per cycle and sequence, so a double
 * submit creates one visit.
 */
import type { DateTime } from 'luxon';
import type { FeedbackPreference, School, Visit } from '../../domain/entities';
import { DomainError, type Result } from '../../domain/errors';
import { checkText, MAX_GOAL_CHARS, MAX_SHORT_TEXT } from '../../domain/limits';
import { storedChoice } from '../../i18n/choices';
import { isStoreError, type Store, type Stored } from '../../store/store';
import { checkPlannable, parseLocalMoment } from './moment';
import { isPlanChoice, visitRules } from '../../domain/visit-rules';
import { loadPairContext, visitIdFor } from './pair-context';
import { isTyped, requireTextChannel, textsInTab, type TextChannel } from '../../domain/texts-in-tab';

export const FEEDBACK_PREFERENCES: readonly FeedbackPreference[] = ['questions', 'facts', 'tips', 'open'];
export const DEFAULT_VISIT_MINUTES = 50;

export interface PlanVisitInput {
  readonly cycleId: string;
  readonly sequence: number;
  readonly observerId: string;
  readonly observedId: string;
  readonly date: unknown;
  readonly time: unknown;
  readonly lesson: unknown;
  readonly focus: unknown;
  readonly discussionGoal: unknown;
  readonly feedbackPreference: unknown;
  readonly video: unknown;
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

export async function planVisit(
  store: Store,
  school: Pick<School, 'schoolId' | 'timezone'>,
  userId: string,
  now: DateTime,
  input: PlanVisitInput,
  via: TextChannel = 'chat',
): Promise<{ visit: Stored<Visit>; created: boolean }> {
  const { pair, cycle, visits, programme } = await loadPairContext(store, school, userId);
  if (!cycle || cycle.id !== input.cycleId) {
    const other = await store.read(school.schoolId, 'cycle', input.cycleId);
    throw new DomainError(other ? (other.pairId === pair.id ? 'STALE_VERSION' : 'NOT_A_PAIR_MEMBER') : 'NOT_FOUND');
  }
  const id = visitIdFor(cycle.id, input.sequence);
  const existing = await store.read(school.schoolId, 'visit', id);
  if (existing) {
    if (existing.proposedBy === userId && existing.pairId === pair.id) return { visit: existing, created: false }; // the same submit again
    throw new DomainError('STALE_VERSION');
  }
  const plan = visitRules({ memberIds: pair.memberIds, cycle, visits, viewerId: userId, now }).actions.plan;
  if (!plan.allowed) throw new DomainError(plan.reason === 'INVALID_TRANSITION' ? 'STALE_VERSION' : plan.reason);
  if (input.sequence !== visits.length + 1) throw new DomainError('STALE_VERSION');

  const members = pair.memberIds;
  if (!isPlanChoice(members, input)) throw new DomainError('INVALID_INPUT', { field: 'roles' });

  const moment = unwrap(parseLocalMoment(input.date, input.time, school.timezone));
  unwrap(checkPlannable(moment, now, programme, school.timezone));
  // Texts only in the tab: the plan card carries no lesson, focus or goal; they are written in the
  // tab afterwards (writePlanTexts). A card that sends one anyway (forged) is refused.
  const textsLater = textsInTab(programme) && via === 'chat';
  if (textsLater && [input.lesson, input.focus, input.discussionGoal].some(isTyped)) requireTextChannel(programme, via);
  const { lesson, focus, discussionGoal } = textsLater
    ? { lesson: '', focus: '', discussionGoal: '' }
    : checkPlanTexts(input.lesson, input.focus, input.discussionGoal);
  const feedbackPreference = (input.feedbackPreference ?? 'open') as FeedbackPreference;
  if (!FEEDBACK_PREFERENCES.includes(feedbackPreference))
    throw new DomainError('INVALID_INPUT', { field: 'feedbackPreference' });
  const video = parseBoolean(input.video);

  const at = now.toUTC().toISO()!;
  const visit: Visit = {
    type: 'visit',
    id,
    schoolId: school.schoolId,
    pairId: pair.id,
    personIds: [...members],
    cycleId: cycle.id,
    sequence: input.sequence,
    observerId: input.observerId,
    observedId: input.observedId,
    state: 'proposed',
    startsAt: moment.toUTC().toISO()!,
    durationMinutes: DEFAULT_VISIT_MINUTES,
    lesson,
    focus,
    discussionGoal,
    feedbackPreference,
    video,
    proposedBy: userId,
    plannedBy: userId,
    debriefMoments: [],
    updatedAt: at,
    revision: 1,
  };
  try {
    return { visit: await store.create(visit), created: true };
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    const raced = await store.read(school.schoolId, 'visit', id);
    if (raced && raced.proposedBy === userId) return { visit: raced, created: false };
    throw new DomainError('STALE_VERSION');
  }
}

export interface PlanTexts {
  readonly lesson: string;
  readonly focus: string;
  readonly discussionGoal: string;
}

/**
 * The plan's texts: lesson and focus required, discussion goal optional, within the limits. A
 * focus picked from the list (a theme or ICALT key) — or typed as exactly one of its labels, as
 * the tab sends a picked focus back — is stored as the key; anything else as written.
 */
export function checkPlanTexts(lesson: unknown, focus: unknown, discussionGoal: unknown): PlanTexts {
  return {
    lesson: unwrap(checkText('lesson', lesson, MAX_SHORT_TEXT, true)),
    focus: storedChoice(unwrap(checkText('focus', focus, MAX_GOAL_CHARS, true))),
    discussionGoal: unwrap(checkText('discussionGoal', discussionGoal, MAX_GOAL_CHARS, false)),
  };
}

function parseBoolean(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new DomainError('INVALID_INPUT', { field: 'video' });
}
