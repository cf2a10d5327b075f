/**
 * Small builders for domain documents with sensible defaults and overrides:
 * `buildVisit({ state: 'confirmed' })`. Shared by every test suite; keep the defaults stable.
 *
 * Default world: school 'school-1' in Europe/Amsterdam (nl), leader 'leader-1', programme
 * 'programme-1' from 2026-02-01 to 2026-06-30 with 2 visits per cycle and no quiet periods,
 * pair 'pair-1' of TEACHER_A (observer of visit 1) and TEACHER_B, created 2026-02-02.
 */
import { DateTime } from 'luxon';
import type {
  Cycle,
  NudgeThresholds,
  Pair,
  PairNeed,
  Profile,
  Programme,
  School,
  Visit,
  VisitState,
} from '../../src/domain/entities';

export const SCHOOL_ID = 'school-1';
export const ZONE = 'Europe/Amsterdam';
export const LEADER = 'leader-1';
export const TEACHER_A = 'teacher-a';
export const TEACHER_B = 'teacher-b';
export const TEACHER_C = 'teacher-c';
export const OUTSIDER = 'teacher-z';

/** A moment in the school's zone: `at('2026-03-10T09:00')`. */
export function at(iso: string, zone: string = ZONE): DateTime {
  const value = DateTime.fromISO(iso, { zone });
  if (!value.isValid) throw new Error(`bad test time ${iso}`);
  return value;
}

/** The UTC ISO string the domain stores for a local moment. */
export function utc(iso: string, zone: string = ZONE): string {
  return at(iso, zone).toUTC().toISO()!;
}

export const DEFAULT_THRESHOLDS: NudgeThresholds = {
  noVisitPlannedDays: 7,
  noObservationDays: 3,
  noDebriefScheduledDays: 5,
  noDebriefRecordedDays: 2,
  endApproachingDays: 21,
  minDaysBetweenNudges: 3,
};

export function buildSchool(overrides: Partial<School> = {}): School {
  return {
    type: 'school',
    id: SCHOOL_ID,
    schoolId: SCHOOL_ID,
    tenantId: 'tenant-1',
    teamId: '19:team-1@thread.tacv2',
    name: 'Het Stedelijk College',
    timezone: ZONE,
    locale: 'nl',
    installed: true,
    leaderIds: [LEADER],
    installedAt: utc('2026-01-05T08:00'),
    ...overrides,
  };
}

export function buildProgramme(
  overrides: Partial<Omit<Programme, 'thresholds'>> & { thresholds?: Partial<NudgeThresholds> } = {},
): Programme {
  const { thresholds, ...rest } = overrides;
  return {
    type: 'programme',
    id: 'programme-1',
    schoolId: SCHOOL_ID,
    theme: 'effectieve instructie',
    startDate: '2026-02-01',
    endDate: '2026-06-30',
    visitsPerCycle: 2,
    digestWeekday: 1,
    digestHour: 8,
    quietPeriods: [],
    nudgeSenderName: 'Koos',
    status: 'active',
    createdBy: LEADER,
    createdAt: utc('2026-01-20T10:00'),
    ...rest,
    thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds },
  };
}

export function buildPair(overrides: Partial<Pair> = {}): Pair {
  const memberIds = overrides.memberIds ?? [TEACHER_A, TEACHER_B];
  const id = overrides.id ?? 'pair-1';
  return {
    type: 'pair',
    id,
    schoolId: SCHOOL_ID,
    pairId: id,
    personIds: memberIds,
    programmeId: 'programme-1',
    memberIds,
    status: 'active',
    createdAt: utc('2026-02-02T09:00'),
    ...overrides,
  };
}

export function buildCycle(overrides: Partial<Cycle> = {}): Cycle {
  const startedAt = overrides.startedAt ?? utc('2026-02-02T09:00');
  return {
    type: 'cycle',
    id: 'cycle-1',
    schoolId: SCHOOL_ID,
    pairId: 'pair-1',
    programmeId: 'programme-1',
    visitsAgreed: 2,
    visitsCompleted: 0,
    status: 'active',
    startedAt,
    lastStepAt: startedAt,
    ...overrides,
  };
}

