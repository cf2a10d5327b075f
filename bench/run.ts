/**
 * `npm run bench`: what Tweetal costs per message and card, and what its jobs cost at scale.
 *
 * Parts (each prints JSON lines on stdout; progress and bot logs go to stderr):
 *   - messages (bench/messages.ts): "help", "mijn cyclus" (status) and the visit-card refresh
 *     invoke, each against a bare botbuilder echo bot in alternating rounds, in a school set up
 *     through the real flows; per path the ratios requests/s, p99 and CPU per request vs echo;
 *   - digest (bench/digest.ts runDigestBench): the digest and nudge runs for 1,000 schools;
 *   - fanout (bench/proactive-fanout.ts runFanoutBenches): proactive sends across instances;
 *   - pairing (bench/pairing.ts runPairingBench): pairing suggestions for a whole team at once.
 *
 * Options: --only messages|digest|fanout|pairing (one part), --duration <s> (10), --connections <n> (16),
 * --warmup <s> (2), --rounds <n> (3), --paths help,status,refresh, --teachers <n> (40),
 * --cpu-prof <dir> (a CPU profile of Tweetal per message path, after the measured rounds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runMessagesBench } from './messages';
import { MESSAGE_PATHS, type MessagePath } from './school-setup';

function option(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`bench: --${name} must be a positive number`);
  return value;
}

const out = (line: unknown) => process.stdout.write(JSON.stringify(line) + '\n');
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

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
  const pathsIndex = args.indexOf('--paths');
  const paths = (pathsIndex >= 0 ? args[pathsIndex + 1]!.split(',') : MESSAGE_PATHS) as MessagePath[];
  for (const p of paths) if (!MESSAGE_PATHS.includes(p)) throw new Error(`bench: unknown path ${p}`);
  const profileIndex = args.indexOf('--cpu-prof');
  if (only === undefined || only === 'messages') {
    await runMessagesBench({
      duration: option(args, 'duration', 10),
      connections: option(args, 'connections', 16),
      warmup: option(args, 'warmup', 2),
      rounds: Math.round(option(args, 'rounds', 3)),
      teachers: Math.round(option(args, 'teachers', 40)),
      paths,
      ...(profileIndex >= 0 ? { cpuProfileDir: path.resolve(args[profileIndex + 1]!) } : {}),
    });
  }

  if (only === undefined || only === 'digest') await runOptional('digest', 'runDigestBench');
  if (only === undefined || only === 'fanout') await runOptional('proactive-fanout', 'runFanoutBenches');
  if (only === undefined || only === 'pairing') await runOptional('pairing', 'runPairingBench');
}

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
