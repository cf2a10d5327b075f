/**
 * The leader's "encourage the pairs that are behind" (aansporen) for one programme: the nudge
 * run limited to that programme's school and pairs, unless it is quiet time at the school.
 * The jobs layer binds it to a run of its own (src/jobs); the Teams feature only calls the
 * `Encourage` function it is handed and words the outcome.
 */
import type { DateTime } from 'luxon';
import type { Programme, School } from '../../domain/entities';
import { isQuietTime, nextSendableMoment } from '../../domain/quiet-time';
import type { Stored } from '../../store/store';
import { runNudges, type NudgeJobDeps } from './run-nudges';

export interface EncourageRequest {
  readonly school: Stored<School>;
  readonly programme: Stored<Programme>;
  /** The moment the leader pressed the button. */
  readonly now: DateTime;
}

export type EncourageOutcome =
  /** Quiet time at the school: nothing sent; `next` is the first moment nudges may go out. */
  | { readonly kind: 'quiet'; readonly next: DateTime | undefined }
  /** No pair of the programme is behind. */
  | { readonly kind: 'nobody' }
  | {
      readonly kind: 'sent';
      readonly sent: number;
      /** Held back: nudged recently, already nudged this week, or being sent by another run. */
      readonly spaced: number;
      /** Could not be reached or not delivered. */
      readonly unreachable: number;
    };

export type Encourage = (request: EncourageRequest) => Promise<EncourageOutcome>;

export async function encourageProgramme(deps: NudgeJobDeps, request: EncourageRequest): Promise<EncourageOutcome> {
  const { school, programme, now } = request;
  if (isQuietTime(now, school.timezone, programme.quietPeriods, deps.schoolHours))
    return { kind: 'quiet', next: nextSendableMoment(now, school.timezone, programme.quietPeriods, deps.schoolHours) };
  const report = await runNudges(deps, now, { schoolIds: [school.schoolId], programmeId: programme.id });
  if (report.behindPairs === 0) return { kind: 'nobody' };
  return {
    kind: 'sent',
    sent: report.sent,
    spaced: report.spaced + report.done + report.busy,
    unreachable: report.unreachable + report.failed,
  };
}
