/**
 * Job benchmarks (issue 12, acceptance 2 and 3): the weekly digest run and a nudge run for
 * 1,000 schools × 40 teachers (20 pairs each, 20,000 pairs) on the embedded SQLite store — wall
 * time, CPU time of this process, peak memory (heap sampled per school, and the process's
 * maxRSS) and store operations per school by kind of partition (a counting Store wrapper) — and
 * the same code on the in-process Cosmos DB API server for a few schools, where it counts store
 * operations and HTTP requests per school (its timings say nothing about Cosmos DB).
 * The messenger is a no-op: this measures the reads, the computation, the rendering of the cards
 * and the record writes, not Teams.
 * On SQLite the schools are seeded by this process and each job then runs in a FRESH child
 * process (this file with --job), so that its time, CPU and max RSS are its own: not the seed's,
 * not the other job's. The digest runs first, then the nudges, on the same database.
 *   npx tsx bench/digest.ts [--schools 1000] [--teachers 40] [--cosmos-schools 10] [--cpu-prof <dir>]
 *     [--jobs digest,nudges,nudges-capped]  (the SQLite runs to make; default all three)
 * prints JSON lines; with --cpu-prof a CPU profile of each SQLite run (see bench/cpu-profile.ts).
 * `npm run bench` calls runDigestBench() through bench/run.ts.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { DateTime } from 'luxon';
import type { Messenger } from '../src/app/messenger';
import { runDigest } from '../src/app/digest/run-digest';
import { runNudges } from '../src/app/nudges/run-nudges';
import type { Cycle, Pair, PersonReference, Programme, School, Visit, VisitState } from '../src/domain/entities';
import { jobEnvironment } from '../src/jobs/environment';
import type { JobEnvironment } from '../src/jobs/job-runner';
import { jobPortsFor } from '../src/job-ports';
import { createLogger } from '../src/logging/logger';
import type { CosmosStore } from '../src/store/cosmos-store';
import { SqliteStore } from '../src/store/sqlite-store';
import { installZoneOffsetCache } from '../src/time/zone-offset-cache';
import type { Store } from '../src/store/store';
import { personReferenceId, tenantPartitionFor } from '../src/teams/ids';
import type { LocalCosmos } from '../test/store/cosmos-server';
import { childExecArgv } from './child-exec-argv';
import { CountingStore } from './counting-store';
import { withCpuProfile } from './cpu-profile';
import { cpuMilliseconds } from './cpu-time';

export interface DigestBenchOptions {
  readonly schools?: number;
  readonly teachers?: number;
  /** Schools for the Cosmos DB count (0: skip it). */
  readonly cosmosSchools?: number;
  /** A folder: write a CPU profile of each SQLite job run there (digest.cpuprofile, nudges.cpuprofile). */
  readonly cpuProfileDir?: string;
  /** The SQLite runs to make (default all three): the digest, the nudges, the nudges with the old space capped. */
  readonly jobs?: readonly SqliteRun[];
}

export type SqliteRun = 'digest' | 'nudges' | 'nudges-capped';
const SQLITE_RUNS: readonly SqliteRun[] = ['digest', 'nudges', 'nudges-capped'];

