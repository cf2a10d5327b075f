/**
 * Job benchmarks (issue 12, acceptance 2 and 3): the weekly digest run and a nudge run for
 * 1,000 schools × 40 teachers (20 pairs each, 20,000 pairs) on the embedded SQLite store — wall
 * time, CPU time of this process, peak memory (heap sampled per school, and the process's
 * maxRSS) and store operations per school by kind of partition (a counting Store wrapper) — and
 * the same code on the in-process Cosmos DB API server for a few schools, where it counts store
 * operations and HTTP requests per school (its timings say nothing about Cosmos DB).
 * The messenger is a no-op: this measures the reads, the computation, the rendering of the cards
 * and the record writes, not Teams.
 *   npx tsx bench/digest.ts [--schools 1000] [--teachers 40] [--cosmos-schools 10] [--cpu-prof <dir>]
 * prints JSON lines; with --cpu-prof a CPU profile of each SQLite run (see bench/cpu-profile.ts).
 * `npm run bench` calls runDigestBench() through bench/run.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Messenger } from '../src/app/messenger';
import { runDigest } from '../src/app/digest/run-digest';
import { runNudges } from '../src/app/nudges/run-nudges';
import type { Cycle, Pair, PersonReference, Programme, School, Visit, VisitState } from '../src/domain/entities';
import { jobEnvironment } from '../src/jobs/environment';
import type { JobEnvironment } from '../src/jobs/job-runner';
import { jobPortsFor } from '../src/job-ports';
import { createLogger } from '../src/logging/logger';
import { CosmosStore } from '../src/store/cosmos-store';
import { SqliteStore } from '../src/store/sqlite-store';
import { installZoneOffsetCache } from '../src/time/zone-offset-cache';
import type { Store } from '../src/store/store';
import { personReferenceId, tenantPartitionFor } from '../src/teams/ids';
import { startLocalCosmos, type LocalCosmos } from '../test/store/cosmos-server';
import { CountingStore } from './counting-store';
import { withCpuProfile } from './cpu-profile';

export interface DigestBenchOptions {
  readonly schools?: number;
  readonly teachers?: number;
  /** Schools for the Cosmos DB count (0: skip it). */
  readonly cosmosSchools?: number;
  /** A folder: write a CPU profile of each SQLite job run there (digest.cpuprofile, nudges.cpuprofile). */
  readonly cpuProfileDir?: string;
}

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
  /** Time spent waiting for the store during the run. */
  readonly storeMs: number;
  /** Cosmos DB only: HTTP requests for documents per school during the run (the SDK's query-plan look-ups apart). */
  readonly httpRequestsPerSchool?: number;
  /** Cosmos DB only: the SDK's query-plan look-ups per school (one before each query; the gateway answers them). */
  readonly queryPlanRequestsPerSchool?: number;
  readonly peakHeapMB: number;
  readonly maxRssMB: number;
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
}

/** One run of a job over every school, through the job environment the service builds. */
async function measureJob(job: 'digest' | 'nudges', env: JobEnvironment, sentSoFar: () => number): Promise<Measured> {
  global.gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = async () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const deps = { ...env, wallNow: env.wallClock, claimMs: env.leaseMs, directory: env.directory() };
  const before = sentSoFar();
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (job === 'digest') await runDigest({ ...deps, render: env.renderDigest }, AT, { heartbeat: sample });
  else await runNudges({ ...deps, render: env.renderNudge }, NUDGES_AT, { heartbeat: sample });
  const runMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await sample();
  return { runMs, cpuMs: (used.user + used.system) / 1000, sent: sentSoFar() - before, peakHeap };
}

/** Seed, then run the digest (Monday 08:05) and the nudges (Tuesday 10:00) on one store. */
async function benchStore(
  kind: 'sqlite' | 'cosmos',
  inner: Store,
  schools: number,
  teachers: number,
  httpRequests?: () => { documents: number; queryPlans: number },
  cpuProfileDir?: string,
): Promise<JobBenchLine[]> {
  const { documents, seedMs } = await seed(inner, schools, teachers);
  const store = new CountingStore(inner, partitionKind);
  let sent = 0;
  const messenger: Messenger = {
    async sendToPerson() {
      sent++;
      return { status: 'sent', attempts: 1 };
    },
  };
  const lines: JobBenchLine[] = [];
  for (const job of ['digest', 'nudges'] as const) {
    const env = jobEnvironment({
      store,
      messenger,
      ports: jobPortsFor(store),
      logger: createLogger('silent'),
      holder: 'bench',
      wallClock: () => (job === 'digest' ? AT : NUDGES_AT),
    });
    store.reset();
    const requestsBefore = httpRequests?.() ?? { documents: 0, queryPlans: 0 };
    const profile = cpuProfileDir ? path.join(cpuProfileDir, `${job}.cpuprofile`) : undefined;
    const measured = await withCpuProfile(profile, () => measureJob(job, env, () => sent));
    const schoolReads = Object.entries(store.counts)
      .filter(([op]) => op === 'readPartition:school' || op === 'query:school' || op === 'read:school')
      .reduce((sum, [, n]) => sum + n, 0);
    lines.push({
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
      storeMs: Math.round(Object.values(store.millis).reduce((a, b) => a + b, 0)),
      ...(httpRequests
        ? {
            httpRequestsPerSchool: per(httpRequests().documents - requestsBefore.documents, schools),
            queryPlanRequestsPerSchool: per(httpRequests().queryPlans - requestsBefore.queryPlans, schools),
          }
        : {}),
      peakHeapMB: mb(measured.peakHeap),
      maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    });
  }
  return lines;
}

export async function runDigestBench(options: DigestBenchOptions = {}): Promise<JobBenchLine[]> {
  installZoneOffsetCache(); // as the service and the job CLI do
  const schools = options.schools ?? 1000;
  const teachers = options.teachers ?? 40;
  const cosmosSchools = options.cosmosSchools ?? 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-digest-'));
  const lines: JobBenchLine[] = [];
  const sqlite = new SqliteStore(path.join(dir, 'bench.db'));
  try {
    await sqlite.init();
    lines.push(...(await benchStore('sqlite', sqlite, schools, teachers, undefined, options.cpuProfileDir)));
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (cosmosSchools > 0) {
    let cosmos: LocalCosmos | undefined;
    let store: CosmosStore | undefined;
    try {
      cosmos = await startLocalCosmos();
      store = new CosmosStore({
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
      lines.push(...(await benchStore('cosmos', store, cosmosSchools, teachers, counted)));
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

if (require.main === module) {
  const schools = argument('schools');
  const teachers = argument('teachers');
  const cosmosSchools = argument('cosmos-schools');
  const profileIndex = process.argv.indexOf('--cpu-prof');
  const cpuProfileDir = profileIndex >= 0 ? process.argv[profileIndex + 1] : undefined;
  runDigestBench({
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
