/**
 * The nudge job (flow 8, "Koos komt weer"): for every active programme of every school that is
 * not in quiet time (weekend, the programme's quiet periods, outside school hours in the
 * school's zone), find the pairs that are behind and nudge the members who can act, in the
 * leader's name, at most one nudge per person per `minDaysBetweenNudges` and one per pair,
 * kind, person and week. Each nudge is written (deterministic id) before it is sent.
 */
import { isAnonymous } from '../../domain/anonymous';
import { DateTime } from 'luxon';
import { findBehind, type BehindVerdict } from '../../domain/behind';
import type { Cycle, Locale, Nudge, Pair, Programme, School } from '../../domain/entities';
import { isQuietTime, nudgeAllowed, type SchoolHours } from '../../domain/quiet-time';
import type { Stored } from '../../store/store';
import type { OutgoingMessage } from '../messenger';
import { isoWeek, nudgeId } from './ids';
import { nudgeView, type NudgeView } from './nudge-view';
import type { PersonDirectory } from './people';
import {
  currentCycleOf,
  installedSchools,
  nameOf,
  nudgeSelections,
  readSchoolSnapshot,
  type SchoolSnapshot,
} from './school-data';
import { claimAll, isOpenRecord, sendOnce, type SendOnceContext, type SendOnceResult } from './send-once';

export interface JobLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

export interface NudgeJobDeps extends SendOnceContext {
  readonly directory: PersonDirectory;
  readonly render: (view: NudgeView, locale: Locale) => OutgoingMessage;
  readonly logger?: JobLogger;
  readonly schoolHours?: SchoolHours;
}

export interface NudgeRunOptions {
  /** Only these schools (default: every installed school). */
  readonly schoolIds?: readonly string[];
  /** Only this programme (the leader's "encourage" button). */
  readonly programmeId?: string;
  /** Called before each school: lets the job renew its lease (and stop when it lost it). */
  readonly heartbeat?: () => Promise<void>;
}

export interface NudgeRunReport {
  schools: number;
  programmes: number;
  quietProgrammes: number;
  behindPairs: number;
  sent: number;
  unreachable: number;
  failed: number;
  /** Already sent earlier (same pair, kind, person and week). */
  done: number;
  /** Another runner holds it right now. */
  busy: number;
  /** Not delivered this time for a passing reason: a later run of the period tries again. */
  retry: number;
  /** Held back by the per-person limit. */
  spaced: number;
}

interface Candidate {
  readonly programme: Stored<Programme>;
  readonly pair: Stored<Pair>;
  readonly cycle: Cycle | undefined;
  readonly verdict: BehindVerdict;
  readonly recipientId: string;
}

export const emptyNudgeReport = (): NudgeRunReport => ({
  schools: 0,
  programmes: 0,
  quietProgrammes: 0,
  behindPairs: 0,
  sent: 0,
  unreachable: 0,
  failed: 0,
  done: 0,
  busy: 0,
  retry: 0,
  spaced: 0,
});

export async function runNudges(
  deps: NudgeJobDeps,
  now: DateTime,
  options: NudgeRunOptions = {},
): Promise<NudgeRunReport> {
  const report = emptyNudgeReport();
  for (const school of await installedSchools(deps.store, options.schoolIds)) {
    await options.heartbeat?.();
    report.schools++;
    await nudgeSchool(deps, school, now, options, report);
  }
  deps.logger?.info({ job: 'nudges', ...report }, 'nudge run finished');
  return report;
}

