/**
 * Digest benchmark (issue 4, point 7): the weekly digest job for 1,000 schools × 40 teachers
 * (20 pairs each, 20,000 pairs) on the embedded SQLite store — wall time, peak memory (heap
 * sampled per school, and the process's maxRSS) and store operations per school (a counting
 * Store wrapper). The messenger is a no-op: this measures the computation, the reads and the
 * record writes, not Teams.
 *   npx tsx bench/digest.ts [--schools 1000] [--teachers 40]   → one JSON line
 * `npm run bench` calls runDigestBench() through bench/run.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Messenger } from '../src/app/messenger';
import { runDigest } from '../src/app/digest/run-digest';
import type { Cycle, Pair, PersonReference, Programme, School, Visit, VisitState } from '../src/domain/entities';
import { jobEnvironment } from '../src/jobs/environment';
import { jobPortsFor } from '../src/job-ports';
import { createLogger } from '../src/logging/logger';
import { SqliteStore } from '../src/store/sqlite-store';
import type { Store } from '../src/store/store';
import { personReferenceId, tenantPartitionFor } from '../src/teams/ids';

export interface DigestBenchOptions {
  readonly schools?: number;
  readonly teachers?: number;
}

export interface DigestBenchResult {
  readonly bench: 'digest';
  readonly store: 'sqlite';
  readonly schools: number;
  readonly teachersPerSchool: number;
  readonly pairs: number;
  readonly documents: number;
  readonly seedMs: number;
  readonly runMs: number;
  readonly msPerSchool: number;
  readonly digestsSent: number;
  readonly storeOpsPerSchool: number;
  readonly storeOps: Readonly<Record<string, number>>;
  /** Time spent waiting for the store during the run. */
  readonly storeMs: number;
  readonly peakHeapMB: number;
  readonly maxRssMB: number;
}

/** A Store that counts every call by operation (and delegates). */
export class CountingStore implements Store {
  readonly counts: Record<string, number> = {};
  /** Milliseconds spent waiting for the store, by operation. */
  readonly millis: Record<string, number> = {};
  constructor(private readonly inner: Store) {}
  get kind() {
    return this.inner.kind;
  }
  private count<T>(op: string, call: () => Promise<T>): Promise<T> {
    this.counts[op] = (this.counts[op] ?? 0) + 1;
    const start = performance.now();
    return call().finally(() => {
      this.millis[op] = (this.millis[op] ?? 0) + performance.now() - start;
    });
  }
  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
  init() {
    return this.inner.init();
  }
  create: Store['create'] = (doc) => this.count('create', () => this.inner.create(doc));
  read: Store['read'] = (schoolId, type, id) => this.count('read', () => this.inner.read(schoolId, type, id));
  replace: Store['replace'] = (doc) => this.count('replace', () => this.inner.replace(doc));
  upsert: Store['upsert'] = (doc) => this.count('upsert', () => this.inner.upsert(doc));
  delete: Store['delete'] = (schoolId, id, version) =>
    this.count('delete', () => this.inner.delete(schoolId, id, version));
  query: Store['query'] = (schoolId, query) => this.count('query', () => this.inner.query(schoolId, query));
  readPartition: Store['readPartition'] = (schoolId, selections) =>
    this.count('readPartition', () => this.inner.readPartition(schoolId, selections));
  queryAllSchools: Store['queryAllSchools'] = (query) =>
    this.count('queryAllSchools', () => this.inner.queryAllSchools(query));
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}

const ZONE = 'Europe/Amsterdam';
/** Monday 16 March 2026, 08:05 in Amsterdam: just after the digest moment. */
const AT = DateTime.fromISO('2026-03-16T08:05', { zone: ZONE });
const STATES: readonly VisitState[] = [
  'proposed',
  'confirmed',
  'observed',
  'debriefProposed',
  'debriefScheduled',
  'debriefed',
];

