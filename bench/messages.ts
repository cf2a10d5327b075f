/**
 * Messages and cards (issue 12, acceptance 1): how much does Tweetal cost per request on its
 * three hottest paths compared with a bare botbuilder bot?
 *
 * Two child processes run side by side for the whole bench, so the load generator (autocannon,
 * in this process) never shares an event loop with a bot:
 *   - echo (bench/echo-bot.ts): a bare botbuilder bot that echoes a message and answers an
 *     invoke with a message;
 *   - tweetal: the real service (startService) on the embedded SQLite store in a temp folder,
 *     LOG_LEVEL=warn, scheduler off, no authentication, with a school set up through the real
 *     flows over HTTP (bench/school-setup.ts: install, programme, pairs, a confirmed visit per pair).
 * Both reply to the lean Bot Connector stand-in of this process (bench/connector.ts).
 *
 * Paths: "help" and "mijn cyclus" (the status card) as Teams-shaped personal messages from the
 * school's teachers in turn, and the Universal Actions refresh of each teacher's visit card
 * (adaptiveCard/action invoke, verb visit.refresh, answered in the HTTP response). Per path the
 * two bots get the same bodies in alternating rounds (echo, tweetal, echo, …), each after a
 * warm-up; the bot's own CPU time (process.cpuUsage in the child) is measured around every
 * round, as a figure that a busy shared machine disturbs less than requests per second.
 *
 * Lines (JSON, stdout): a header with machine and load; per path and target every round; per
 * path the medians and ratios: requests/s vs echo, p99 vs echo, CPU per request vs echo, with
 * the targets (help >= 0.9, status and refresh >= 0.8, p99 <= 1.2 × echo).
 * With `cpuProfileDir` a CPU profile of Tweetal per path (one extra, unmeasured load each).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, performance, type EventLoopUtilization } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { childExecArgv } from './child-exec-argv';
import { cpuMilliseconds } from './cpu-time';
import { LeanConnector } from './connector';
import { startEchoBot } from './echo-bot';
import { MESSAGE_PATHS, type BenchSchool, type MessagePath } from './school-setup';

// autocannon ships no types; this is the part of its API we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
}

interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats?: Record<string, { count: number }>;
}

type Target = 'echo' | 'tweetal';

export interface MessagesBenchOptions {
  readonly duration: number;
  readonly connections: number;
  readonly warmup: number;
  readonly rounds: number;
  /** Teachers in the bench school (half as many pairs). */
  readonly teachers?: number;
  readonly cpuProfileDir?: string;
  readonly paths?: readonly MessagePath[];
}

const TARGET_RATIO: Readonly<Record<MessagePath, number>> = { help: 0.9, status: 0.8, refresh: 0.8 };
const P99_LIMIT = 1.2;

const out = (line: unknown) => process.stdout.write(JSON.stringify(line) + '\n');
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const load1m = () => round(os.loadavg()[0]!, 2);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// ---------------------------------------------------------------- child: one bot under test

type ToChild =
  | { kind: 'stop' }
  | { kind: 'cpu' }
  | { kind: 'store-ops' }
  | { kind: 'profile-start' }
  | { kind: 'profile-stop'; file: string };

/** Store operations so far by operation and kind of partition ("read:tenant", "readPartition:school"). */
type StoreOps = Record<string, number>;

/** What a bot child answers when asked for its usage: CPU so far, collections so far (ms), heap in use (MB), event loop use so far. */
interface ChildUsage {
  readonly cpu: NodeJS.CpuUsage;
  readonly gcMs: number;
  readonly heapUsedMB: number;
  readonly loop: EventLoopUtilization;
}

/** A bot child's usage with its CPU time in milliseconds. */
interface Usage {
  readonly cpuMs: number;
  readonly gcMs: number;
  readonly heapUsedMB: number;
  readonly loop: EventLoopUtilization;
}