const STATE_ORDER: readonly VisitState[] = [
  'proposed',
  'confirmed',
  'observed',
  'debriefProposed',
  'debriefScheduled',
  'debriefed',
];

/**
 * A visit on 2026-03-10 09:00 Amsterdam, TEACHER_A observing TEACHER_B, proposed by TEACHER_A.
 * Fields that belong to a later state (observedAt, debriefMoments, debriefAt, debriefedAt) are
 * filled in consistently with `state` unless overridden.
 */
export function buildVisit(overrides: Partial<Visit> = {}): Visit {
  const state = overrides.state ?? 'proposed';
  const reached = (s: VisitState) => state !== 'cancelled' && STATE_ORDER.indexOf(state) >= STATE_ORDER.indexOf(s);
  const observerId = overrides.observerId ?? TEACHER_A;
  const observedId = overrides.observedId ?? TEACHER_B;
  const moments = [utc('2026-03-12T15:00'), utc('2026-03-13T15:30')];
  const debriefProposer = reached('debriefProposed') ? observerId : undefined;
  return {
    type: 'visit',
    id: 'visit-1',
    schoolId: SCHOOL_ID,
    pairId: 'pair-1',
    personIds: [observerId, observedId],
    cycleId: 'cycle-1',
    sequence: 1,
    observerId,
    observedId,
    state,
    startsAt: utc('2026-03-10T09:00'),
    durationMinutes: 50,
    lesson: '3B wiskunde',
    focus: 'heldere instructie',
    discussionGoal: 'hoe controleer ik of iedereen het snapt',
    feedbackPreference: 'questions',
    video: false,
    proposedBy: debriefProposer ?? observerId,
    debriefMoments: reached('debriefProposed') ? moments : [],
    ...(reached('observed') ? { observedAt: utc('2026-03-10T16:00') } : {}),
    ...(reached('debriefScheduled') ? { debriefAt: moments[0] } : {}),
    ...(reached('debriefed') ? { debriefedAt: utc('2026-03-12T16:00') } : {}),
    updatedAt: utc('2026-03-02T10:00'),
    ...overrides,
  };
}

export function buildProfile(overrides: Partial<Profile> = {}): Profile {
  const userId = overrides.userId ?? TEACHER_A;
  return {
    type: 'profile',
    id: `profile-${userId}`,
    schoolId: SCHOOL_ID,
    personIds: [userId],
    userId,
    name: 'Anna de Vries',
    subjects: ['wiskunde'],
    yearsOfExperience: 5,
    wouldLikeToLearnFrom: [],
    updatedAt: utc('2026-01-25T12:00'),
    ...overrides,
  };
}

/** A teacher as `suggestPairs` takes it. */
export function buildTeacher(
  overrides: Partial<{
    userId: string;
    name: string;
    subjects: string[];
    yearsOfExperience: number;
    wouldLikeToLearnFrom: string[];
  }> = {},
) {
  const userId = overrides.userId ?? TEACHER_A;
  return {
    userId,
    name: userId,
    subjects: ['wiskunde'],
    yearsOfExperience: 5,
    wouldLikeToLearnFrom: [] as string[],
    ...overrides,
  };
}

/** A pair's open need (issue 15): pair-1 blocked on planning by no free time, asked 2026-02-05. */
export function buildPairNeed(overrides: Partial<PairNeed> = {}): PairNeed {
  const pairId = overrides.pairId ?? 'pair-1';
  const step = overrides.step ?? 'noVisitPlanned';
  return {
    type: 'pairNeed',
    id: `need:${pairId}:${step}:1`,
    schoolId: SCHOOL_ID,
    programmeId: 'programme-1',
    pairId,
    personIds: [TEACHER_A, TEACHER_B],
    step,
    categories: ['noFreeTime'],
    requestedBy: TEACHER_A,
    requestedAt: utc('2026-02-05T10:00'),
    status: 'open',
    ...overrides,
  };
}
