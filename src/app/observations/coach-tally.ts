/**
 * When an observation is saved (created or edited), keep what the coach found in it as counts
 * only (a CoachTally, deterministic id per visit): the raw material of the team's growth. Never
 * any text. A save that is older than the stored tally (two edits racing) changes nothing.
 */
import type { DateTime } from 'luxon';
import type { CoachTally, Observation, Visit } from '../../domain/entities';
import { readModifyWrite, type Store } from '../../store/store';
import { coachCounts } from './coach-review';

export const coachTallyIdFor = (visitId: string): string => `coach-tally-${visitId}`;

export async function recordCoachTally(
  store: Store,
  observation: Pick<Observation, 'schoolId' | 'authorId' | 'facts' | 'questions'>,
  visit: Pick<Visit, 'id' | 'startsAt'>,
  programmeId: string,
  now: DateTime,
): Promise<void> {
  const counts = coachCounts({ facts: observation.facts, questions: observation.questions });
  const savedAt = now.toUTC().toISO()!;
  const tally: CoachTally = {
    type: 'coachTally',
    id: coachTallyIdFor(visit.id),
    schoolId: observation.schoolId,
    personIds: [observation.authorId],
    programmeId,
    visitId: visit.id,
    authorId: observation.authorId,
    visitAt: visit.startsAt,
    findings: counts.findings,
    hasQuestion: counts.hasQuestion,
    savedAt,
  };
  await readModifyWrite(store, observation.schoolId, 'coachTally', tally.id, (current) =>
    current && current.savedAt > savedAt ? undefined : tally,
  );
}