function schoolDocuments(n: number, teachers: number): object[] {
  const schoolId = `school-${n}`;
  const tenantId = `tenant-${n}`;
  const teacher = (i: number) => `s${n}-t${i}`;
  const docs: object[] = [];
  docs.push({
    type: 'school',
    id: schoolId,
    schoolId,
    tenantId,
    teamId: `19:team-${n}@thread.tacv2`,
    name: `School ${n}`,
    timezone: ZONE,
    locale: 'nl',
    installed: true,
    leaderIds: [`s${n}-leader`],
    installedAt: '2026-01-05T08:00:00.000Z',
  } satisfies School);
  docs.push({
    type: 'programme',
    id: 'programme-1',
    schoolId,
    theme: 'effectieve instructie',
    startDate: '2026-02-01',
    endDate: '2026-06-30',
    visitsPerCycle: 2,
    digestWeekday: 1,
    digestHour: 8,
    thresholds: {
      noVisitPlannedDays: 7,
      noObservationDays: 3,
      noDebriefScheduledDays: 5,
      noDebriefRecordedDays: 2,
      endApproachingDays: 21,
      minDaysBetweenNudges: 3,
    },
    quietPeriods: [],
    nudgeSenderName: 'Koos',
    status: 'active',
    createdBy: `s${n}-leader`,
    createdAt: '2026-01-20T09:00:00.000Z',
  } satisfies Programme);
  for (let p = 0; p < teachers / 2; p++) {
    const pairId = `pair-${p}`;
    const memberIds = [teacher(2 * p), teacher(2 * p + 1)];
    docs.push({
      type: 'pair',
      id: pairId,
      schoolId,
      pairId,
      personIds: memberIds,
      programmeId: 'programme-1',
      memberIds,
      status: 'active',
      createdAt: '2026-02-02T08:00:00.000Z',
    } satisfies Pair);
    docs.push({
      type: 'cycle',
      id: `cycle-${p}`,
      schoolId,
      pairId,
      personIds: memberIds,
      programmeId: 'programme-1',
      visitsAgreed: 2,
      visitsCompleted: p % 4 === 0 ? 1 : 0,
      status: 'active',
      startedAt: '2026-02-02T08:00:00.000Z',
      lastStepAt: '2026-02-02T08:00:00.000Z',
    } satisfies Cycle);
    if (p % 5 !== 4) {
      const state = STATES[p % STATES.length]!;
      docs.push({
        type: 'visit',
        id: `visit-${p}`,
        schoolId,
        pairId,
        personIds: memberIds,
        cycleId: `cycle-${p}`,
        sequence: 1,
        observerId: memberIds[0]!,
        observedId: memberIds[1]!,
        state,
        startsAt: '2026-03-05T09:00:00.000Z',
        durationMinutes: 50,
        lesson: '3B',
        focus: 'instructie',
        discussionGoal: 'controle',
        feedbackPreference: 'questions',
        video: false,
        proposedBy: memberIds[0]!,
        debriefMoments: [],
        ...(state !== 'proposed' && state !== 'confirmed' ? { observedAt: '2026-03-05T15:00:00.000Z' } : {}),
        ...(state === 'debriefScheduled' ? { debriefAt: '2026-03-09T15:00:00.000Z' } : {}),
        updatedAt: '2026-03-05T15:00:00.000Z',
      } satisfies Visit);
    }
  }
  for (let i = 0; i < teachers; i++) {
    const userId = teacher(i);
    docs.push({
      type: 'personReference',
      id: personReferenceId(userId),
      schoolId: tenantPartitionFor(tenantId),
      personIds: [userId],
      userId,
      tenantId,
      name: `Leraar ${i}`,
      locale: 'nl',
      reference: { conversation: { id: `a:${userId}` } },
      reachable: i % 17 !== 3,
      updatedAt: '2026-01-10T10:00:00.000Z',
    } satisfies PersonReference);
  }
  return docs;
}

export async function runDigestBench(options: DigestBenchOptions = {}): Promise<DigestBenchResult> {
  const schools = options.schools ?? 1000;
  const teachers = options.teachers ?? 40;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-digest-'));
  const sqlite = new SqliteStore(path.join(dir, 'bench.db'));
  await sqlite.init();
  try {
    const seedStart = performance.now();
    let documents = 0;
    for (let n = 0; n < schools; n++) {
      for (const doc of schoolDocuments(n, teachers)) {
        await sqlite.create(doc as never);
        documents++;
      }
    }
    const seedMs = performance.now() - seedStart;

    const store = new CountingStore(sqlite);
    let digestsSent = 0;
    const messenger: Messenger = {
      async sendToPerson() {
        digestsSent++;
        return { status: 'sent', attempts: 1 };
      },
    };
    const env = jobEnvironment({
      store,
      messenger,
      ports: jobPortsFor(store),
      logger: createLogger('silent'),
      holder: 'bench',
      wallClock: () => AT,
    });
    global.gc?.();
    let peakHeap = process.memoryUsage().heapUsed;
    const sample = async () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    const start = performance.now();
    await runDigest(
      { ...env, wallNow: env.wallClock, claimMs: env.leaseMs, directory: env.directory(), render: env.renderDigest },
      AT,
      { heartbeat: sample },
    );
    const runMs = performance.now() - start;
    await sample();
    const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
    return {
      bench: 'digest',
      store: 'sqlite',
      schools,
      teachersPerSchool: teachers,
      pairs: (schools * teachers) / 2,
      documents,
      seedMs: Math.round(seedMs),
      runMs: Math.round(runMs),
      msPerSchool: Math.round((runMs / schools) * 100) / 100,
      digestsSent,
      storeOpsPerSchool: Math.round((store.total() / schools) * 100) / 100,
      storeOps: { ...store.counts },
      storeMs: Math.round(Object.values(store.millis).reduce((a, b) => a + b, 0)),
      peakHeapMB: mb(peakHeap),
      maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    };
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

if (require.main === module) {
  const schools = argument('schools');
  const teachers = argument('teachers');
  runDigestBench({ ...(schools ? { schools } : {}), ...(teachers ? { teachers } : {}) })
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: Error) => {
      process.stderr.write(`bench/digest: ${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    });
}
