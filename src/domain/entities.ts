/**
 * The documents Tweetal stores. Every document lives in the partition of its school
 * (`schoolId`), has a `type` and an `id`; the store adds `version` (an ETag on Cosmos DB).
 * Times are ISO 8601 strings in UTC; calendar dates are ISO dates (yyyy-MM-dd) in the
 * school's time zone.
 */
export type Locale = 'nl' | 'en';

export interface DocumentBase {
  readonly type: string;
  readonly id: string;
  readonly schoolId: string;
  /** People this document is about; the store indexes it for "everything of a person". */
  readonly personIds?: readonly string[];
  /** The pair this document belongs to, indexed for "everything of a pair". */
  readonly pairId?: string;
  /** Set by the store: the concurrency token (Cosmos DB _etag, SQLite counter). */
  readonly version?: string;
}

/** A Teams team with the bot installed (school / team). */
export interface School extends DocumentBase {
  readonly type: 'school';
  readonly tenantId: string;
  readonly teamId: string;
  readonly name: string;
  readonly timezone: string;
  readonly locale: Locale;
  readonly installed: boolean;
  /** Schoolleiders: who set up the first programme plus whom they added. */
  readonly leaderIds: readonly string[];
  /** The team's channel conversation reference, for greetings and channel posts. */
  readonly channelReference?: unknown;
  readonly installedAt: string;
  readonly removedAt?: string;
}

/** A stored conversation reference of a person, needed for proactive 1:1 messages. */
export interface PersonReference extends DocumentBase {
  readonly type: 'personReference';
  readonly userId: string; // AAD object id
  readonly tenantId: string;
  readonly name: string;
  readonly locale?: Locale;
  readonly reference: unknown;
  /** false after the person removed the app or blocked the bot (403/404 on send). */
  readonly reachable: boolean;
  readonly updatedAt: string;
}

export interface QuietPeriod {
  readonly start: string; // ISO date, inclusive
  readonly end: string; // ISO date, inclusive
  readonly label: string;
}

export interface NudgeThresholds {
  /** Days after pairing or after the previous debrief without a planned visit. */
  readonly noVisitPlannedDays: number;
  /** Days after the visit without an observation. */
  readonly noObservationDays: number;
  /** Days after the observation without a debrief scheduled. */
  readonly noDebriefScheduledDays: number;
  /** Days after the debrief moment without agreements recorded. */
  readonly noDebriefRecordedDays: number;
  /** Days before the programme's end when visits still missing count as behind. */
  readonly endApproachingDays: number;
  /** At most one nudge per person per this many days. */
  readonly minDaysBetweenNudges: number;
}

/** Traject: a coaching programme of a school. */
export interface Programme extends DocumentBase {
  readonly type: 'programme';
  /** A suggested theme's key (THEME_KEYS in domain/choices.ts, shown in the reader's language) or the leader's own words. */
  readonly theme: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly visitsPerCycle: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly digestWeekday: number;
  readonly digestHour: number;
  readonly thresholds: NudgeThresholds;
  readonly quietPeriods: readonly QuietPeriod[];
  /** The name nudges are signed with, and an optional personal line. */
  readonly nudgeSenderName: string;
  readonly nudgePersonalLine?: string;
  readonly status: 'active' | 'archived';
  readonly createdBy: string;
  readonly createdAt: string;
  /** The school's video rules (leader's text); absent: the default rules in the reader's language. */
  readonly videoRules?: string;
  /** When the retention job erased the programme's texts (see src/domain/retention.ts). */
  readonly textsErasedAt?: string;
  /**
   * "Teachers' texts only in the personal tab" (leader's choice, default off): no card carries a
   * teacher's words (plan fields, observations, reflections, agreements); they are written and read
   * in the tab (src/domain/texts-in-tab.ts).
   */
  readonly textsInTabOnly?: boolean;
}

/** A teacher's profile within a school. */
export interface Profile extends DocumentBase {
  readonly type: 'profile';
  readonly userId: string;
  readonly name: string;
  readonly subjects: readonly string[];
  readonly yearsOfExperience: number;
  /** Who they would like to learn from (user ids), optional. */
  readonly wouldLikeToLearnFrom: readonly string[];
  readonly updatedAt: string;
}

/** Tweetal: two (exceptionally three) teachers coaching each other. */
export interface Pair extends DocumentBase {
  readonly type: 'pair';
  readonly programmeId: string;
  readonly memberIds: readonly string[];
  readonly status: 'active' | 'closed';
  readonly createdAt: string;
  readonly closedAt?: string;
  /** Snoozed for nudges until this moment ("we agreed a date offline"). */
  readonly snoozedUntil?: string;
}

export type CycleStatus = 'active' | 'complete' | 'closed';

