/**
 * Deterministic ids for what the jobs send: the same target, kind and period always give the
 * same id, so a second create is 'exists' (never a second message), after a crash, on another
 * instance or when a leader presses "encourage" while the scheduler runs.
 */
import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { NudgeKind } from '../../domain/entities';
import { localDate } from '../../domain/calendar';
import { remembered } from '../../domain/remembered';

const hash = (parts: readonly string[]): string =>
  createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);

// By the local date, which decides the week: a turn's "now" differs every time, its date seldom.
const byLocalDate = (moment: DateTime, timezone: string) => `${localDate(moment, timezone)}|${timezone}`;

/** The ISO week of a moment in the school's zone, e.g. 2026-W11 (remembered: a job run asks it for every school). */
export const isoWeek = remembered(byLocalDate, (moment: DateTime, timezone: string): string => {
  const local = moment.setZone(timezone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
});

/** The ISO week before the week of `moment` (2026-W01 → 2025-W52 or -W53). */
export const previousWeek = remembered(byLocalDate, (moment: DateTime, timezone: string): string =>
  isoWeek(moment.setZone(timezone).minus({ weeks: 1 }), timezone),
);

/** One nudge per pair, kind, recipient and week. */
export const nudgeId = (
  schoolId: string,
  pairId: string,
  kind: NudgeKind,
  recipientId: string,
  period: string,
): string => `nudge-${hash([schoolId, pairId, kind, recipientId, period])}`;

/** One digest per programme, leader and week. */
export const digestId = (schoolId: string, programmeId: string, leaderId: string, period: string): string =>
  `digest-${hash([schoolId, programmeId, leaderId, period])}`;

/** One snapshot of the counts per programme and week. */
export const digestSnapshotId = (schoolId: string, programmeId: string, period: string): string =>
  `digestSnapshot-${hash([schoolId, programmeId, period])}`;

/** One leader's "encourage" per programme and week (a second press answers what the first did). */
export const encouragementId = (schoolId: string, programmeId: string, period: string): string =>
  `encouragement-${hash([schoolId, programmeId, period])}`;

/** One 1:1 message per programme, leader and day with the new requests of pairs (src/app/needs/leader-batch.ts). */
export const needsBatchId = (schoolId: string, programmeId: string, leaderId: string, day: string): string =>
  `needsBatch-${hash([schoolId, programmeId, leaderId, day])}`;

/** One message per pair member with a leader's answer to the pair's request (src/app/needs/leader-answer.ts). */
export const needAnswerId = (schoolId: string, needId: string, memberId: string): string =>
  `${NEED_ANSWER_PREFIX}${hash([schoolId, needId, memberId])}`;

/** How the ids of the answer records start (the needs run picks up the open ones). */
export const NEED_ANSWER_PREFIX = 'needAnswer-';
