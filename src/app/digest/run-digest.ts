/**
 * The weekly digest job (flow 9): for every active programme whose digest moment of this week
 * (its weekday and hour in the school's zone) has come, send each leader the digest — once per
 * programme, leader and ISO week, written (deterministic id) before it is sent — and keep a
 * small snapshot of the counts for next week's "change since last week". A run after a missed
 * moment (an instance was down, an operator re-runs the week) still sends it that week.
 */
import type { DateTime } from 'luxon';
import type { DigestCounts, Digest, DigestSnapshot, Locale, Programme, School } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import type { OutgoingMessage } from '../messenger';
import { digestId, digestSnapshotId, isoWeek, previousWeek } from '../nudges/ids';
import type { PersonDirectory, PersonInfo } from '../nudges/people';
import type { JobLogger } from '../nudges/run-nudges';
import {
  digestSelections,
  installedSchools,
  nameOf,
  readSchoolSnapshot,
  type SchoolSnapshot,
} from '../nudges/school-data';
import { claimAll, isOpenRecord, sendOnce, type SendOnceContext } from '../nudges/send-once';
import { buildDigest, type DigestReport } from './build-digest';
import { growthChange, type GrowthChange } from '../coach/growth';
import { isTextErasureNear, textErasureDate } from '../../domain/retention';
import { localDate } from '../../domain/calendar';
import { remembered } from '../../domain/remembered';
import { digestView, type DigestView, type ErasureNotice } from './digest-view';
import type { LeaderNeed } from '../needs/open-needs';

export interface DigestJobDeps extends SendOnceContext {
  readonly directory: PersonDirectory;
  readonly render: (view: DigestView, locale: Locale) => OutgoingMessage;
  readonly logger?: JobLogger;
  /** TEXT_RETENTION_DAYS: programmes whose texts are erased within a month are mentioned. */
  readonly retentionDays?: number;
}

export interface DigestRunOptions {
  readonly schoolIds?: readonly string[];
  readonly heartbeat?: () => Promise<void>;
}

export interface DigestRunReport {
  schools: number;
  programmes: number;
  due: number;
  sent: number;
  unreachable: number;
  failed: number;
  done: number;
  busy: number;
  /** Not delivered this time for a passing reason: a later run of the period tries again. */
  retry: number;
}

/** This week's digest moment of a programme, in the school's zone. */
export function digestMoment(
  programme: Pick<Programme, 'digestWeekday' | 'digestHour'>,
  now: DateTime,
  timezone: string,
): DateTime {
  return weekdayHourOfWeek(now, timezone, programme.digestWeekday, programme.digestHour);
}

/** Remembered by the local date, which decides the week: a digest run asks it for every programme of every school. */
const weekdayHourOfWeek = remembered(
  (now: DateTime, timezone: string, weekday: number, hour: number) =>
    `${localDate(now, timezone)}|${timezone}|${weekday}|${hour}`,
  (now: DateTime, timezone: string, weekday: number, hour: number): DateTime =>
    now
      .setZone(timezone)
      .startOf('week')
      .plus({ days: weekday - 1 })
      .set({ hour, minute: 0, second: 0, millisecond: 0 }),
);

export function isDigestDue(programme: Programme, now: DateTime, timezone: string): boolean {
  return localDate(now, timezone) >= programme.startDate && now >= digestMoment(programme, now, timezone);
}

export interface ProgrammeDigest {
  readonly programme: Stored<Programme>;
  readonly period: string;
  readonly report: DigestReport;
  readonly nameOf: (userId: string, locale: Locale) => string;
  /** The growth in describing, this month and last (counts only, above the minimums). */
  readonly growth: GrowthChange;
  /** Nudges of the programme, last week and this week, that could not be delivered after all their tries. */
  readonly notDelivered: number;
  /** The open requests of the programme's active pairs, without the pairs' notes ("what pairs need"). */
  readonly openNeeds: readonly LeaderNeed[];
}

/** Reads what a digest of the school needs as of `now`: one query of its partition. */
export function readDigestSnapshot(store: Store, school: Stored<School>, now: DateTime): Promise<SchoolSnapshot> {
  const zone = school.timezone;
  return readSchoolSnapshot(store, school, digestSelections(isoWeek(now, zone), previousWeek(now, zone)));
}

/** The digests of the given programmes of one school as of `now` (also used on demand); pure given the people. */
export function computeDigests(
  snapshot: SchoolSnapshot,
  people: ReadonlyMap<string, PersonInfo>,
  programmes: readonly Stored<Programme>[],
  now: DateTime,
): ProgrammeDigest[] {
  const zone = snapshot.school.timezone;
  const period = isoWeek(now, zone);
  const previousPeriod = previousWeek(now, zone);
  return programmes.map((programme) => {
    const previous = snapshot.digestSnapshots.find(
      (s) => s.programmeId === programme.id && s.period === previousPeriod,
    );
    const report = buildDigest({
      programme,
      pairs: snapshot.pairs,
      cycles: snapshot.cycles,
      visits: snapshot.visits,
      reachable: (id) => people.get(id)?.reachable === true,
      previous: previous?.counts,
      now,
      timezone: zone,
      needs: snapshot.pairNeeds,
    });
    const growth = growthChange(snapshot.coachTallies, programme.id, now, zone);
    const notDelivered = snapshot.nudges.filter((n) => n.programmeId === programme.id && n.status === 'failed').length;
    const activePairs = new Set(snapshot.pairs.filter((p) => p.programmeId === programme.id).map((p) => p.id));
    const openNeeds = snapshot.pairNeeds.filter(
      (n) => n.programmeId === programme.id && n.status === 'open' && activePairs.has(n.pairId),
    );
    return {
      programme,
      period,
      report,
      openNeeds,
      nameOf: (id: string, locale: Locale) => nameOf(id, snapshot.profiles, people, locale),
      growth,
      notDelivered,
    };
  });
}

