/**
 * CPU profiles for the benches: `withCpuProfile` records a V8 CPU profile of one piece of work
 * (node:inspector, in this process) into a .cpuprofile file that Chrome DevTools opens, and
 * `summarizeProfile` lists where the time went — self time by function and by package or source
 * folder — so that the README's "top costs" come from a profile, not a guess.
 *   npx tsx bench/cpu-profile.ts <file.cpuprofile> [--top 25]   → the summary as JSON lines
 * The message paths are profiled in their child process with `npm run bench -- --cpu-prof <dir>`.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byFunction: readonly { name: string; selfMs: number; percent: number }[];
  readonly byArea: readonly { area: string; selfMs: number; percent: number }[];
  /** Inclusive time (self and callees) of this repository's functions (src/, cards/): where a path's own work goes. */
  readonly ownInclusive: readonly { name: string; totalMs: number; percent: number }[];
}

export async function withCpuProfile<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    try {
      return await work();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
    }
  } finally {
    session.disconnect();
  }
}

/** Where a frame's code lives: a package in node_modules, a folder of this repository, or Node itself. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const source = url.match(/\/(src|bench|test|cards)\/(.*)$/);
  if (source) {
    const parts = source[2]!.split('/');
    return parts.length > 1 ? `${source[1]}/${parts[0]}` : `${source[1]}/${parts[0]}`;
  }
  return url;
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}` : ''} [${areaOf(frame.url, frame.functionName)}]`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => ({ key, selfMs: Math.round(us / 100) / 10, percent: Math.round((us / total) * 1000) / 10 }));
  // Inclusive: every sample counts once for each distinct own function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const own = new Map<string, number>();
  const ownName = (frame: ProfileNode['callFrame']) =>
    /\/(src|cards)\//.test(frame.url) && !frame.url.includes('node_modules/')
      ? `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`
      : undefined;
  profile.samples.forEach((leaf, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const name = ownName(byId.get(id)!.callFrame);
      if (name && !seen.has(name)) {
        seen.add(name);
        own.set(name, (own.get(name) ?? 0) + us);
      }
    }
  });
  return {
    ownInclusive: ranked(own).map(({ key, selfMs, percent }) => ({ name: key, totalMs: selfMs, percent })),
    totalMs: Math.round(total / 1000),
    byFunction: ranked(functions).map(({ key, ...rest }) => ({ name: key, ...rest })),
    byArea: ranked(areas).map(({ key, ...rest }) => ({ area: key, ...rest })),
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npx tsx bench/cpu-profile.ts <file.cpuprofile> [--top 25]\n');
    process.exit(2);
  }
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, top);
  process.stdout.write(`${JSON.stringify({ profile: file, totalMs: summary.totalMs })}\n`);
  for (const line of summary.byArea) process.stdout.write(`${JSON.stringify(line)}\n`);
  for (const line of summary.byFunction) process.stdout.write(`${JSON.stringify(line)}\n`);
  for (const line of summary.ownInclusive)
    process.stdout.write(`${JSON.stringify({ inclusive: line.name, totalMs: line.totalMs, percent: line.percent })}\n`);
}
