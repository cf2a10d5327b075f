/**
 * `npm run bench`: how much does Tweetal cost per message compared with a bare botbuilder bot?
 *
 * In one run it starts (a) a bare echo bot (bench/echo-bot.ts) and (b) Tweetal on the embedded
 * SQLite store (startService, a temp database), one after the other, each in its own child
 * process so that the load generator does not share its event loop with the bot. Both reply to
 * a lean Bot Connector stand-in on 127.0.0.1 (bench/connector.ts, in this process) through the
 * activity's serviceUrl. Each is loaded with autocannon with Teams-shaped "help" messages in a
 * personal chat from 50 teachers in turn (for Tweetal: render and send the help card, check the
 * stored conversation reference and write it when it changed), after a short warm-up.
 *
 * Output, one JSON object per line on stdout (progress and bot logs go to stderr):
 *   {"bench":"messages", machine, settings}
 *   {"name":"echo", requestsPerSecond, p50Ms, p99Ms, errors, non2xx, ...}
 *   {"name":"tweetal", ...}
 *   {"ratio": tweetal/echo requests per second}
 * then the lines of bench/digest.ts runDigestBench() and bench/proactive-fanout.ts
 * runFanoutBench() when those files exist (or a line saying they are absent).
 *
 * Options: --duration <s> (10), --connections <n> (16), --warmup <s> (2), --rounds <n> (1):
 * with more rounds the two bots are measured alternately (echo, tweetal, echo, …) and each line
 * reports its best round (the one with most requests/s, the least disturbed on a shared
 * machine), with every round's requests/s in `rounds`.
 * Child mode (internal): --serve echo|tweetal.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LeanConnector } from './connector';
import { startEchoBot } from './echo-bot';
import { person, personalMessage } from '../test/support/teams-activities';

// autocannon ships no types; this is the part of its API we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
  readonly total?: number;
}

interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats?: Record<string, { count: number }>;
}

type Target = 'echo' | 'tweetal';

interface Options {
  readonly duration: number;
  readonly connections: number;
  readonly warmup: number;
  readonly rounds: number;
}

const TEACHERS = 50;

function option(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`bench: --${name} must be a positive number`);
  return value;
}

const out = (line: unknown) => process.stdout.write(JSON.stringify(line) + '\n');
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- child: one bot under test

async function serve(target: Target): Promise<void> {
  let close: () => Promise<void>;
  let url: string;
  if (target === 'echo') {
    const echo = await startEchoBot();
    url = echo.url;
    close = () => echo.close();
  } else {
    // Imported here so the echo child does not load Tweetal at all.
    const { loadConfig } = await import('../src/config');
    const { startService } = await import('../src/service');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-'));
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SQLITE_PATH: path.join(dir, 'bench.db'),
      SCHEDULER_ENABLED: 'false',
    });
    const service = await startService(config);
    url = service.url;
    close = async () => {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  process.on('message', (message) => {
    if (message !== 'stop') return;
    close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`bench: ${target} did not close cleanly: ${error.message}\n`);
        process.exit(1);
      },
    );
  });
  process.send!({ url });
}

// ---------------------------------------------------------------- parent: load and report

interface StartedChild {
  readonly child: ChildProcess;
  readonly url: string;
}

function startChild(target: Target): Promise<StartedChild> {
  const child = fork(__filename, ['--serve', target], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  // The bot's own output (logs) goes to stderr, so stdout holds only the JSON lines.
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target} did not start within 30 s`)), 30_000);
    child.once('message', (message: { url?: string }) => {
      clearTimeout(timer);
      if (typeof message?.url === 'string') resolve({ child, url: message.url });
      else reject(new Error(`${target} sent an unexpected start message`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${target} exited with code ${code} before it was ready`));
    });
  });
}

async function stopChild({ child }: StartedChild): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => {
    progress(`child ${child.pid} did not stop within 10 s; ending it`);
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Teams-shaped "help" messages in personal chats of TEACHERS people, sent in turn. */
function messageBodies(serviceUrl: string): string[] {
  return Array.from({ length: TEACHERS }, (_, i) => JSON.stringify(personalMessage(serviceUrl, person(i + 1), 'help')));
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
      {
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
}

interface Measured {
  readonly name: Target;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly requests: number;
  readonly repliesSent: number;
  readonly unexpectedConnectorCalls: number;
}

async function measure(target: Target, connector: LeanConnector, options: Options): Promise<Measured> {
  progress(`starting ${target}`);
  const started = await startChild(target);
  try {
    const bodies = messageBodies(connector.url);
    progress(`${target}: warm-up ${options.warmup} s`);
    await load(started.url, bodies, options.warmup, options.connections);
    connector.reset();
    progress(`${target}: measuring ${options.duration} s with ${options.connections} connections`);
    const result = await load(started.url, bodies, options.duration, options.connections);
    const requests = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + Number(s.count), 0);
    return {
      name: target,
      requestsPerSecond: round(result.requests.average),
      p50Ms: round(result.latency.p50, 2),
      p99Ms: round(result.latency.p99, 2),
      errors: result.errors,
      non2xx: result.non2xx,
      requests,
      repliesSent: connector.activities,
      unexpectedConnectorCalls: connector.unexpected,
    };
  } finally {
    await stopChild(started);
  }
}

