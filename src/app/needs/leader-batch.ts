/**
 * The leaders' daily 1:1 message about what pairs need (issue 15 item 2): once per programme,
 * leader and school day, the requests that came in since the last message — per pair the names,
 * the categories, since when and by when, never what the pair wrote. A request made after the
 * day's message goes out waits for the next school day's message; a request answered before
 * then (in the tab or the digest) is not sent at all.
 *
 * Once only, also with two instances, a timer and the HTTP trigger:
 *   1. a request is taken into a day's message by writing `leaderToldOn` (that day) on it, with
 *      the store's version check, before any message goes out — and only while no message of
 *      the day exists yet, so a request is never taken into a day whose message is already out;
 *   2. the day's message per leader is a send record (a `digest` document whose `period` is the
 *      day, deterministic id `needsBatchId`) sent with the nudges' send-once (claim, send, outcome),
 *      so a second run, a retry or a run after a crash sends nothing twice and resumes what is
 *      pending — with the same requests, those marked with that day.
 * One window is left: two runs of one school at the same moment (possible only when a run outlives
 * its lease) where the second read the partition before the first wrote the day's records, and a
 * request arrived in between: the second marks it for the day but the first's message does not
 * list it. Nothing is sent twice; that request shows in the digest and the tab, not in a message.
 * Not on quiet days nor outside school hours in the school's zone (the nudges' rule): a request
 * made on Friday evening reaches the leaders on Monday morning.
 *
 * The same run finishes telling pairs a leader's answer (src/app/needs/leader-answer.ts): the
 * school's open answer records — 'retry' whose time has come, or pending with an expired claim (a
 * crashed telling) — are sent with send-once, the text rebuilt from the need. Not on a school's
 * quiet time (the school's own quiet days and hours; a programme's quiet period does not hold it).
 */
import type { DateTime } from 'luxon';
import type { Digest, Locale, PairNeed, Profile, Programme, School } from '../../domain/entities';
import { isQuietTime, type SchoolHours } from '../../domain/quiet-time';
import { readModifyWrite, type PartitionSelection, type Stored } from '../../store/store';
import type { OutgoingMessage } from '../messenger';
import { NEED_ANSWER_PREFIX, needsBatchId } from '../nudges/ids';
import type { PersonDirectory } from '../nudges/people';
import type { JobLogger } from '../nudges/run-nudges';
import { withoutPairNote } from './open-needs';
import { pairAnswerMessages } from './leader-answer';
import { installedSchools, nameOf } from '../nudges/school-data';
import { claimAll, isOpenRecord, sendOnce, type SendOnceContext } from '../nudges/send-once';
import { shownChoice } from '../../i18n/choices';
import { t } from '../../i18n/translate';
import { leaderNeedsSection, type LeaderNeedsSection } from './leader-section';
import type { NeedForLeader } from './leader-items';

export interface NeedsBatchView {
  readonly title: string;
  readonly intro: string;
  /** After an answer on the card: what was done ("Genoteerd als geregeld. …"); else ''. */
  readonly notice: string;
  readonly later: string;
  readonly needs: LeaderNeedsSection;
}

export interface NeedsBatchDeps extends SendOnceContext {
  readonly directory: PersonDirectory;
  readonly render: (view: NeedsBatchView, locale: Locale) => OutgoingMessage;
  readonly logger?: JobLogger;
  readonly schoolHours?: SchoolHours;
}

export interface NeedsBatchRunOptions {
  readonly schoolIds?: readonly string[];
  readonly heartbeat?: () => Promise<void>;
}

export interface NeedsBatchReport {
  schools: number;
  programmes: number;
  /** Programmes not visited now: a quiet day or outside school hours. */
  quietProgrammes: number;
  /** Requests taken into a day's message by this run. */
  requests: number;
  sent: number;
  unreachable: number;
  failed: number;
  done: number;
  busy: number;
  retry: number;
}

