/**
 * The personal tab's view models: what GET /api/tab/* returns and the tab client renders.
 * Dates are already formatted in the reader's language and the school's time zone.
 *
 * The leader view carries completion only — counts and steps, never a focus, a lesson, an
 * observation, a reflection or debrief agreements: its types have no field that could hold them.
 */
import type { Locale, VisitState } from '../../domain/entities';
import type { Actor, CycleStep, PairProgress } from '../../domain/visit-rules';
import type { LeaderNeedItem } from '../needs/leader-items';

export type { Actor, CycleStep, PairProgress };

/** The milestones of one visit on the timeline. */
export type VisitMilestone = 'planned' | 'confirmed' | 'observed' | 'debriefPlanned' | 'debriefed';

export interface PersonView {
  readonly id: string;
  readonly name: string;
}

export interface MilestoneView {
  readonly key: VisitMilestone;
  readonly done: boolean;
  /** Formatted moment, when known (the visit, the debrief). */
  readonly at?: string;
}

export interface TimelineVisit {
  /** 1-based number of the visit within the cycle. */
  readonly sequence: number;
  /** 'notPlanned' for an agreed visit that has no plan yet. */
  readonly state: VisitState | 'notPlanned';
  readonly visitId?: string;
  readonly observer?: PersonView;
  readonly observed?: PersonView;
  /** 'observer' when the reader observes, 'observed' when the reader is visited. */
  readonly myRole?: 'observer' | 'observed' | 'none';
  readonly when?: string;
  readonly lesson?: string;
  readonly focus?: string;
  readonly milestones: readonly MilestoneView[];
}

export interface NextStepView {
  readonly step: CycleStep | 'noPair' | 'noCycle';
  readonly actor: Actor;
  /** The visit the step is about. */
  readonly visitSequence?: number;
  readonly when?: string;
  /** The chat command that opens the right card ("plan", "observe", "debrief", "status"). */
  readonly command: string;
}

export interface PairDetailView {
  readonly pairId: string;
  readonly status: 'active' | 'closed';
  readonly members: readonly PersonView[];
  readonly partners: readonly PersonView[];
  readonly cycle?: {
    readonly id: string;
    readonly status: 'active' | 'complete' | 'closed';
    readonly visitsAgreed: number;
    readonly visitsCompleted: number;
  };
  readonly timeline: readonly TimelineVisit[];
  readonly next: NextStepView;
}

export interface SchoolRef {
  readonly id: string;
  readonly name: string;
}

export interface ProgrammeRef {
  readonly id: string;
  readonly theme: string;
  /** "1 februari – 30 juni 2026" */
  readonly period: string;
  readonly status: 'active' | 'archived';
}

/** GET /api/tab/me — "My coaching". */
export interface TeacherView {
  readonly kind: 'teacher';
  readonly locale: Locale;
  readonly me: PersonView;
  readonly school: SchoolRef;
  readonly schools: readonly SchoolRef[];
  readonly isLeader: boolean;
  readonly programme?: ProgrammeRef;
  readonly pair?: PairDetailView;
  readonly next: NextStepView;
  /** The reader's own growth in describing (coach counts of their observations); only they see it. */
  readonly ownGrowth?: string;
  /** Deep link to the 1:1 chat with the bot; absent when the bot has no app id (local run). */
  readonly chatLink?: string;
}

/** GET /api/tab/pairs/:pairId */
export interface PairView {
  readonly kind: 'pair';
  readonly locale: Locale;
  readonly school: SchoolRef;
  readonly programme?: ProgrammeRef;
  readonly pair: PairDetailView;
  readonly chatLink?: string;
}

export interface PairCompletion {
  readonly pairId: string;
  readonly memberNames: readonly string[];
  readonly visitsDone: number;
  readonly visitsAgreed: number;
  readonly debriefsHeld: number;
  readonly step: CycleStep;
  /** The step in the digest's words. */
  readonly stepLabel: string;
  readonly behind: boolean;
  readonly progress: PairProgress;
  /** The progress in the digest's words ("On track"). */
  readonly progressLabel: string;
}

export interface ProgrammeCompletion {
  readonly programme: ProgrammeRef;
  readonly visitsDone: number;
  readonly visitsAgreed: number;
  readonly debriefsHeld: number;
  readonly pairsOnTrack: number;
  readonly pairsBehind: number;
  readonly pairsComplete: number;
  readonly pairsNotStarted: number;
  /** Pairs whose step waits for what they asked the school for (issue 15). */
  readonly pairsWaitingForSchool: number;
  /** The pairs per progress state, titled in the digest's words. */
  readonly progress: readonly { readonly state: PairProgress; readonly title: string; readonly count: number }[];
  readonly pairs: readonly PairCompletion[];
  /** Completion per week of the programme (cumulative), for the leader's chart. Counts only. */
  readonly weeks: readonly CompletionWeek[];
  /** The share described without judging per month; a month below the minimums has no figures. */
  readonly growth: readonly GrowthMonth[];
  /** "Not enough observations yet to show a trend" when no month can be shown; else empty. */
  readonly growthNote: string;
  /** What the programme's pairs need from the school (open requests). */
  readonly needs: LeaderNeedsView;
}

export interface CompletionWeek {
  /** The week's Monday, formatted ("9 mrt"). */
  readonly label: string;
  readonly visitsDone: number;
  readonly visitsAgreed: number;
  readonly debriefsHeld: number;
}

export interface GrowthMonth {
  readonly label: string;
  readonly shown: boolean;
  /** Percentages 0–100, only when shown. */
  readonly describedPercent?: number;
  readonly questionPercent?: number;
}

/**
 * "Wat tweetallen nodig hebben" / "What pairs need" of one programme: the open requests (categories,
 * since when, by when — never what the pair wrote) with the words of the buttons and forms.
 */
export interface LeaderNeedsView {
  readonly heading: string;
  readonly intro: string;
  readonly none: string;
  readonly items: readonly LeaderNeedItem[];
  readonly labels: {
    readonly arrange: string;
    readonly decline: string;
    readonly lineLabel: string;
    readonly linePlaceholder: string;
    readonly lineMax: number;
    readonly reasonLabel: string;
    readonly sendArranged: string;
    readonly sendDeclined: string;
  };
  readonly reasons: readonly { readonly title: string; readonly value: string }[];
}

/** POST /api/tab/needs/:needId/arrange | decline — the reply to the leader, in their language. */
export interface NeedAnswerView {
  /** false: it was answered before (by this leader or another); nothing changed. */
  readonly answered: boolean;
  readonly message: string;
}

/** GET /api/tab/leader — completion per programme and pair, no content. */
export interface LeaderView {
  readonly kind: 'leader';
  readonly locale: Locale;
  readonly school: SchoolRef;
  readonly schools: readonly SchoolRef[];
  readonly programmes: readonly ProgrammeCompletion[];
  readonly chatLink?: string;
}

/** Every error body of the tab API. */
export interface TabErrorBody {
  readonly error: string;
  readonly message: string;
}