/** Run bench/<file> (.ts under tsx, .js when compiled) if a colleague has written it. */
async function runOptional(file: string, exportName: string): Promise<void> {
  const found = ['.ts', '.js']
    .map((ext) => path.join(__dirname, file + ext))
    .find((candidate) => fs.existsSync(candidate));
  if (!found) {
    out({ bench: file, status: 'absent', message: `bench/${file}.ts does not exist yet; skipped` });
    return;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(found) as Record<string, unknown>;
    const run = loaded[exportName];
    if (typeof run !== 'function') {
      out({ bench: file, status: 'error', message: `bench/${path.basename(found)} does not export ${exportName}()` });
      process.exitCode = 1;
      return;
    }
    progress(`running ${file} (${exportName})`);
    const result: unknown = await run();
    // A bench either returns its lines or prints them itself.
    if (Array.isArray(result)) for (const line of result) out(line);
    else if (result !== undefined) out(result);
  } catch (error) {
    out({ bench: file, status: 'error', message: (error as Error).message });
    process.exitCode = 1;
  }
}

async function main(args: readonly string[]): Promise<void> {
  // --only messages|digest|fanout: one part of the bench (the others are skipped).
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
  const options: Options = {
    duration: option(args, 'duration', 10),
    connections: option(args, 'connections', 16),
    warmup: option(args, 'warmup', 2),
    rounds: only === undefined || only === 'messages' ? Math.round(option(args, 'rounds', 1)) : 0,
  };
  const cpus = os.cpus();
  out({
    bench: 'messages',
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGb: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAverage1m: round(os.loadavg()[0], 2),
    },
    settings: { ...options, message: 'help in a personal chat', teachers: TEACHERS, store: 'sqlite (temp file)' },
  });

  const connector = await new LeanConnector().start();
  try {
    const rounds: Record<Target, Measured[]> = { echo: [], tweetal: [] };
    const failed = new Set<Target>();
    for (let i = 0; i < options.rounds; i++) {
      for (const target of ['echo', 'tweetal'] as const) {
        if (failed.has(target)) continue;
        try {
          rounds[target].push(await measure(target, connector, options));
        } catch (error) {
          failed.add(target);
          out({ name: target, status: 'error', message: (error as Error).message });
          process.exitCode = 1;
        }
      }
    }
    const best: Partial<Record<Target, Measured>> = {};
    for (const target of ['echo', 'tweetal'] as const) {
      if (rounds[target].length === 0) continue;
      best[target] = rounds[target].reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
      out(
        options.rounds > 1 ? { ...best[target], rounds: rounds[target].map((r) => r.requestsPerSecond) } : best[target],
      );
    }
    if (best.echo && best.tweetal && best.echo.requestsPerSecond > 0) {
      out({ ratio: round(best.tweetal.requestsPerSecond / best.echo.requestsPerSecond, 3) });
    }
  } finally {
    await connector.stop();
  }

  if (only === undefined || only === 'digest') await runOptional('digest', 'runDigestBench');
  if (only === undefined || only === 'fanout') await runOptional('proactive-fanout', 'runFanoutBenches');
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const target = process.argv[serveIndex + 1];
  if (target !== 'echo' && target !== 'tweetal') throw new Error(`bench: unknown --serve target ${target}`);
  serve(target).catch((error: Error) => {
    process.stderr.write(`bench: ${target} failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2))
    .catch((error: Error) => {
      process.stderr.write(`bench: failed: ${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    })
    .finally(() => {
      // Everything is closed by now and the process ends by itself; should a colleague's bench
      // leave a handle open, do not hang forever (an unref'd timer never keeps it alive).
      setTimeout(() => {
        progress('a handle is still open 15 s after the end; exiting');
        process.exit();
      }, 15_000).unref();
    });
}
