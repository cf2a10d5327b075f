/**
 * `npm run playground` (scripts/playground.ts): it starts the bot and the playground, prints the
 * address to open, and Ctrl-C stops both. Also its locale proxy, which tells Tweetal the user's
 * language because the playground always sends en-US.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startLocaleProxy, withLocale } from '../../scripts/playground';
import { projectRoot } from '../../src/project-root';
import { outputMatching } from '../support/child-output';

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the script did not stop within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run playground (scripts/playground.ts)', function () {
  this.timeout(60_000);
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-playground-script-'));
  });

  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    child = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should start the bot and the playground, print the address to open, and stop both on Ctrl-C', async () => {
    const tsx = path.join(projectRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    child = spawn(
      process.execPath,
      [tsx, path.join(projectRoot(), 'scripts', 'playground.ts'), '--playground-port', '0'],
      {
        cwd: dir,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          SQLITE_PATH: path.join(dir, 'tweetal.db'),
          SCHEDULER_ENABLED: 'false',
          LOG_LEVEL: 'warn',
          HOME: dir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const match = await outputMatching(
      child,
      () => output,
      /Open the Microsoft 365 Agents Playground: (http:\/\/127\.0\.0\.1:\d+\/)/,
      40_000,
    );
    assert.match(output, /Tweetal is running at http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
    assert.match(output, /Tweetal speaks Dutch/);

    const page = await fetch(match[1]!, { signal: AbortSignal.timeout(10_000) });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Microsoft 365 Agents Playground/);
    const botUrl = /Tweetal is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    assert.equal((await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })).status, 200);

    process.kill(child.pid!, 'SIGINT');
    assert.equal(await waitForExit(child, 15_000), 0);
    const stopped = Date.now() + 5000;
    while (groupAlive(child.pid!) && Date.now() < stopped) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(groupAlive(child.pid!), false, 'the playground process is still running');
    await assert.rejects(fetch(match[1]!, { signal: AbortSignal.timeout(2000) }));
  });

  it('should refuse an unknown --locale with a message naming the option', async () => {
    const tsx = path.join(projectRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    child = spawn(process.execPath, [tsx, path.join(projectRoot(), 'scripts', 'playground.ts'), '--locale', 'fr'], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_PATH: path.join(dir, 'tweetal.db'),
        SCHEDULER_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    assert.equal(await waitForExit(child, 30_000), 1);
    assert.match(errors, /--locale must be nl or en \(got "fr"\)/);
  });
});

describe('the playground locale proxy', () => {
  it('should set the activity locale and the clientInfo entity locale, leaving the rest as it was', () => {
    const activity = {
      type: 'message',
      text: 'hulp',
      locale: 'en-US',
      entities: [
        { type: 'clientInfo', locale: 'en-US', platform: 'Web' },
        { type: 'mention', text: 'x' },
      ],
    };
    assert.deepEqual(withLocale(activity, 'nl-NL'), {
      type: 'message',
      text: 'hulp',
      locale: 'nl-NL',
      entities: [
        { type: 'clientInfo', locale: 'nl-NL', platform: 'Web' },
        { type: 'mention', text: 'x' },
      ],
    });
    assert.equal(activity.locale, 'en-US', 'the original is not changed');
    assert.equal(withLocale('not an activity', 'nl-NL'), 'not an activity');
  });

  it("should forward to the bot with the locale rewritten and pass the bot's status and body back", async () => {
    const received: { url?: string; body?: any; auth?: string }[] = [];
    const bot = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ url: request.url, body: JSON.parse(body), auth: request.headers.authorization });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' }));
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', () => resolve()));
    const proxy = await startLocaleProxy(`http://127.0.0.1:${(bot.address() as AddressInfo).port}`, 'nl');
    try {
      const answer = await fetch(`${proxy.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', locale: 'en-US' }),
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      assert.equal(received.length, 1);
      assert.equal(received[0]!.url, '/api/messages');
      assert.equal(received[0]!.body.locale, 'nl-NL');
      assert.equal(received[0]!.auth, 'Bearer x');
    } finally {
      await proxy.close();
      await new Promise<void>((resolve) => bot.close(() => resolve()));
    }
  });
});