const emptyReport = (): NeedsBatchReport => ({
  schools: 0,
  programmes: 0,
  quietProgrammes: 0,
  requests: 0,
  sent: 0,
  unreachable: 0,
  failed: 0,
  done: 0,
  busy: 0,
  retry: 0,
});

type BatchType = 'programme' | 'pair' | 'pairNeed' | 'digest' | 'profile';

/** One read of the school's partition: active programmes and pairs, open requests and today's, today's and open records, names. */
const batchSelections = (day: string): PartitionSelection<BatchType>[] => [
  { type: 'programme', where: { status: 'active' } },
  { type: 'pair', where: { status: 'active' } },
  { type: 'pairNeed', where: { status: 'open' } },
  { type: 'pairNeed', where: { leaderToldOn: day } },
  { type: 'digest', where: { period: day } },
  { type: 'digest', where: { status: ['pending', 'retry'] } },
  { type: 'profile' },
];

/** The school day of `now` in the school's zone (yyyy-mm-dd): the period of the leaders' message. */
export const batchDay = (now: DateTime, timezone: string): string => now.setZone(timezone).toISODate()!;

export async function runNeedsBatch(
  deps: NeedsBatchDeps,
  now: DateTime,
  options: NeedsBatchRunOptions = {},
): Promise<NeedsBatchReport> {
  const report = emptyReport();
  for (const school of await installedSchools(deps.store, options.schoolIds)) {
    await options.heartbeat?.();
    report.schools++;
    await batchSchool(deps, school, now, report);
  }
  deps.logger?.info({ job: 'needs', ...report }, 'needs run finished');
  return report;
}

async function batchSchool(
  deps: NeedsBatchDeps,
  school: Stored<School>,
  now: DateTime,
  report: NeedsBatchReport,
): Promise<void> {
  const zone = school.timezone;
  if (school.leaderIds.length === 0) return;
  if (isQuietTime(now, zone, [], deps.schoolHours)) return;
  const day = batchDay(now, zone);
  const read = await deps.store.readPartition(school.schoolId, batchSelections(day));
  await tellOpenAnswers(deps, school, read.digest, report);
  const leaders = [...school.leaderIds].sort();
  for (const programme of read.programme) {
    report.programmes++;
    if (isQuietTime(now, zone, programme.quietPeriods, deps.schoolHours)) {
      report.quietProgrammes++;
      continue;
    }
    const needs = read.pairNeed.filter((n) => n.programmeId === programme.id);
    const ids = leaders.map((leader) => needsBatchId(school.schoolId, programme.id, leader, day));
    const records = read.digest.filter((r) => ids.includes(r.id));
    const settled = records.filter((r) => !isOpenRecord(r)).length;
    report.done += settled;
    if (settled === leaders.length) continue;

    let batch: Stored<PairNeed>[];
    if (records.length === 0) {
      // No message of the day yet: take the new requests into it (and those a crashed run took already).
      // A pair that no longer exists (a switch closed it) waits for nothing.
      const active = new Set(read.pair.map((p) => p.id));
      const untold = needs.filter((n) => n.status === 'open' && n.leaderToldOn === undefined && active.has(n.pairId));
      const taken = await Promise.all(untold.map((n) => takeIntoDay(deps, n, day)));
      report.requests += taken.filter((n) => n?.leaderToldOn === day).length;
      batch = [
        ...needs.filter((n) => n.leaderToldOn === day),
        ...taken.filter((n): n is Stored<PairNeed> => n?.leaderToldOn === day),
      ];
    } else {
      // A message of the day exists: the rest of the leaders get the same requests, none added.
      batch = needs.filter((n) => n.leaderToldOn === day);
    }
    if (batch.length === 0) continue;
    await sendBatch(deps, school, programme, read.profile, batch, day, now, leaders, report);
  }
}

