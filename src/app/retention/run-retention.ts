/**
 * The retention job (bewaartermijn): for every school, every programme whose text erasure date
 * has come (TEXT_RETENTION_DAYS after its end date, in the school's zone) loses its texts — the
 * observations, reflections and debrief notes of its pairs' visits are deleted and the visits'
 * plan fields (lesson, focus, discussion goal) blanked, and the notes and leaders' lines of the pairs'
 * requests to the school removed. Pairs, cycles, visits (states and dates),
 * nudges, digests and their snapshots stay: the counts and completion remain, without words.
 * The programme is marked `textsErasedAt` last, so a run that stopped halfway is finished by the
 * next one; a second run finds nothing to do.
 */
import type { DateTime } from 'luxon';
import type { Programme, School } from '../../domain/entities';
import { isTextErasureDue } from '../../domain/retention';
import { TEXT_TYPES, withoutPlanTexts } from '../../domain/texts';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import type { JobLogger } from '../nudges/run-nudges';

export interface RetentionDeps {
  readonly store: Store;
  readonly logger?: JobLogger;
}

export interface RetentionOptions {
  /** Days after a programme's end date (config TEXT_RETENTION_DAYS). */
  readonly retentionDays: number;
  readonly schoolIds?: readonly string[];
  readonly heartbeat?: () => Promise<void>;
}

export interface RetentionReport {
  schools: number;
  programmes: number;
  textsDeleted: number;
  visitsBlanked: number;
}

/** Every school, installed or not: a school that removed the app keeps its retention. */
async function allSchools(store: Store, schoolIds?: readonly string[]): Promise<Stored<School>[]> {
  const schools = schoolIds
    ? (await Promise.all(schoolIds.map((id) => store.read(id, 'school', id)))).filter((s): s is Stored<School> =>
        Boolean(s),
      )
    : await store.queryAllSchools({ type: 'school' });
  return [...schools].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function runRetention(
  deps: RetentionDeps,
  now: DateTime,
  options: RetentionOptions,
): Promise<RetentionReport> {
  const report: RetentionReport = { schools: 0, programmes: 0, textsDeleted: 0, visitsBlanked: 0 };
  for (const school of await allSchools(deps.store, options.schoolIds)) {
    await options.heartbeat?.();
    report.schools++;
    const programmes = await deps.store.query(school.schoolId, { type: 'programme' });
    for (const programme of programmes) {
      if (!isTextErasureDue(programme, now, school.timezone, options.retentionDays)) continue;
      await eraseProgrammeTexts(deps.store, school.schoolId, programme, now, report);
      report.programmes++;
    }
  }
  deps.logger?.info({ job: 'retention', ...report }, 'retention run finished');
  return report;
}

/** Erases the texts of one programme (idempotent) and marks it. */
export async function eraseProgrammeTexts(
  store: Store,
  schoolId: string,
  programme: Stored<Programme>,
  now: DateTime,
  report: RetentionReport = { schools: 0, programmes: 0, textsDeleted: 0, visitsBlanked: 0 },
): Promise<RetentionReport> {
  const pairs = await store.query(schoolId, { type: 'pair', where: { programmeId: programme.id } });
  for (const pair of pairs) {
    for (const type of TEXT_TYPES) {
      for (const text of await store.query(schoolId, { type, pairId: pair.id })) {
        await store.delete(schoolId, text.id);
        report.textsDeleted++;
      }
    }
    for (const visit of await store.query(schoolId, { type: 'visit', pairId: pair.id })) {
      // Texts of a visit that lost its pair id in an older version are found by visit id too.
      for (const type of TEXT_TYPES) {
        for (const text of await store.query(schoolId, { type, where: { visitId: visit.id } })) {
          await store.delete(schoolId, text.id);
          report.textsDeleted++;
        }
      }
      const blanked = await readModifyWrite(store, schoolId, 'visit', visit.id, (current) =>
        current ? withoutPlanTexts(current) : undefined,
      );
      if (blanked && blanked.version !== visit.version) report.visitsBlanked++;
    }
    // What the pair asked the school for stays (categories and dates: counts); the words go.
    for (const need of await store.query(schoolId, { type: 'pairNeed', pairId: pair.id })) {
      if (need.pairNote === undefined && need.leaderLine === undefined) continue;
      await readModifyWrite(store, schoolId, 'pairNeed', need.id, (current) => {
        if (!current || (current.pairNote === undefined && current.leaderLine === undefined)) return undefined;
        const { pairNote: _note, leaderLine: _line, ...rest } = current;
        return rest;
      });
      report.textsDeleted++;
    }
  }
  await readModifyWrite(store, schoolId, 'programme', programme.id, (current) =>
    current && !current.textsErasedAt ? { ...current, textsErasedAt: now.toUTC().toISO()! } : undefined,
  );
  return report;
}
