/** Small builders of every stored document type, with overrides: buildVisit({ state: 'observed' }). */
import type {
  DebriefNote,
  DocumentType,
  DocumentTypes,
  JobLease,
  JobRun,
  TenantBudget,
  Encouragement,
  Membership,
  Nudge,
  CoachTally,
  Observation,
  Pair,
  PairNeed,
  PersonReference,
  Profile,
  Programme,
  Reflection,
  School,
  SwitchRequest,
  Cycle,
  Visit,
} from '../../src/domain/entities';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Overrides<T> = Partial<Mutable<T>>;

const SCHOOL = 'school-a';
const AT = '2025-03-03T08:00:00.000Z';

export const buildSchool = (o: Overrides<School> = {}): School => ({
  type: 'school',
  id: o.schoolId ?? SCHOOL,
  schoolId: SCHOOL,
  tenantId: '11111111-2222-3333-4444-555555555555',
  teamId: '19:team@thread.tacv2',
  name: 'Het Baken',
  timezone: 'Europe/Amsterdam',
  locale: 'nl',
  installed: true,
  leaderIds: ['leader-1'],
  channelReference: {
    conversation: { id: '19:team@thread.tacv2' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  },
  installedAt: AT,
  ...o,
});

export const buildPersonReference = (o: Overrides<PersonReference> = {}): PersonReference => ({
  type: 'personReference',
  id: 'ref-anna',
  schoolId: SCHOOL,
  personIds: ['anna'],
  userId: 'anna',
  tenantId: '11111111-2222-3333-4444-555555555555',
  name: 'Anna de Vries',
  locale: 'nl',
  reference: { user: { id: '29:anna', aadObjectId: 'anna' }, conversation: { id: 'a:1' } },
  reachable: true,
  updatedAt: AT,
  ...o,
});

export const buildProgramme = (o: Overrides<Programme> = {}): Programme => ({
  type: 'programme',
  id: 'programme-1',
  schoolId: SCHOOL,
  theme: 'Expliciete directe instructie',
  startDate: '2025-02-01',
  endDate: '2025-06-30',
  visitsPerCycle: 2,
  digestWeekday: 1,
  digestHour: 8,
  thresholds: {
    noVisitPlannedDays: 14,
    noObservationDays: 3,
    noDebriefScheduledDays: 5,
    noDebriefRecordedDays: 3,
    endApproachingDays: 21,
    minDaysBetweenNudges: 4,
  },
  quietPeriods: [{ start: '2025-04-26', end: '2025-05-04', label: 'Meivakantie' }],
  nudgeSenderName: 'Koos',
  status: 'active',
  createdBy: 'leader-1',
  createdAt: AT,
  ...o,
});

export const buildProfile = (o: Overrides<Profile> = {}): Profile => ({
  type: 'profile',
  id: 'profile-anna',
  schoolId: SCHOOL,
  personIds: ['anna'],
  userId: 'anna',
  name: 'Anna de Vries',
  subjects: ['biologie'],
  yearsOfExperience: 12,
  wouldLikeToLearnFrom: ['bram'],
  updatedAt: AT,
  ...o,
});

export const buildPair = (o: Overrides<Pair> = {}): Pair => ({
  type: 'pair',
  id: 'pair-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  programmeId: 'programme-1',
  memberIds: ['anna', 'bram'],
  status: 'active',
  createdAt: AT,
  ...o,
});

export const buildCycle = (o: Overrides<Cycle> = {}): Cycle => ({
  type: 'cycle',
  id: 'cycle-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  programmeId: 'programme-1',
  visitsAgreed: 2,
  visitsCompleted: 0,
  status: 'active',
  startedAt: AT,
  lastStepAt: AT,
  ...o,
});

export const buildVisit = (o: Overrides<Visit> = {}): Visit => ({
  type: 'visit',
  id: 'visit-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  cycleId: 'cycle-1',
  sequence: 1,
  observerId: 'anna',
  observedId: 'bram',
  state: 'proposed',
  startsAt: '2025-03-10T09:30:00.000Z',
  durationMinutes: 50,
  lesson: '3 havo, wiskunde',
  focus: 'Hoe activeert Bram de voorkennis?',
  discussionGoal: 'Wat doe je als een groepje stilvalt?',
  feedbackPreference: 'questions',
  video: false,
  proposedBy: 'anna',
  debriefMoments: [],
  updatedAt: AT,
  ...o,
});

export const buildObservation = (o: Overrides<Observation> = {}): Observation => ({
  type: 'observation',
  id: 'observation-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  visitId: 'visit-1',
  authorId: 'anna',
  facts: 'Ik zag drie keer dat leerlingen elkaar uitleg gaven.',
  questions: 'Wat wilde je bereiken met de wisselopdracht?',
  postedAt: AT,
  ...o,
});

export const buildCoachTally = (o: Overrides<CoachTally> = {}): CoachTally => ({
  type: 'coachTally',
  id: 'coach-tally-visit-1',
  schoolId: SCHOOL,
  personIds: ['anna'],
  programmeId: 'programme-1',
  visitId: 'visit-1',
  authorId: 'anna',
  visitAt: '2025-03-10T09:30:00.000Z',
  findings: { judgement: 1, interpretation: 0, advice: 0, generalisation: 0 },
  hasQuestion: true,
  savedAt: AT,
  ...o,
});

export const buildReflection = (o: Overrides<Reflection> = {}): Reflection => ({
  type: 'reflection',
  id: 'reflection-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  visitId: 'visit-1',
  authorId: 'bram',
  text: 'De start liep stroever dan ik dacht.',
  postedAt: AT,
  ...o,
});

export const buildDebriefNote = (o: Overrides<DebriefNote> = {}): DebriefNote => ({
  type: 'debriefNote',
  id: 'debrief-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  visitId: 'visit-1',
  authorId: 'bram',
  agreements: 'Bram probeert wisbordjes bij de start.',
  nextStep: 'Anna komt kijken op 24 maart.',
  recordedAt: AT,
  ...o,
});

export const buildSwitchRequest = (o: Overrides<SwitchRequest> = {}): SwitchRequest => ({
  type: 'switchRequest',
  id: 'switch-1',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna'],
  requesterId: 'anna',
  reason: 'tooAlike',
  status: 'open',
  createdAt: AT,
  ...o,
});

export const buildNudge = (o: Overrides<Nudge> = {}): Nudge => ({
  type: 'nudge',
  id: 'nudge-pair-1-noVisitPlanned-2025-W10-anna',
  schoolId: SCHOOL,
  pairId: 'pair-1',
  personIds: ['anna'],
  recipientId: 'anna',
  kind: 'noVisitPlanned',
  period: '2025-W10',
  status: 'pending',
  createdAt: AT,
  ...o,
});

export const buildPairNeed = (o: Overrides<PairNeed> = {}): PairNeed => ({
  type: 'pairNeed',
  id: 'need:pair-1:noVisitPlanned:1',
  schoolId: SCHOOL,
  programmeId: 'programme-1',
  pairId: 'pair-1',
  personIds: ['anna', 'bram'],
  step: 'noVisitPlanned',
  categories: ['noFreeTime', 'coverNeeded'],
  neededBy: '2025-03-14',
  requestedBy: 'anna',
  requestedAt: AT,
  pairNote: 'Dinsdag het vijfde uur zou kunnen.',
  status: 'open',
  ...o,
});

export const buildJobLease = (o: Overrides<JobLease> = {}): JobLease => ({
  type: 'jobLease',
  id: 'lease-digest',
  schoolId: SCHOOL,
  job: 'digest',
  holder: 'instance-1',
  expiresAt: '2025-03-03T08:05:00.000Z',
  period: '2025-W10',
  ...o,
});

export const buildJobRun = (o: Overrides<JobRun> = {}): JobRun => ({
  type: 'jobRun',
  id: 'run-instance-1-abc',
  schoolId: SCHOOL,
  job: 'nudges',
  period: '2025-03-03T08',
  trigger: 'http',
  status: 'running',
  startedAt: AT,
  ...o,
});

export const buildEncouragement = (o: Overrides<Encouragement> = {}): Encouragement => ({
  type: 'encouragement',
  id: 'encouragement-1',
  schoolId: SCHOOL,
  programmeId: 'programme-1',
  period: '2025-W10',
  runId: 'encourage-instance-1-abc',
  status: 'running',
  claimedUntil: '2025-03-03T08:10:00.000Z',
  startedAt: AT,
  ...o,
});

export const buildMembership = (o: Overrides<Membership> = {}): Membership => ({
  type: 'membership',
  id: 'membership-anna',
  schoolId: SCHOOL,
  personIds: ['anna'],
  userId: 'anna',
  tenantId: '11111111-2222-3333-4444-555555555555',
  schoolIds: ['school-a'],
  updatedAt: AT,
  ...o,
});

export const buildDigestRecord = (
  o: Overrides<import('../../src/domain/entities').Digest> = {},
): import('../../src/domain/entities').Digest => ({
  type: 'digest',
  id: 'digest-programme-1-2025-W10-leader-1',
  schoolId: SCHOOL,
  personIds: ['leader-1'],
  programmeId: 'programme-1',
  recipientId: 'leader-1',
  period: '2025-W10',
  status: 'pending',
  createdAt: AT,
  ...o,
});

export const buildDigestSnapshot = (
  o: Overrides<import('../../src/domain/entities').DigestSnapshot> = {},
): import('../../src/domain/entities').DigestSnapshot => ({
  type: 'digestSnapshot',
  id: 'digestSnapshot-programme-1-2025-W10',
  schoolId: SCHOOL,
  programmeId: 'programme-1',
  period: '2025-W10',
  counts: {
    visitsDone: 2,
    visitsAgreed: 4,
    debriefsHeld: 1,
    pairsOnTrack: 1,
    pairsBehind: 1,
    pairsUnreachable: 0,
    pairsComplete: 0,
    pairsNotStarted: 0,
    pairsWaitingForSchool: 0,
  },
  createdAt: AT,
  ...o,
});

export const buildExportLink = (
  o: Overrides<import('../../src/domain/entities').ExportLink> = {},
): import('../../src/domain/entities').ExportLink => ({
  type: 'exportLink',
  id: 'export-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  schoolId: SCHOOL,
  personIds: ['anna'],
  userId: 'anna',
  tenantId: '11111111-2222-3333-4444-555555555555',
  tenantPartition: 'tenant-1',
  referenceId: 'ref-anna',
  schoolIds: ['school-a'],
  locale: 'nl',
  createdAt: AT,
  expiresAt: '2025-03-03T08:15:00.000Z',
  ...o,
});

export const buildTenantBudget = (o: Overrides<TenantBudget> = {}): TenantBudget => ({
  type: 'tenantBudget',
  id: 'tenant-budget',
  schoolId: 'tenant-1',
  slotStart: 1_741_000_000_000,
  slotMs: 100,
  used: 1,
  ...o,
});

/**
 * One builder per document type and a change that replace must keep. Typed as a full record, so
 * a new document type in DocumentTypes does not compile until it is covered here.
 */
export const builders: {
  [K in DocumentType]: {
    build: (o?: Overrides<DocumentTypes[K]>) => DocumentTypes[K];
    change: Overrides<DocumentTypes[K]>;
  };
} = {
  school: { build: buildSchool, change: { installed: false, removedAt: '2025-07-01T00:00:00.000Z' } },
  personReference: { build: buildPersonReference, change: { reachable: false } },
  programme: { build: buildProgramme, change: { status: 'archived', quietPeriods: [] } },
  profile: { build: buildProfile, change: { subjects: ['biologie', 'NLT'], yearsOfExperience: 13 } },
  pair: { build: buildPair, change: { status: 'closed', closedAt: '2025-04-01T00:00:00.000Z' } },
  cycle: { build: buildCycle, change: { visitsCompleted: 1 } },
  visit: { build: buildVisit, change: { state: 'confirmed', debriefMoments: ['2025-03-11T14:00:00.000Z'] } },
  observation: { build: buildObservation, change: { facts: 'Ik zag vier keer dat leerlingen elkaar uitleg gaven.' } },
  coachTally: {
    build: buildCoachTally,
    change: { findings: { judgement: 0, interpretation: 0, advice: 0, generalisation: 0 }, hasQuestion: false },
  },
  reflection: { build: buildReflection, change: { text: 'Achteraf viel het mee.' } },
  debriefNote: { build: buildDebriefNote, change: { nextStep: 'Anna komt kijken op 31 maart.' } },
  switchRequest: { build: buildSwitchRequest, change: { status: 'handled' } },
  nudge: { build: buildNudge, change: { status: 'sent', sentAt: '2025-03-03T08:01:00.000Z' } },
  jobLease: { build: buildJobLease, change: { holder: 'instance-2' } },
  jobRun: {
    build: buildJobRun,
    change: { status: 'ran', finishedAt: '2025-03-03T08:02:00.000Z', report: { sent: 3 } },
  },
  tenantBudget: { build: buildTenantBudget, change: { slotStart: 1_741_000_000_100, used: 4 } },
  encouragement: { build: buildEncouragement, change: { status: 'done', sent: 2, spaced: 1, unreachable: 0 } },
  membership: { build: buildMembership, change: { schoolIds: ['school-b', 'school-a'] } },
  digest: { build: (o = {}) => buildDigestRecord(o), change: { status: 'sent', sentAt: '2025-03-03T07:01:00.000Z' } },
  digestSnapshot: {
    build: (o = {}) => buildDigestSnapshot(o),
    change: {
      counts: {
        visitsDone: 3,
        visitsAgreed: 4,
        debriefsHeld: 2,
        pairsOnTrack: 1,
        pairsBehind: 1,
        pairsUnreachable: 0,
        pairsComplete: 0,
        pairsNotStarted: 0,
        pairsWaitingForSchool: 0,
      },
    },
  },
  exportLink: { build: (o = {}) => buildExportLink(o), change: { expiresAt: '2025-03-03T08:30:00.000Z' } },
  pairNeed: {
    build: buildPairNeed,
    change: { status: 'arranged', answeredBy: 'leader-1', answeredAt: '2025-03-04T09:00:00.000Z' },
  },
};

export const documentTypes = Object.keys(builders) as DocumentType[];