/** Sends the school's answer records that are due (a retry whose time has come, a pending one whose claim expired). */
async function tellOpenAnswers(
  deps: NeedsBatchDeps,
  school: Stored<School>,
  records: readonly Stored<Digest>[],
  report: NeedsBatchReport,
): Promise<void> {
  const wall = deps.wallNow().toUTC().toISO()!;
  const due = records.filter(
    (r) =>
      r.id.startsWith(NEED_ANSWER_PREFIX) &&
      (r.status === 'retry' ? (r.retryAt ?? '') <= wall : r.status === 'pending' && (r.claimedUntil ?? '') <= wall),
  );
  for (const [needId, ofNeed] of groupBy(due, (r) => r.period)) {
    const need = await deps.store.read(school.schoolId, 'pairNeed', needId);
    if (!need || need.status === 'open' || !need.answeredBy) continue;
    const messageTo = await pairAnswerMessages(deps, school, need);
    for (const { version: _v, ...record } of ofNeed)
      report[await sendOnce(deps, record, school.tenantId, () => messageTo(record.recipientId))]++;
  }
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

/** Marks an open, untold request as taken into `day`'s message (version-checked); the request as it now is. */
async function takeIntoDay(
  deps: NeedsBatchDeps,
  need: Stored<PairNeed>,
  day: string,
): Promise<Stored<PairNeed> | undefined> {
  return readModifyWrite(deps.store, need.schoolId, 'pairNeed', need.id, (current) =>
    current && current.status === 'open' && current.leaderToldOn === undefined
      ? { ...current, leaderToldOn: day }
      : undefined,
  );
}

async function sendBatch(
  deps: NeedsBatchDeps,
  school: Stored<School>,
  programme: Stored<Programme>,
  profiles: readonly Profile[],
  batch: readonly Stored<PairNeed>[],
  day: string,
  now: DateTime,
  leaders: readonly string[],
  report: NeedsBatchReport,
): Promise<void> {
  const people = await deps.directory.people(school.tenantId, [
    ...new Set([...leaders, ...batch.flatMap((n) => [...n.personIds, ...(n.answeredBy ? [n.answeredBy] : [])])]),
  ]);
  const planned = leaders.map((leaderId) => {
    const record: Digest = {
      type: 'digest',
      id: needsBatchId(school.schoolId, programme.id, leaderId, day),
      schoolId: school.schoolId,
      personIds: [leaderId],
      programmeId: programme.id,
      recipientId: leaderId,
      period: day,
      status: 'pending',
      createdAt: now.toUTC().toISO()!,
    };
    const locale = people.get(leaderId)?.locale ?? school.locale;
    const message = () =>
      deps.render(
        needsBatchView({
          locale,
          schoolId: school.schoolId,
          theme: programme.theme,
          needs: batch.map(withoutPairNote),
          nameOf: (id) => nameOf(id, profiles, people, locale),
          timezone: school.timezone,
          now,
        }),
        locale,
      );
    return { record, message };
  });
  const claims = await claimAll(
    deps,
    planned.map((p) => p.record),
  );
  for (const [index, { record, message }] of planned.entries())
    report[await sendOnce(deps, record, school.tenantId, message, claims[index])]++;
}

export interface NeedsBatchViewInput {
  readonly locale: Locale;
  readonly schoolId: string;
  readonly theme: string;
  readonly needs: readonly NeedForLeader[];
  readonly nameOf: (userId: string) => string;
  readonly timezone: string;
  readonly now: DateTime;
  readonly notice?: string;
}

/** The leaders' daily message (pure): the day's requests with the buttons to answer them. */
export function needsBatchView(input: NeedsBatchViewInput): NeedsBatchView {
  const { locale } = input;
  const pairs = new Set(input.needs.map((n) => n.pairId)).size;
  return {
    title: t(locale, 'leader.batch.title', { count: pairs }),
    intro: t(locale, 'leader.batch.intro', { theme: shownChoice(locale, input.theme) }),
    notice: input.notice ?? '',
    later: t(locale, 'leader.batch.later'),
    needs: leaderNeedsSection({ ...input, card: 'batch' }),
  };
}