/** The people a school's digests mention: its pair members and leaders. */
export function digestPeople(snapshot: SchoolSnapshot): string[] {
  return [...new Set([...snapshot.pairs.flatMap((p) => p.memberIds), ...snapshot.school.leaderIds])];
}

export async function runDigest(
  deps: DigestJobDeps,
  now: DateTime,
  options: DigestRunOptions = {},
): Promise<DigestRunReport> {
  const report: DigestRunReport = {
    schools: 0,
    programmes: 0,
    due: 0,
    sent: 0,
    unreachable: 0,
    failed: 0,
    done: 0,
    busy: 0,
    retry: 0,
  };
  for (const school of await installedSchools(deps.store, options.schoolIds)) {
    await options.heartbeat?.();
    report.schools++;
    await digestSchool(deps, school, now, report);
  }
  deps.logger?.info({ job: 'digest', ...report }, 'digest run finished');
  return report;
}

async function digestSchool(
  deps: DigestJobDeps,
  school: Stored<School>,
  now: DateTime,
  report: DigestRunReport,
): Promise<void> {
  const zone = school.timezone;
  const snapshot = await readDigestSnapshot(deps.store, school, now);
  const programmes = snapshot.programmes;
  report.programmes += programmes.length;
  const due = programmes.filter((p) => isDigestDue(p, now, zone));
  report.due += due.length;
  if (due.length === 0 || school.leaderIds.length === 0) return;
  const period = isoWeek(now, zone);

  // Skip what was sent already (a second instance, a re-run): the week's records came with the snapshot.
  const open: Stored<Programme>[] = [];
  for (const programme of due) {
    const finished = school.leaderIds.filter((leader) => {
      const id = digestId(school.schoolId, programme.id, leader, period);
      return snapshot.digests.some((r) => r.id === id && !isOpenRecord(r));
    }).length;
    report.done += finished;
    if (finished < school.leaderIds.length) open.push(programme);
  }
  if (open.length === 0) return;

  const people = await deps.directory.people(school.tenantId, digestPeople(snapshot));
  const digests = computeDigests(snapshot, people, open, now);
  const erasures =
    deps.retentionDays === undefined ? [] : nearErasures(snapshot.allProgrammes, school, now, deps.retentionDays);
  // The week's snapshots and the pending records, written together (one commit on SQLite) before anything is sent.
  const snapshots: DigestSnapshot[] = [];
  const planned: { readonly record: Digest; readonly message: () => OutgoingMessage }[] = [];
  for (const digest of digests) {
    if (!snapshot.digestSnapshots.some((s) => s.programmeId === digest.programme.id && s.period === period))
      snapshots.push(weekSnapshot(school.schoolId, digest.programme.id, period, digest.report.counts, now));
    for (const leaderId of [...school.leaderIds].sort()) {
      const record: Digest = {
        type: 'digest',
        id: digestId(school.schoolId, digest.programme.id, leaderId, period),
        schoolId: school.schoolId,
        personIds: [leaderId],
        programmeId: digest.programme.id,
        recipientId: leaderId,
        period,
        status: 'pending',
        createdAt: now.toUTC().toISO()!,
      };
      const locale = people.get(leaderId)?.locale ?? school.locale;
      planned.push({
        record,
        message: () =>
          deps.render(
            digestView({
              locale,
              schoolId: school.schoolId,
              theme: digest.programme.theme,
              period,
              report: digest.report,
              nameOf: digest.nameOf,
              growth: digest.growth,
              notDelivered: digest.notDelivered,
              needs: digest.openNeeds,
              erasures,
              timezone: school.timezone,
              now,
            }),
            locale,
          ),
      });
    }
  }
  // A snapshot that exists already (another run of the week wrote it first) stays as it is.
  const claims = await claimAll(
    deps,
    planned.map((p) => p.record),
    snapshots,
  );
  for (const [index, { record, message }] of planned.entries())
    report[await sendOnce(deps, record, school.tenantId, message, claims[index])]++;
}

/** The school's programmes (active or archived) whose texts are erased within RETENTION_NOTICE_DAYS. */
function nearErasures(
  programmes: readonly Programme[],
  school: Stored<School>,
  now: DateTime,
  retentionDays: number,
): ErasureNotice[] {
  return programmes
    .filter((p) => isTextErasureNear(p, now, school.timezone, retentionDays))
    .sort((a, b) => (a.endDate < b.endDate ? -1 : 1))
    .map((p) => ({ theme: p.theme, date: textErasureDate(p, retentionDays) }));
}

/** The week's counts, written once (the first run of the week wins; a re-run keeps it). */
function weekSnapshot(
  schoolId: string,
  programmeId: string,
  period: string,
  counts: DigestCounts,
  now: DateTime,
): DigestSnapshot {
  return {
    type: 'digestSnapshot',
    id: digestSnapshotId(schoolId, programmeId, period),
    schoolId,
    programmeId,
    period,
    counts,
    createdAt: now.toUTC().toISO()!,
  };
}