/** Cyclus: a pair's round of visits. */
export interface Cycle extends DocumentBase {
  readonly type: 'cycle';
  readonly pairId: string;
  readonly programmeId: string;
  readonly visitsAgreed: number;
  readonly visitsCompleted: number;
  readonly status: CycleStatus;
  readonly startedAt: string;
  /** When the last debrief was recorded (or the cycle started); base of "no visit planned". */
  readonly lastStepAt: string;
  readonly completedAt?: string;
  readonly closedAt?: string;
}

export type VisitState =
  | 'proposed' // planned by one partner, waiting for the other
  | 'confirmed' // both agree on the moment
  | 'observed' // the observer posted observations
  | 'debriefProposed' // one partner proposed debrief moments
  | 'debriefScheduled' // the other picked one
  | 'debriefed' // agreements and next step recorded
  | 'cancelled';

export type FeedbackPreference = 'questions' | 'facts' | 'tips' | 'open';

/** Lesbezoek: one classroom visit. */
export interface Visit extends DocumentBase {
  readonly type: 'visit';
  readonly pairId: string;
  readonly cycleId: string;
  /** 1-based number of the visit within the cycle. */
  readonly sequence: number;
  readonly observerId: string;
  readonly observedId: string;
  readonly state: VisitState;
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly lesson: string; // klas of les
  readonly focus: string; // kijkdoel: a theme or ICALT key (domain/choices.ts) when picked from the list, else as typed
  readonly discussionGoal: string; // bespreekdoel
  readonly feedbackPreference: FeedbackPreference; // feedbackvoorkeur
  readonly video: boolean;
  /** Who made the current proposal (plan or debrief moments); the other one answers. */
  readonly proposedBy: string;
  /** Who planned the visit and so wrote its lesson, focus and discussion goal (absent on older visits). */
  readonly plannedBy?: string;
  /** With video: the members who confirmed the school's video rules (see domain/video.ts). */
  readonly videoConfirmedBy?: readonly string[];
  /** With video: when the observed teacher confirmed the recording was deleted. Tweetal never stores video. */
  readonly videoDeletedAt?: string;
  readonly debriefMoments: readonly string[];
  readonly debriefAt?: string;
  readonly observedAt?: string;
  readonly debriefedAt?: string;
  readonly updatedAt: string;
  /** Counts content changes (not bookkeeping): cards carry it to detect a stale plan. */
  readonly revision?: number;
  /** The sent visit card per person (user id → conversation and activity), to update it in place. */
  readonly cardRefs?: Readonly<Record<string, { readonly conversationId: string; readonly activityId: string }>>;
}

/** Observatie: facts seen and heard, and questions for the colleague. Pair only. */
export interface Observation extends DocumentBase {
  readonly type: 'observation';
  readonly visitId: string;
  readonly authorId: string;
  readonly facts: string;
  readonly questions: string;
  readonly postedAt: string;
}

/**
 * Coach tally (telling): what the observation coach found in one saved observation, as counts
 * only — never any text, phrase or position. One per observation (id `coach-tally-<visitId>`),
 * rewritten when the observation is edited. It is the raw material of the team's growth: per
 * school and month the share of observations with no finding and with a question, shown only
 * when a month has at least 5 observations by at least 3 observers (domain/coach-trend.ts), never
 * per person or pair; and each teacher's own trend, shown only to them. `personIds` is the author
 * alone, so it is in the author's export and is anonymised (not deleted) with their data, like
 * the school's other anonymous counts. Described in docs/privacy.md.
 */
export interface CoachTally extends DocumentBase {
  readonly type: 'coachTally';
  readonly programmeId: string;
  readonly visitId: string;
  readonly authorId: string;
  /** The visit moment (UTC); the month it counts in is taken in the school's zone. */
  readonly visitAt: string;
  readonly findings: {
    readonly judgement: number;
    readonly interpretation: number;
    readonly advice: number;
    readonly generalisation: number;
  };
  /** The observation asks the colleague something. */
  readonly hasQuestion: boolean;
  readonly savedAt: string;
}

/** Reflectie: the observed teacher's own look back. Pair only. */
export interface Reflection extends DocumentBase {
  readonly type: 'reflection';
  readonly visitId: string;
  readonly authorId: string;
  readonly text: string;
  readonly postedAt: string;
}

/** Nagesprek: agreements and next step of a debrief. Pair only. */
export interface DebriefNote extends DocumentBase {
  readonly type: 'debriefNote';
  readonly visitId: string;
  /** Who saved the current words (the conflict card names them). */
  readonly authorId: string;
  /**
   * Everyone who saved a version of these words: both partners once one edited or merged the
   * other's. Older notes lack it (then only `authorId`); read it through `writersOf` (domain/texts.ts).
   */
  readonly writerIds?: readonly string[];
  readonly agreements: string;
  readonly nextStep: string;
  readonly recordedAt: string;
}