async function serve(target: Target, connectorUrl: string, teachers: number): Promise<void> {
  let close: () => Promise<void>;
  let url: string;
  let school: BenchSchool | undefined;
  let storeOps: () => StoreOps = () => ({});
  if (target === 'echo') {
    const echo = await startEchoBot();
    url = echo.url;
    close = () => echo.close();
  } else {
    // Imported here so the echo child does not load Tweetal at all.
    const { loadConfig } = await import('../src/config');
    const { startService } = await import('../src/service');
    const { createStore } = await import('../src/store/create-store');
    const { CountingStore } = await import('./counting-store');
    const { setUpBenchSchool } = await import('./school-setup');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-'));
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SQLITE_PATH: path.join(dir, 'bench.db'),
      SCHEDULER_ENABLED: 'false',
    });
    // Counted by operation and kind of partition (the same wrapper, before and after any change).
    const store = new CountingStore(createStore(config), (partition) =>
      partition.startsWith('tenant-') ? 'tenant' : 'school',
    );
    storeOps = () => ({ ...store.counts });
    const service = await startService(config, { store });
    url = service.url;
    close = async () => {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    school = await setUpBenchSchool(service, connectorUrl, teachers);
  }
  let session: Session | undefined;
  // The time V8's collections took in this process so far (scavenges and the main thread's part of full collections).
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message: ToChild) => {
    const answer = (value: unknown) => process.send!(value);
    switch (message.kind) {
      case 'cpu':
        answer({
          cpu: process.cpuUsage(),
          gcMs,
          heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
          loop: performance.eventLoopUtilization(),
        } satisfies ChildUsage);
        return;
      case 'store-ops':
        answer({ storeOps: storeOps() });
        return;
      case 'profile-start':
        session = new Session();
        session.connect();
        void session
          .post('Profiler.enable')
          .then(() => session!.post('Profiler.setSamplingInterval', { interval: 200 }))
          .then(() => session!.post('Profiler.start'))
          .then(() => answer({ profiling: true }));
        return;
      case 'profile-stop':
        void session!.post('Profiler.stop').then(({ profile }) => {
          fs.mkdirSync(path.dirname(message.file), { recursive: true });
          fs.writeFileSync(message.file, JSON.stringify(profile));
          session!.disconnect();
          session = undefined;
          answer({ profiled: message.file });
        });
        return;
      case 'stop':
        close().then(
          () => process.exit(0),
          (error: Error) => {
            process.stderr.write(`bench: ${target} did not close cleanly: ${error.message}\n`);
            process.exit(1);
          },
        );
        return;
    }
  });
  process.send!({ url, school });
}

// ---------------------------------------------------------------- parent: load and report

class Bot {
  private constructor(
    readonly target: Target,
    private readonly child: ChildProcess,
    readonly url: string,
    readonly school: BenchSchool | undefined,
  ) {}

  static start(target: Target, connectorUrl: string, teachers: number): Promise<Bot> {
    const child = fork(__filename, ['--serve', target, '--connector', connectorUrl, '--teachers', String(teachers)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: childExecArgv(),
    });
    // The bot's own output (logs) goes to stderr, so stdout holds only the JSON lines.
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target} did not start within 120 s`)), 120_000);
      child.once('message', (message: { url?: string; school?: BenchSchool }) => {
        clearTimeout(timer);
        if (typeof message?.url === 'string') resolve(new Bot(target, child, message.url, message.school));
        else reject(new Error(`${target} sent an unexpected start message`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${target} exited with code ${code} before it was ready`));
      });
    });
  }

  private ask<T>(message: ToChild): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (answer: T) => resolve(answer));
      this.child.send(message);
    });
  }

  /** The child's CPU time so far (user + system) and its collections' time, in milliseconds; its heap in use, in MB. */
  async usage(): Promise<Usage> {
    const { cpu, gcMs, heapUsedMB, loop } = await this.ask<ChildUsage>({ kind: 'cpu' });
    return { cpuMs: cpuMilliseconds(cpu), gcMs, heapUsedMB, loop };
  }

  /** The child's store operations so far (Tweetal; the echo bot has no store). */
  async storeOps(): Promise<StoreOps> {
    return (await this.ask<{ storeOps: StoreOps }>({ kind: 'store-ops' })).storeOps;
  }

  async profile<T>(file: string, work: () => Promise<T>): Promise<T> {
    await this.ask({ kind: 'profile-start' });
    try {
      return await work();
    } finally {
      await this.ask({ kind: 'profile-stop', file });
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'stop' } satisfies ToChild);
    const timer = setTimeout(() => {
      progress(`child ${this.child.pid} did not stop within 10 s; ending it`);
      this.child.kill('SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function load(url: string, bodies: readonly string[], seconds: number, connections: number): Promise<AutocannonResult> {
  let next = 0;
  return autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      { setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }) },
    ],
  });
}