export interface JobBenchLine {
  readonly bench: 'digest' | 'nudges';
  readonly store: 'sqlite' | 'cosmos';
  readonly schools: number;
  readonly teachersPerSchool: number;
  readonly pairs: number;
  readonly documents: number;
  readonly seedMs: number;
  readonly runMs: number;
  /** CPU time of this process during the run (user + system): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly msPerSchool: number;
  readonly sent: number;
  readonly storeOpsPerSchool: number;
  /** Read queries of a school's own partition, per school. */
  readonly schoolReadQueriesPerSchool: number;
  /** By operation and kind of partition, e.g. "readPartition:school", "query:tenant". */
  readonly storeOps: Readonly<Record<string, number>>;
  /** Documents written by the createEach operations (each createEach is one store operation). */
  readonly createEachDocuments: number;
  /** Time spent waiting for the store during the run. */
  readonly storeMs: number;
  /** The same by operation and kind of partition (as storeOps). */
  readonly storeMsByOp: Readonly<Record<string, number>>;
  /** Cosmos DB only: HTTP requests for documents per school during the run (the SDK's query-plan look-ups apart). */
  readonly httpRequestsPerSchool?: number;
  /** Cosmos DB only: the SDK's query-plan look-ups per school (one before each query; the gateway answers them). */
  readonly queryPlanRequestsPerSchool?: number;
  readonly peakHeapMB: number;
  /** With node --expose-gc: the heap still reachable after the run and a full collection. */
  readonly retainedHeapMB?: number;
  /** The job process's max RSS (SQLite: a fresh child process per job; Cosmos DB: the bench process). */
  readonly maxRssMB: number;
  readonly loadAverage1m: number;
  /** Set when the job ran with V8's old space capped at this many MB. */
  readonly heapLimitMB?: number;
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

/** Tuesday 17 March 2026, 10:00 in Amsterdam: school hours, many pairs behind. */
const NUDGES_AT = DateTime.fromISO('2026-03-17T10:00', { zone: ZONE });

/** The old-space cap of the extra nudge run: a few times what the run holds after a full collection (~25 MB). */
const NUDGES_HEAP_LIMIT_MB = 128;

const partitionKind = (partition: string): string => (partition.startsWith('tenant-') ? 'tenant' : 'school');
const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
const per = (count: number, schools: number) => Math.round((count / schools) * 100) / 100;

async function seed(store: Store, schools: number, teachers: number): Promise<{ documents: number; seedMs: number }> {
  const start = performance.now();
  let documents = 0;
  for (let n = 0; n < schools; n++) {
    for (const doc of schoolDocuments(n, teachers)) {
      await store.create(doc as never);
      documents++;
    }
  }
  return { documents, seedMs: Math.round(performance.now() - start) };
}

interface Measured {
  readonly runMs: number;
  readonly cpuMs: number;
  readonly sent: number;
  readonly peakHeap: number;
  readonly retainedHeap: number | undefined;
}

/** One run of a job over every school, through the job environment the service builds. */
async function measureJob(job: 'digest' | 'nudges', env: JobEnvironment, sentSoFar: () => number): Promise<Measured> {
  global.gc?.();
  const heapUsed = () => v8.getHeapStatistics().used_heap_size;
  let peakHeap = heapUsed();
  let schools = 0;
  // The heap every 10 schools (the heartbeat comes before each school); cheap next to a school's work.
  const sample = async () => {
    if (schools++ % 10 === 0) peakHeap = Math.max(peakHeap, heapUsed());
  };
  const deps = { ...env, wallNow: env.wallClock, claimMs: env.leaseMs, directory: env.directory() };
  const before = sentSoFar();
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (job === 'digest') await runDigest({ ...deps, render: env.renderDigest }, AT, { heartbeat: sample });
  else await runNudges({ ...deps, render: env.renderNudge }, NUDGES_AT, { heartbeat: sample });
  const runMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  peakHeap = Math.max(peakHeap, heapUsed());
  // With --expose-gc: what the run left reachable (caches), after a full collection.
  global.gc?.();
  const retainedHeap = global.gc ? heapUsed() : undefined;
  return { runMs, cpuMs: cpuMilliseconds(used), sent: sentSoFar() - before, peakHeap, retainedHeap };
}

/** Run one job on a seeded store and describe it (the store operations counted by kind of partition). */
async function benchJob(
  job: 'digest' | 'nudges',
  kind: 'sqlite' | 'cosmos',
  inner: Store,
  seeded: { schools: number; teachers: number; documents: number; seedMs: number },
  httpRequests?: () => { documents: number; queryPlans: number },
  cpuProfileDir?: string,
): Promise<JobBenchLine> {
  const { schools, teachers, documents, seedMs } = seeded;
  const store = new CountingStore(inner, partitionKind);
  let sent = 0;
  const messenger: Messenger = {
    async sendToPerson() {
      sent++;
      return { status: 'sent', attempts: 1 };
    },
  };
  const env = jobEnvironment({
    store,
    messenger,
    ports: jobPortsFor(store),
    logger: createLogger('silent'),
    holder: 'bench',
    wallClock: () => (job === 'digest' ? AT : NUDGES_AT),
  });
  const requestsBefore = httpRequests?.() ?? { documents: 0, queryPlans: 0 };
  const profile = cpuProfileDir ? path.join(cpuProfileDir, `${job}.cpuprofile`) : undefined;
  const measured = await withCpuProfile(profile, () => measureJob(job, env, () => sent));
  const schoolReads = Object.entries(store.counts)
    .filter(([op]) => op === 'readPartition:school' || op === 'query:school' || op === 'read:school')
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    bench: job,
    store: kind,
    schools,
    teachersPerSchool: teachers,
    pairs: (schools * teachers) / 2,
    documents,
    seedMs,
    runMs: Math.round(measured.runMs),
    cpuMs: Math.round(measured.cpuMs),
    msPerSchool: per(measured.runMs, schools),
    sent: measured.sent,
    storeOpsPerSchool: per(store.total(), schools),
    schoolReadQueriesPerSchool: per(schoolReads, schools),
    storeOps: { ...store.counts },
    createEachDocuments: store.createEachDocuments,
    storeMs: Math.round(Object.values(store.millis).reduce((a, b) => a + b, 0)),
    storeMsByOp: Object.fromEntries(Object.entries(store.millis).map(([op, ms]) => [op, Math.round(ms)])),
    ...(httpRequests
      ? {
          httpRequestsPerSchool: per(httpRequests().documents - requestsBefore.documents, schools),
          queryPlanRequestsPerSchool: per(httpRequests().queryPlans - requestsBefore.queryPlans, schools),
        }
      : {}),
    peakHeapMB: mb(measured.peakHeap),
    ...(measured.retainedHeap !== undefined ? { retainedHeapMB: mb(measured.retainedHeap) } : {}),
    maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

interface ChildJob {
  readonly job: 'digest' | 'nudges';
  readonly file: string;
  readonly schools: number;
  readonly teachers: number;
  readonly documents: number;
  readonly seedMs: number;
  readonly cpuProfileDir?: string;
  /** Run the child with V8's old space capped (--max-old-space-size), in MB. */
  readonly heapLimitMB?: number;
}

/** A job on the seeded SQLite file, in a fresh child process (this file with --job); resolves with its line. */
function runJobInChild(spec: ChildJob): Promise<JobBenchLine> {
  const child = fork(__filename, ['--job', JSON.stringify(spec)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...childExecArgv(), ...(spec.heapLimitMB ? [`--max-old-space-size=${spec.heapLimitMB}`] : [])],
  });
  return new Promise((resolve, reject) => {
    let line: JobBenchLine | undefined;
    child.once(
      'message',
      (message: JobBenchLine) => (line = spec.heapLimitMB ? { ...message, heapLimitMB: spec.heapLimitMB } : message),
    );
    child.once('exit', (code) => {
      if (line && code === 0) resolve(line);
      else reject(new Error(`bench/digest: the ${spec.job} child exited with code ${code}`));
    });
  });
}

/** Child mode: open the seeded store, run the one job, send its line to the parent. */
async function childJob(spec: ChildJob): Promise<void> {
  installZoneOffsetCache(); // as the service and the job CLI do
  const store = new SqliteStore(spec.file);
  await store.init();
  try {
    const line = await benchJob(spec.job, 'sqlite', store, spec, undefined, spec.cpuProfileDir);
    process.send!(line);
  } finally {
    await store.close();
  }
}

export async function runDigestBench(options: DigestBenchOptions = {}): Promise<JobBenchLine[]> {
  installZoneOffsetCache(); // as the service and the job CLI do
  const schools = options.schools ?? 1000;
  const teachers = options.teachers ?? 40;
  const cosmosSchools = options.cosmosSchools ?? 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-digest-'));
  const lines: JobBenchLine[] = [];
  const file = path.join(dir, 'bench.db');
  try {
    const sqlite = new SqliteStore(file);
    await sqlite.init();
    const { documents, seedMs } = await seed(sqlite, schools, teachers);
    await sqlite.close(); // the WAL is checkpointed into the file: a copy is the same database
    // The nudge run once more on a copy made before the first, with V8's old space capped: what a
    // run holds is small (retainedHeapMB); by default V8 lets garbage pile up to far more.
    const copy = path.join(dir, 'bench-copy.db');
    fs.copyFileSync(file, copy);
    const spec = { schools, teachers, documents, seedMs };
    const profiled = options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {};
    const runs = options.jobs ?? SQLITE_RUNS;
    for (const job of ['digest', 'nudges'] as const)
      if (runs.includes(job)) lines.push(await runJobInChild({ job, file, ...spec, ...profiled }));
    if (runs.includes('nudges-capped'))
      lines.push(await runJobInChild({ job: 'nudges', file: copy, ...spec, heapLimitMB: NUDGES_HEAP_LIMIT_MB }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (cosmosSchools > 0) {
    let cosmos: LocalCosmos | undefined;
    let store: CosmosStore | undefined;
    try {
      // Loaded here, not at the top: a job's child process never loads the Cosmos DB SDK or the
      // server, whose modules would otherwise sit in its heap (and raise V8's collection threshold).
      // (require, not import(): mocha's loader resolves a dynamic import without the .ts extension.)
      const { startLocalCosmos } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../test/store/cosmos-server') as typeof import('../test/store/cosmos-server');
      const { CosmosStore: Cosmos } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../src/store/cosmos-store') as typeof import('../src/store/cosmos-store');
      cosmos = await startLocalCosmos();
      store = new Cosmos({
        endpoint: cosmos.endpoint,
        key: 'bench-key',
        database: 'bench',
        container: 'documents',
        allowSelfSigned: true,
      });
      await store.init();
      const requests = cosmos.requests;
      const counted = () => {
        const queryPlans = requests.filter((r) => r.queryPlan).length;
        return { documents: requests.length - queryPlans, queryPlans };
      };
      const seeded = { schools: cosmosSchools, teachers, ...(await seed(store, cosmosSchools, teachers)) };
      for (const job of ['digest', 'nudges'] as const)
        lines.push(await benchJob(job, 'cosmos', store, seeded, counted));
    } finally {
      await store?.close();
      await cosmos?.close();
    }
  }
  return lines;
}

function argument(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

const jobIndex = process.argv.indexOf('--job');
if (require.main === module && jobIndex >= 0) {
  childJob(JSON.parse(process.argv[jobIndex + 1]!) as ChildJob).catch((error: Error) => {
    process.stderr.write(`bench/digest (child): ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  const schools = argument('schools');
  const teachers = argument('teachers');
  const cosmosSchools = argument('cosmos-schools');
  const profileIndex = process.argv.indexOf('--cpu-prof');
  const cpuProfileDir = profileIndex >= 0 ? process.argv[profileIndex + 1] : undefined;
  const jobsIndex = process.argv.indexOf('--jobs');
  const jobs = jobsIndex >= 0 ? (process.argv[jobsIndex + 1]!.split(',') as SqliteRun[]) : undefined;
  for (const job of jobs ?? []) if (!SQLITE_RUNS.includes(job)) throw new Error(`bench/digest: unknown job ${job}`);
  runDigestBench({
    ...(jobs ? { jobs } : {}),
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
    ...(schools ? { schools } : {}),
    ...(teachers ? { teachers } : {}),
    ...(cosmosSchools !== undefined ? { cosmosSchools } : {}),
  })
    .then((lines) => {
      for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
    })
    .catch((error: Error) => {
      process.stderr.write(`bench/digest: ${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    });
}
