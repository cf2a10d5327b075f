/**
 * House rule: no test waits on the real clock (issue 8 item 5). Tests drive time with a fake
 * clock (sinon fake timers, test/teams/proactive/fake-time.ts) or wait for the event itself (a
 * promise, a child's "listening" line, a stand-in's recorded call). Bounded timeouts are allowed
 * as safety nets (a timer that rejects, kills or resolves a sentinel), never sleeps that order
 * events, and never assertions on elapsed real time.
 *
 * This scans every file under test/ for the shapes those take and fails naming file and line.
 * The allow-list is explicit and small: each entry says why, and must still match (no stale
 * entries).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

const PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'a sleep on a real timer', pattern: /setTimeout\(\s*(?:resolve|res|r|done|next)\s*,/ },
  { name: 'a sleep on a real timer', pattern: /setTimeout\(\s*\(\)\s*=>\s*(?:resolve|res|r|done|next)\(\)\s*,/ },
  { name: 'elapsed real time', pattern: /(?:Date\.now|performance\.now)\(\)\s*-\s*[A-Za-z_]/ },
  { name: 'elapsed real time', pattern: /hrtime(?:\.bigint)?\(\)\s*-/ },
  { name: 'a real delay option', pattern: /\bdelayMs\s*[:=]\s*[1-9]/ },
  { name: 'a real sleep', pattern: /\brealSleep\b/ },
];

/** Files that may keep a hit, and why (relative to the project root). */
const ALLOWED: Readonly<Record<string, string>> = {
  'test/e2e/playground.test.ts':
    'polls the store while the third-party Agents Playground UI drives the bot (no event to wait for); bounded, asserts no time',
  'test/e2e/playground-script.test.ts':
    'waits, bounded, until a detached process group is gone after SIGINT (the OS gives no event for a group)',
  'test/e2e/playground-harness.ts': 'a bounded wait for the playground to exit after SIGKILL (clean-up safety net)',
};

const SELF = path.relative(projectRoot(), __filename).split(path.sep).join('/');

interface Hit {
  readonly line: number;
  readonly name: string;
  readonly text: string;
}

function realClockHits(source: string): Hit[] {
  const hits: Hit[] = [];
  source.split('\n').forEach((text, index) => {
    const code = text.replace(/^\s*(\/\/|\*|\/\*).*$/, ''); // comments may talk about sleeps
    for (const { name, pattern } of PATTERNS)
      if (pattern.test(code)) hits.push({ line: index + 1, name, text: text.trim() });
  });
  return hits;
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('architecture: no test waits on the real clock', () => {
  const root = projectRoot();
  const files = testFiles(path.join(root, 'test'))
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .filter((file) => file !== SELF);

  it('should find no sleep on a real timer, real delay or elapsed-time assertion in test/ outside the allow-list', () => {
    const found = files
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) =>
        realClockHits(fs.readFileSync(path.join(root, file), 'utf8')).map(
          (hit) => `${file}:${hit.line}: ${hit.name}: ${hit.text}`,
        ),
      );
    assert.deepEqual(found, [], `use a fake clock or wait for the event itself:\n${found.join('\n')}`);
  });

  it('should keep the allow-list precise: every entry exists and still needs its exception', () => {
    for (const file of Object.keys(ALLOWED)) {
      assert.ok(files.includes(file), `${file} is allow-listed but does not exist`);
      assert.notDeepEqual(
        realClockHits(fs.readFileSync(path.join(root, file), 'utf8')),
        [],
        `${file} no longer waits on the clock: remove it from the allow-list`,
      );
    }
  });

  it('should recognise each shape it forbids, and let safety nets and fake clocks pass', () => {
    const forbidden = [
      'await new Promise((resolve) => setTimeout(resolve, 20));',
      'const pause = () => new Promise<void>((r) => setTimeout(() => r(), 50));',
      "assert.ok(Date.now() - started >= 100, 'waited');",
      'const ms = Number(process.hrtime.bigint() - started) / 1e6;',
      'const elapsed = performance.now() - started;',
      "runChild({ job: 'nudges', delayMs: 15 });",
      'const sender = fx.sender({ sleep: realSleep });',
    ];
    for (const line of forbidden) assert.equal(realClockHits(line).length, 1, line);
    const allowed = [
      "const timer = setTimeout(() => reject(new Error('not within 5 s')), 5_000);",
      'const safety = setTimeout(() => child.kill(), 60_000);',
      'await clock.tickAsync(40);',
      'await new Promise((resolve) => setImmediate(resolve));',
      'const limiter = new RateLimiter({ clock: time.clock, sleep: time.sleep });',
      '// never await new Promise((resolve) => setTimeout(resolve, 20)) here',
    ];
    for (const line of allowed) assert.deepEqual(realClockHits(line), [], line);
  });
});