interface Round {
  readonly path: MessagePath;
  readonly name: Target;
  readonly round: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The bot process's CPU time per request, in milliseconds. */
  readonly cpuMsPerRequest: number;
  /** The part of it V8's collections took (as PerformanceObserver's gc entries report it), per request. */
  readonly gcMsPerRequest: number;
  /** The bot's heap in use at the end of the round, in MB (growing from round to round means it keeps something per request). */
  readonly heapUsedMB: number;
  /** How busy the bot's main thread was during the round (0-1: below about 0.95 it waited, for the load or the other cores). */
  readonly botLoopUtilization: number;
  /** The bench process's own CPU time per request (autocannon and the connector stand-in), in milliseconds. */
  readonly loadCpuMsPerRequest: number;
  /** Tweetal: store operations per request, by operation and kind of partition. */
  readonly storeOpsPerRequest?: StoreOps;
  readonly errors: number;
  readonly non2xx: number;
  readonly requests: number;
  readonly repliesSent: number;
  readonly unexpectedConnectorCalls: number;
  readonly loadAverage1m: number;
}

async function measure(
  bot: Bot,
  path: MessagePath,
  index: number,
  bodies: readonly string[],
  connector: LeanConnector,
  options: MessagesBenchOptions,
): Promise<Round> {
  progress(`${path}, round ${index + 1}: ${bot.target} (warm-up ${options.warmup} s, ${options.duration} s)`);
  await load(bot.url, bodies, options.warmup, options.connections);
  connector.reset();
  const counted = bot.target === 'tweetal';
  const opsBefore = counted ? await bot.storeOps() : {};
  const before = await bot.usage();
  const ownBefore = process.cpuUsage();
  const result = await load(bot.url, bodies, options.duration, options.connections);
  const own = process.cpuUsage(ownBefore);
  const after = await bot.usage();
  const cpu = after.cpuMs - before.cpuMs;
  const opsAfter = counted ? await bot.storeOps() : {};
  const requests = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + Number(s.count), 0);
  const storeOpsPerRequest = Object.fromEntries(
    Object.entries(opsAfter)
      .map(([op, n]): [string, number] => [op, round((n - (opsBefore[op] ?? 0)) / Math.max(1, requests), 2)])
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return {
    path,
    name: bot.target,
    round: index + 1,
    requestsPerSecond: round(result.requests.average),
    p50Ms: round(result.latency.p50, 2),
    p99Ms: round(result.latency.p99, 2),
    cpuMsPerRequest: round(cpu / Math.max(1, requests), 3),
    gcMsPerRequest: round((after.gcMs - before.gcMs) / Math.max(1, requests), 3),
    heapUsedMB: round(after.heapUsedMB, 1),
    botLoopUtilization: round(performance.eventLoopUtilization(after.loop, before.loop).utilization, 3),
    loadCpuMsPerRequest: round(cpuMilliseconds(own) / Math.max(1, requests), 3),
    ...(counted ? { storeOpsPerRequest } : {}),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests,
    repliesSent: connector.activities,
    unexpectedConnectorCalls: connector.unexpected,
    loadAverage1m: load1m(),
  };
}