export type SwitchReason = 'noClick' | 'tooAlike' | 'timetable' | 'other';

/** A private request to switch partner; only leaders see it. */
export interface SwitchRequest extends DocumentBase {
  readonly type: 'switchRequest';
  readonly requesterId: string;
  readonly reason: SwitchReason;
  readonly status: 'open' | 'handled';
  readonly createdAt: string;
}

export type NudgeKind =
  'noVisitPlanned' | 'noObservation' | 'noDebriefScheduled' | 'noDebriefRecorded' | 'visitsMissingNearEnd';

/** Aansporing: written (with a deterministic id) before it is sent. */
export interface Nudge extends DocumentBase {
  readonly type: 'nudge';
  readonly recipientId: string;
  readonly kind: NudgeKind;
  readonly period: string;
  /** 'retry': failed for a passing reason, tried again from `retryAt` (src/domain/delivery-retry.ts); 'failed' is final. */
  readonly status: 'pending' | 'retry' | 'sent' | 'unreachable' | 'failed';
  /** Runs that tried to send it and failed. */
  readonly tries?: number;
  /** When status is 'retry': the earliest (wall clock) moment a later run tries again. */
  readonly retryAt?: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  /** The programme and visit it is about, and the card verb its button opens. */
  readonly programmeId?: string;
  readonly visitId?: string;
  readonly verb?: string;
  /** The run that may send it now, until `claimedUntil` (wall clock); a crashed run's claim expires. */
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
  /** HTTP attempts of the send, and a short non-personal reason when not sent. */
  readonly attempts?: number;
  readonly reason?: string;
}

export type NeedCategory = 'noFreeTime' | 'timetableClash' | 'workload' | 'coverNeeded' | 'other';
export type NeedDeclineReason = 'noCover' | 'timetableFixed' | 'budget' | 'other';

/**
 * Wat een tweetal nodig heeft: a pair's request for the school to clear something in its way
 * (issue 15). One open need per pair and step (id `need:<pairId>:<step>:<n>`, see
 * src/domain/pair-needs.ts). Leaders see the categories, the date and since when — never
 * `pairNote`, which stays with the pair.
 */
export interface PairNeed extends DocumentBase {
  readonly type: 'pairNeed';
  readonly programmeId: string;
  readonly pairId: string;
  /** The pair's members at request time. */
  readonly personIds: readonly string[];
  /** The step it blocks. */
  readonly step: NudgeKind;
  readonly visitId?: string;
  /** At least one. */
  readonly categories: readonly NeedCategory[];
  /** ISO date (yyyy-mm-dd), optional: by when it would need to be solved. */
  readonly neededBy?: string;
  readonly requestedBy: string;
  /** ISO instant. */
  readonly requestedAt: string;
  /** Free text; stays with the pair, NEVER to leaders, digests, aggregates or logs. */
  readonly pairNote?: string;
  readonly status: 'open' | 'arranged' | 'declined';
  readonly answeredBy?: string;
  readonly answeredAt?: string;
  readonly declineReason?: NeedDeclineReason;
  /** The leader's own optional line to the pair. */
  readonly leaderLine?: string;
  /** yyyy-mm-dd: the day the leaders' 1:1 batch included it. */
  readonly leaderToldOn?: string;
  /** When the pair was told the answer. */
  readonly pairToldAt?: string;
}

/**
 * Which schools (teams) a person belongs to, kept in the tenant's partition so that a 1:1 chat
 * can find the person's school without a cross-partition query.
 */
export interface Membership extends DocumentBase {
  readonly type: 'membership';
  readonly userId: string;
  readonly tenantId: string;
  /** Most recently seen first. */
  readonly schoolIds: readonly string[];
  readonly updatedAt: string;
  /** The name the team roster (Teams) gives the person, for display: the first choice of the name lookup. */
  readonly name?: string;
  /**
   * Set when the person deleted their data ("my data"): they left the programme. The membership
   * stays (ids only) so that Tweetal can tell them so and let them start again; cleared when they
   * are seen in the team again.
   */
  readonly leftAt?: string;
}

/** A lease that lets exactly one instance run a job for a period. */
export interface JobLease extends DocumentBase {
  readonly type: 'jobLease';
  readonly job: string;
  readonly holder: string;
  readonly expiresAt: string;
  readonly period: string;
  /** Set when the holder finished the run for this period. */
  readonly completedAt?: string;
}

/**
 * The shared per-tenant budget of proactive sends (src/teams/proactive/tenant-budget.ts), one
 * document in the tenant's partition: the latest time slot any instance reserved places in, and
 * how many of its places are taken. No people, no texts.
 */
export interface TenantBudget extends DocumentBase {
  readonly type: 'tenantBudget';
  /** Start of the slot, ms since the epoch (wall clock). */
  readonly slotStart: number;
  readonly slotMs: number;
  /** Places of the slot taken (at most the slot's places). */
  readonly used: number;
}

