/**
 * The real entry point (src/index.ts) as a child process: a wrong setting stops it with one line
 * naming the key; with no settings at all it serves /healthz on the embedded store and stops on
 * SIGTERM.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'src', 'index.ts');

/** The test runner's environment without any key Tweetal reads, so each run starts from nothing. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
  const read = new Set([...source.matchAll(/(?<![.\w])env(?:,\s*'|\.)([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  read.add('NODE_ENV');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!read.has(key)) env[key] = value;
  return { ...env, ...extra };
}

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
  return run;
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves with the port once the "listening" log line arrives (checked on each chunk of output,
 * no polling); rejects when the process exits first. The timeout is only a safety net.
 */
function listeningPort(run: Run, timeoutMs = 45_000): Promise<number> {
  const found = (): number | undefined => {
    for (const line of run.stdout.split('\n')) {
      if (!line.includes('Tweetal is listening')) continue;
      const port = (JSON.parse(line) as { port?: number }).port;
      if (typeof port === 'number' && port > 0) return port;
    }
    return undefined;
  };
  const port = new Promise<number>((resolve, reject) => {
    const check = () => {
      const value = found();
      if (value === undefined) return;
      run.child.stdout!.off('data', check);
      resolve(value);
    };
    run.child.stdout!.on('data', check);
    check();
    void run.exited.then(({ code }) => reject(new Error(`the entry point exited (${code}): ${run.stderr}`)));
  });
  return within(port, timeoutMs, 'the "listening" line');
}

describe('entry point (node --import tsx src/index.ts)', function () {
  this.timeout(90_000);
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-entry-'));
    dirs.push(dir);
    return dir;
  }

  async function refused(
    env: Record<string, string>,
  ): Promise<{ code: number | null; lines: string[]; stdout: string }> {
    const run = start({ HOST: '127.0.0.1', PORT: '0', SQLITE_PATH: path.join(tempDir(), 'refused.db'), ...env });
    children.push(run.child);
    const { code } = await within(run.exited, 30_000, 'the refusing process to exit');
    return { code, lines: run.stderr.split('\n').filter((line) => line !== ''), stdout: run.stdout };
  }

  for (const [key, env] of [
    ['PORT', { PORT: 'eighty' }],
    ['STORE', { STORE: 'postgres' }],
    ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'Europe/Amsterdan' }],
    ['COSMOS_ENDPOINT', { STORE: 'cosmos' }],
  ] as const) {
    it(`should exit non-zero with one stderr line naming ${key} when ${JSON.stringify(env)}`, async () => {
      const { code, lines, stdout } = await refused(env);
      assert.notEqual(code, 0);
      assert.equal(lines.length, 1, `exactly one line, got:\n${lines.join('\n')}`);
      assert.match(lines[0]!, new RegExp(`^Configuration error: ${key} `));
      assert.equal(stdout, '', 'nothing started, nothing logged');
    });
  }

  it('should refuse to start when NODE_ENV=production and MicrosoftAppId is not set', async () => {
    const { code, lines } = await refused({ NODE_ENV: 'production' });
    assert.notEqual(code, 0);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^Configuration error: MicrosoftAppId must be set when NODE_ENV=production/);
  });

  it('should serve /healthz on the embedded store with no other set-up, and stop on SIGTERM', async () => {
    const dir = tempDir();
    const sqlitePath = path.join(dir, 'nested', 'tweetal.db');
    const run = start({ HOST: '127.0.0.1', PORT: '0', SQLITE_PATH: sqlitePath });
    children.push(run.child);
    const port = await listeningPort(run);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', store: 'sqlite' });
    assert.ok(fs.existsSync(sqlitePath), 'the SQLite file is created with its folder');

    run.child.kill('SIGTERM');
    const { code, signal } = await within(run.exited, 15_000, 'the process to stop after SIGTERM');
    assert.equal(signal, null);
    assert.equal(code, 0, run.stderr);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'the port is closed after SIGTERM');
  });
});