export async function runMessagesBench(options: MessagesBenchOptions): Promise<void> {
  const teachers = options.teachers ?? 40;
  const paths = options.paths ?? MESSAGE_PATHS;
  const cpus = os.cpus();
  out({
    bench: 'messages',
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage1m: load1m(),
    },
    settings: {
      duration: options.duration,
      connections: options.connections,
      warmup: options.warmup,
      rounds: options.rounds,
      paths,
      teachers,
      store: 'sqlite (temp file)',
    },
  });
  const connector = await new LeanConnector().start();
  const bots: Bot[] = [];
  try {
    progress('starting echo and tweetal (the school is set up through the real flows)');
    const [echo, tweetal] = await Promise.all([
      Bot.start('echo', connector.url, teachers),
      Bot.start('tweetal', connector.url, teachers),
    ]);
    bots.push(echo, tweetal);
    const school = tweetal.school!;
    out({
      bench: 'messages',
      school: {
        teachers: school.teachers,
        visits: school.visits,
        refreshingTeachers: school.bodies.refresh.length,
        setupRequests: school.setupRequests,
      },
    });
    // Both bots warm up on every path first (JIT), so the first path measured is not the coldest.
    progress('warming up both bots on every path');
    for (const path of paths)
      for (const bot of [echo, tweetal]) await load(bot.url, school.bodies[path], options.warmup, options.connections);
    for (const path of paths) {
      const bodies = school.bodies[path];
      const rounds: Record<Target, Round[]> = { echo: [], tweetal: [] };
      for (let i = 0; i < options.rounds; i++) {
        for (const bot of [echo, tweetal]) {
          const measured = await measure(bot, path, i, bodies, connector, options);
          rounds[bot.target].push(measured);
          out(measured);
        }
      }
      const summary = (target: Target) => ({
        requestsPerSecond: round(median(rounds[target].map((r) => r.requestsPerSecond))),
        p99Ms: round(median(rounds[target].map((r) => r.p99Ms)), 2),
        cpuMsPerRequest: round(median(rounds[target].map((r) => r.cpuMsPerRequest)), 3),
      });
      const e = summary('echo');
      const t = summary('tweetal');
      const ratio = {
        requestsPerSecond: round(t.requestsPerSecond / e.requestsPerSecond, 3),
        p99: round(t.p99Ms / e.p99Ms, 3),
        cpuPerRequest: round(t.cpuMsPerRequest / e.cpuMsPerRequest, 3),
      };
      out({
        path,
        median: { echo: e, tweetal: t },
        ratio,
        // Each Tweetal round against the echo round just before it.
        roundRatios: rounds.tweetal.map((r, i) => round(r.requestsPerSecond / rounds.echo[i]!.requestsPerSecond, 3)),
        // Tweetal's store operations per request (the last round; every round counts the same turns).
        storeOpsPerRequest: rounds.tweetal.at(-1)?.storeOpsPerRequest ?? {},
        target: { requestsPerSecond: TARGET_RATIO[path], p99: P99_LIMIT },
        met: ratio.requestsPerSecond >= TARGET_RATIO[path] && ratio.p99 <= P99_LIMIT,
        loadAverage1m: load1m(),
      });
    }
    if (options.cpuProfileDir) {
      for (const path of paths) {
        const file = `${options.cpuProfileDir}/${path}.cpuprofile`;
        progress(`profiling tweetal on ${path} → ${file}`);
        await tweetal.profile(file, () =>
          load(tweetal.url, school.bodies[path], options.duration, options.connections),
        );
        out({ path, cpuProfile: file });
      }
    }
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector.stop();
  }
}

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

if (require.main === module && process.argv.includes('--serve')) {
  const args = process.argv;
  const target = argument(args, 'serve');
  if (target !== 'echo' && target !== 'tweetal') throw new Error(`bench: unknown --serve target ${target}`);
  serve(target, argument(args, 'connector') ?? '', Number(argument(args, 'teachers') ?? 40)).catch((error: Error) => {
    process.stderr.write(`bench: ${target} failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