/** How a job run was started. */
export type JobTrigger = 'timer' | 'http' | 'cli';

/**
 * One run of a job for a period, in the 'jobs' partition: its id is the lease holder while it
 * runs, what the HTTP trigger answers, and what GET /api/jobs/<run id> and the CLI read back.
 * Counts only, never a name or a text.
 */
export interface JobRun extends DocumentBase {
  readonly type: 'jobRun';
  readonly job: string;
  readonly period: string;
  readonly trigger: JobTrigger;
  /** running → ran (its report), or failed (what is pending is resumed by the next run). */
  readonly status: 'running' | 'ran' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly report?: Readonly<Record<string, number>>;
  /** A short, non-personal error name or code when failed. */
  readonly error?: string;
}

/**
 * The leader's "encourage" (aansporen) of one programme in one ISO week: one document
 * (deterministic id), so a second press, or two leaders at once, answers what the first did.
 */
export interface Encouragement extends DocumentBase {
  readonly type: 'encouragement';
  readonly programmeId: string;
  /** ISO week in the school's zone, e.g. 2026-W11. */
  readonly period: string;
  readonly runId: string;
  readonly status: 'running' | 'done';
  /** While running: until when (wall clock) the run holds it; a crashed press's claim expires. */
  readonly claimedUntil: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly sent?: number;
  readonly spaced?: number;
  readonly unreachable?: number;
}

/**
 * A weekly digest to one leader for one programme: written (deterministic id) before it is sent.
 * The leaders' daily message about what pairs need (src/app/needs/leader-batch.ts) uses the same
 * record, with the day as its period and its own ids (needsBatchId).
 */
export interface Digest extends DocumentBase {
  readonly type: 'digest';
  readonly programmeId: string;
  readonly recipientId: string;
  /** ISO week in the school's zone, e.g. 2026-W11; for the daily needs message the day, e.g. 2026-03-10; for telling a pair a leader's answer the need's id. */
  readonly period: string;
  /** 'retry': failed for a passing reason, tried again from `retryAt` (src/domain/delivery-retry.ts); 'failed' is final. */
  readonly status: 'pending' | 'retry' | 'sent' | 'unreachable' | 'failed';
  /** Runs that tried to send it and failed. */
  readonly tries?: number;
  /** When status is 'retry': the earliest (wall clock) moment a later run tries again. */
  readonly retryAt?: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
  readonly attempts?: number;
  readonly reason?: string;
}

/** Completion counts of a programme in one week (for "change since last week"); no content. */
export interface DigestSnapshot extends DocumentBase {
  readonly type: 'digestSnapshot';
  readonly programmeId: string;
  readonly period: string;
  readonly counts: DigestCounts;
  readonly createdAt: string;
}

export interface DigestCounts {
  readonly visitsDone: number;
  readonly visitsAgreed: number;
  readonly debriefsHeld: number;
  readonly pairsOnTrack: number;
  readonly pairsBehind: number;
  readonly pairsUnreachable: number;
  readonly pairsComplete: number;
  readonly pairsNotStarted: number;
  /** Pairs whose step waits for what they asked the school for (issue 15); absent in older snapshots. */
  readonly pairsWaitingForSchool: number;
}

/**
 * A short-lived download link to a person's data export (my data). The id is derived from a hash
 * of the random token in the link (the token itself is never stored); all links share one
 * partition so the download route finds one with a point read. Expiry is checked on read.
 */
export interface ExportLink extends DocumentBase {
  readonly type: 'exportLink';
  readonly userId: string;
  readonly tenantId: string;
  /** The tenant partition of the person's membership and conversation reference. */
  readonly tenantPartition: string;
  readonly referenceId: string;
  /** The schools (partitions) the export covers, as known when the link was made. */
  readonly schoolIds: readonly string[];
  readonly locale: Locale;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Every stored document type by its `type` tag; the store's typed reads and queries use it. */
export interface DocumentTypes {
  school: School;
  personReference: PersonReference;
  programme: Programme;
  profile: Profile;
  pair: Pair;
  cycle: Cycle;
  visit: Visit;
  observation: Observation;
  coachTally: CoachTally;
  reflection: Reflection;
  debriefNote: DebriefNote;
  switchRequest: SwitchRequest;
  nudge: Nudge;
  jobLease: JobLease;
  jobRun: JobRun;
  tenantBudget: TenantBudget;
  encouragement: Encouragement;
  membership: Membership;
  digest: Digest;
  digestSnapshot: DigestSnapshot;
  exportLink: ExportLink;
  pairNeed: PairNeed;
}

export type DocumentType = keyof DocumentTypes;
export type SchoolDocument = DocumentTypes[DocumentType];