async function nudgeSchool(
  deps: NudgeJobDeps,
  school: Stored<School>,
  now: DateTime,
  options: NudgeRunOptions,
  report: NudgeRunReport,
): Promise<void> {
  const zone = school.timezone;
  const period = isoWeek(now, zone);
  // Quiet periods only add quiet time: when the school's hours and weekdays alone say quiet,
  // every programme is quiet and only the programmes are read (to count them).
  const quietForAll = isQuietTime(now, zone, [], deps.schoolHours);
  const data = await readSchoolSnapshot(deps.store, school, nudgeSelections(period, now, quietForAll));
  const programmes = data.programmes.filter((p) => !options.programmeId || p.id === options.programmeId);
  report.programmes += programmes.length;
  const open = programmes.filter((p) => !isQuietTime(now, zone, p.quietPeriods, deps.schoolHours));
  report.quietProgrammes += programmes.length - open.length;
  if (open.length === 0) return;

  // The school's documents by pair and its nudges by recipient, grouped once (not filtered per pair or person).
  const visitsOf = groupBy(data.visits, (v) => v.pairId);
  const needsOf = groupBy(data.pairNeeds, (n) => n.pairId);
  const cyclesOf = groupBy(data.cycles, (c) => c.pairId);
  const pairsOf = groupBy(data.pairs, (p) => p.programmeId);
  const candidates: Candidate[] = [];
  for (const programme of open) {
    const pairs = [...(pairsOf.get(programme.id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const pair of pairs) {
      const cycle = currentCycleOf(pair, cyclesOf.get(pair.id) ?? []);
      const verdicts = findBehind({
        programme,
        pair,
        cycle,
        visits: visitsOf.get(pair.id) ?? [],
        now,
        timezone: zone,
        needs: needsOf.get(pair.id) ?? [],
      });
      if (verdicts.length > 0) report.behindPairs++;
      for (const verdict of verdicts)
        for (const recipientId of verdict.recipientIds.filter((id) => !isAnonymous(id)))
          candidates.push({ programme, pair, cycle, verdict, recipientId });
    }
  }
  if (candidates.length === 0) return;

  const recipients = [...new Set(candidates.map((c) => c.recipientId))].sort();
  const people = await deps.directory.people(school.tenantId, [
    ...new Set(candidates.flatMap((c) => c.pair.memberIds)),
  ]);
  // First decide what to send; then claim all of it in one write (one commit on SQLite), then send.
  const planned: { readonly record: Nudge; readonly message: () => OutgoingMessage }[] = [];
  const candidatesOf = groupBy(candidates, (c) => c.recipientId);
  const historyOf = groupBy(data.nudges, (n) => n.recipientId);
  const createdAt = now.toUTC().toISO()!;
  for (const recipientId of recipients) {
    const own = candidatesOf.get(recipientId)!;
    const person = people.get(recipientId);
    // No stored conversation reference (unknown to the directory), or marked after a 403/404:
    // nothing to send it through, so it is counted unreachable and not attempted.
    if (!person || !person.reachable) {
      report.unreachable++;
      continue;
    }
    const history = historyOf.get(recipientId) ?? [];
    const ids = own.map((c) => nudgeId(school.schoolId, c.pair.id, c.verdict.kind, recipientId, period));
    // Resume a nudge a crashed run left pending, or one waiting for a retry, before choosing a new one.
    const pendingIndex = ids.findIndex((id) => history.some((n) => n.id === id && isOpenRecord(n)));
    const index = pendingIndex >= 0 ? pendingIndex : 0;
    const chosen = own[index]!;
    const id = ids[index]!;
    if (history.some((n) => n.id === id && !isOpenRecord(n))) {
      report.done++;
      continue;
    }
    const lastSent = history
      .filter((n) => n.status === 'sent' && n.sentAt)
      .map((n) => n.sentAt!)
      .sort()
      .pop();
    if (
      lastSent &&
      !nudgeAllowed(
        DateTime.fromISO(lastSent, { setZone: true }),
        now.setZone(zone),
        chosen.programme.thresholds.minDaysBetweenNudges,
      )
    ) {
      report.spaced++;
      continue;
    }
    planned.push({
      record: buildNudge(school, chosen, recipientId, period, id, createdAt),
      message: () =>
        deps.render(viewFor(data, chosen, recipientId, people, school, now), person?.locale ?? school.locale),
    });
  }
  const claims = await claimAll(
    deps,
    planned.map((p) => p.record),
  );
  for (const [index, { record, message }] of planned.entries())
    count(report, await sendOnce(deps, record, school.tenantId, message, claims[index]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function count(report: NudgeRunReport, result: SendOnceResult): void {
  report[result]++;
}

function buildNudge(
  school: Stored<School>,
  c: Candidate,
  recipientId: string,
  period: string,
  id: string,
  createdAt: string,
): Nudge {
  return {
    type: 'nudge' as const,
    id,
    schoolId: school.schoolId,
    pairId: c.pair.id,
    personIds: [recipientId],
    recipientId,
    kind: c.verdict.kind,
    period,
    status: 'pending' as const,
    createdAt,
    programmeId: c.programme.id,
    verb: c.verdict.verb,
    ...(c.verdict.visitId ? { visitId: c.verdict.visitId } : {}),
  };
}

function viewFor(
  data: SchoolSnapshot,
  c: Candidate,
  recipientId: string,
  people: ReadonlyMap<string, { name: string; rosterName?: string }>,
  school: Stored<School>,
  now: DateTime,
): NudgeView {
  const visit = c.verdict.visitId ? data.visits.find((v) => v.id === c.verdict.visitId) : undefined;
  const locale = (people.get(recipientId) as { locale?: Locale } | undefined)?.locale ?? school.locale;
  return nudgeView({
    locale,
    timezone: school.timezone,
    schoolId: school.schoolId,
    programme: c.programme,
    pairId: c.pair.id,
    verdict: c.verdict,
    recipientName: nameOf(recipientId, data.profiles, people, locale),
    partnerNames: c.pair.memberIds
      .filter((id) => id !== recipientId)
      .map((id) => nameOf(id, data.profiles, people, locale)),
    ...(visit ? { visitStartsAt: visit.startsAt } : {}),
    visitsDone: c.cycle?.visitsCompleted ?? 0,
    visitsAgreed: c.cycle?.visitsAgreed ?? c.programme.visitsPerCycle,
    now,
  });
}
