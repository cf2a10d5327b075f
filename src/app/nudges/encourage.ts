/**
 * The leader's "encourage the pairs that are behind" (aansporen) for one programme: the nudge
 * run limited to that programme's school and pairs, unless it is quiet time at the school.
 * The jobs layer binds it to a run of its own (src/jobs); the Teams feature only calls the
 * `Encourage` function it is handed and words the outcome.
 */
import type { DateTime } from 'luxon';
import type { Encouragement, Programme, School } from '../../domain/entities';
import { isQuietTime, nextSendableMoment } from '../../domain/quiet-time';
import { isStoreError, type Stored } from '../../store/store';
import { encouragementId, isoWeek } from './ids';
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
  /** Another press (this leader's or another leader's) is sending this week's encouragement right now. */
  | { readonly kind: 'running' }
  | {
      readonly kind: 'sent';
      readonly sent: number;
      /** Held back: nudged recently, already nudged this week, or being sent by another run. */
      readonly spaced: number;
      /** Could not be reached or not delivered. */
      readonly unreachable: number;
      /** This week's encouragement had been sent already: these are the counts of that press. */
      readonly repeated: boolean;
    };

export type Encourage = (request: EncourageRequest) => Promise<EncourageOutcome>;

/**
 * Idempotent per programme and week: the press writes the week's encouragement document
 * (create-if-absent, deterministic id) before it sends, holding it by its run id (`deps.holder`)
 * for `claimMs`. A second press — or a second leader at the same moment — finds it and answers
 * what the first did ('sent' with `repeated`), or 'running' while the first is still sending; a
 * press that crashed is taken over once its claim expired (the nudge ids keep that from sending
 * twice). "Nobody behind" leaves nothing behind, so a later press that week looks again.
 */
export async function encourageProgramme(deps: NudgeJobDeps, request: EncourageRequest): Promise<EncourageOutcome> {
  const { school, programme, now } = request;
  if (isQuietTime(now, school.timezone, programme.quietPeriods, deps.schoolHours))
    return { kind: 'quiet', next: nextSendableMoment(now, school.timezone, programme.quietPeriods, deps.schoolHours) };
  const period = isoWeek(now, school.timezone);
  const claimedUntil = () => deps.wallNow().plus({ milliseconds: deps.claimMs }).toUTC().toISO()!;
  const fresh: Encouragement = {
    type: 'encouragement',
    id: encouragementId(school.schoolId, programme.id, period),
    schoolId: school.schoolId,
    programmeId: programme.id,
    period,
    runId: deps.holder,
    status: 'running',
    claimedUntil: claimedUntil(),
    startedAt: deps.wallNow().toUTC().toISO()!,
  };
  let held: Stored<Encouragement>;
  try {
    held = await deps.store.create(fresh);
  } catch (error) {
    if (!isStoreError(error, 'exists')) throw error;
    const existing = await deps.store.read(school.schoolId, 'encouragement', fresh.id);
    if (!existing) return { kind: 'running' };
    if (existing.status === 'done') return doneOutcome(existing, true);
    if (existing.claimedUntil > deps.wallNow().toUTC().toISO()!) return { kind: 'running' };
    try {
      held = await deps.store.replace({ ...existing, runId: deps.holder, claimedUntil: claimedUntil() });
    } catch (replaceError) {
      if (isStoreError(replaceError, 'conflict') || isStoreError(replaceError, 'not_found')) return { kind: 'running' };
      throw replaceError;
    }
  }
  const report = await runNudges(deps, now, { schoolIds: [school.schoolId], programmeId: programme.id });
  if (report.behindPairs === 0) {
    await deps.store.delete(school.schoolId, held.id, held.version);
    return { kind: 'nobody' };
  }
  const done: Stored<Encouragement> = {
    ...held,
    status: 'done',
    finishedAt: deps.wallNow().toUTC().toISO()!,
    sent: report.sent,
    spaced: report.spaced + report.done + report.busy + report.retry,
    unreachable: report.unreachable + report.failed,
  };
  try {
    await deps.store.replace(done);
  } catch (error) {
    // Taken over meanwhile (this press outlived its claim): the other press writes its own counts.
    if (!isStoreError(error, 'conflict') && !isStoreError(error, 'not_found')) throw error;
  }
  return doneOutcome(done, false);
}

const doneOutcome = (doc: Encouragement, repeated: boolean): EncourageOutcome => ({
  kind: 'sent',
  sent: doc.sent ?? 0,
  spaced: doc.spaced ?? 0,
  unreachable: doc.unreachable ?? 0,
  repeated,
});
