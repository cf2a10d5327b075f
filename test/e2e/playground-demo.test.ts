/**
 * `npm run playground` on an empty store: the demo adds Tweetal to the playground's team through
 * the playground itself (installationUpdate + conversationUpdate from its mock tenant), so the
 * school and everyone's membership exist before the newcomer types a word, and "traject" in the
 * 1:1 chat answers with the programme setup card instead of "I don't know your school yet".
 * A second start seeds nothing; --no-demo seeds nothing at all.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { membershipId } from '../../src/app/membership';
import type { Membership, School } from '../../src/domain/entities';
import { projectRoot } from '../../src/project-root';
import { outputMatching } from '../support/child-output';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Stored } from '../../src/store/store';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { ChatPage } from './chat-page';
import { findBrowser } from '../support/browser';
import { launchChromium } from './playground-harness';

// The shipped mock tenant (.m365agentsplayground.yml): Anna de Vries and five colleagues, one team.
const CONFIG_PATH = path.join(projectRoot(), '.m365agentsplayground.yml');
const TENANT_ID = '00000000-0000-0000-0000-0000000000001';
const TEAM_ID = 'team-id';
const PEOPLE = [
  ['Anna de Vries', '00000000-0000-0000-0000-0000000000020'],
  ['Bram Jansen', '00000000-0000-0000-0000-0000000000021'],
  ['Carla Bakker', '00000000-0000-0000-0000-0000000000022'],
  ['Daan Visser', '00000000-0000-0000-0000-0000000000023'],
  ['Eva Smit', '00000000-0000-0000-0000-0000000000024'],
  ['Fatima El Amrani', '00000000-0000-0000-0000-0000000000025'],
] as const;
const SCHOOL_ID = schoolIdFor(TENANT_ID, TEAM_ID);
const PARTITION = tenantPartitionFor(TENANT_ID);

interface RunningScript {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly playgroundUrl: string;
}

/** Process groups of `pid` and its descendants (Linux /proc), read before anything is killed. */
function descendantGroups(pid: number): Set<number> {
  const children = new Map<number, number[]>();
  const groups = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces, so read after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
      groups.set(Number(entry), Number(pgrp));
    } catch {
      /* exited meanwhile */
    }
  }
  const found = new Set<number>();
  const queue = [pid];
  for (let i = 0; i < queue.length && i < 1000; i++) {
    const group = groups.get(queue[i]!);
    if (group !== undefined) found.add(group);
    queue.push(...(children.get(queue[i]!) ?? []));
  }
  return found;
}

/**
 * Kill the script's group and every group under it: the script starts the playground in a group
 * of its own, which a kill of the script's group alone would leave running (when a test fails
 * before the script stopped it).
 */
function killGroup(child: ChildProcess | undefined): void {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const own = descendantGroups(process.pid).values().next().value; // this test process's own group: never killed
  for (const group of new Set([child.pid, ...descendantGroups(child.pid)])) {
    if (group === own) continue;
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

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

describe('npm run playground --demo (a school for the newcomer)', function () {
  this.timeout(150_000);
  let dir: string;
  let running: ChildProcess[] = [];

  before(async function () {
    // The first run without a system browser unpacks @sparticuz/chromium (about half a minute).
    this.timeout(240_000);
    await findBrowser();
  });
  let browser: Browser | undefined;

  const dbPath = (): string => path.join(dir, 'tweetal.db');

  /** Start the script (own process group) and wait, bounded, for the address it prints. */
  async function startScript(args: readonly string[]): Promise<RunningScript> {
    const tsx = path.join(projectRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(
      process.execPath,
      [tsx, path.join(projectRoot(), 'scripts', 'playground.ts'), '--playground-port', '0', ...args],
      {
        cwd: dir,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          SQLITE_PATH: dbPath(),
          SCHEDULER_ENABLED: 'false',
          LOG_LEVEL: 'warn',
          HOME: dir,
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: CONFIG_PATH,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    running.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const match = await outputMatching(
      child,
      () => output,
      /Open the Microsoft 365 Agents Playground: (http:\/\/127\.0\.0\.1:\d+)\//,
      45_000,
    );
    return { child, output: () => output, playgroundUrl: match[1]! };
  }

  async function stopScript(script: RunningScript): Promise<void> {
    process.kill(script.child.pid!, 'SIGINT');
    assert.equal(await waitForExit(script.child, 15_000), 0, script.output());
  }

  /** Read the school and memberships from the script's SQLite file (WAL: a second reader is fine). */
  async function readStored(): Promise<{
    school: Stored<School> | undefined;
    memberships: (Stored<Membership> | undefined)[];
  }> {
    const store = new SqliteStore(dbPath());
    try {
      await store.init();
      const school = await store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      const memberships = await Promise.all(
        PEOPLE.map(([, id]) => store.read(PARTITION, 'membership', membershipId(id))),
      );
      return { school, memberships };
    } finally {
      await store.close();
    }
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-playground-demo-'));
  });

  afterEach(() => {
    for (const child of running) killGroup(child);
    running = [];
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    for (const child of running) killGroup(child);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should seed nothing when started with --no-demo', async () => {
    const script = await startScript(['--no-demo']);
    assert.doesNotMatch(script.output(), /Demo:/);
    await stopScript(script);
    const { school, memberships } = await readStored();
    assert.equal(school, undefined);
    assert.deepEqual(
      memberships,
      PEOPLE.map(() => undefined),
    );
  });

  it('should add Tweetal to the playground team on an empty store, so the school and all six memberships exist and "traject" in the 1:1 chat opens the programme setup, after which she leads and "tweetallen" lists the team', async () => {
    const script = await startScript([]);
    const output = script.output();
    assert.match(output, /Demo: Tweetal was added to the playground's team "Tweetal demo school"/);
    assert.match(output, new RegExp(`School ${SCHOOL_ID}: 6 members: ${PEOPLE.map(([name]) => name).join(', ')}\\.`));
    assert.doesNotMatch(
      output,
      /recorded directly/,
      'the memberships came from the playground roster, through the bot',
    );
    assert.match(output, /"traject" sets up a programme/);

    const { school, memberships } = await readStored();
    assert.ok(school, 'the school is stored');
    assert.equal(school.installed, true);
    assert.equal(school.name, 'Tweetal demo school');
    assert.equal(school.teamId, TEAM_ID);
    assert.equal(school.tenantId, TENANT_ID);
    assert.equal(school.locale, 'nl', 'installed through the Dutch locale proxy');
    assert.deepEqual(school.leaderIds, [], 'no leader until someone sets up a programme');
    for (const [i, membership] of memberships.entries()) {
      assert.deepEqual(membership?.schoolIds, [SCHOOL_ID], `membership of ${PEOPLE[i]![0]}`);
    }

    browser = await launchChromium(dir);
    const anna = await ChatPage.open(browser, `${script.playgroundUrl}/`, 'Anna');
    await anna.waitForBotText('Hallo van Tweetal');
    const before = await anna.cardCount();
    await anna.say('traject');
    const setup = await anna.cardWith('Nieuw coachingstraject', { after: before });
    assert.match(await setup.innerText(), /Thema/);
    assert.doesNotMatch(await anna.transcript(), /Ik weet nog niet bij welke school je hoort/);

    // She goes on as a newcomer would: dates on the card, save (she becomes leader), then "tweetallen".
    const today = DateTime.now().setZone('Europe/Amsterdam');
    const dates = setup.locator('.fui-DatePicker input');
    for (const [i, day] of [today, today.plus({ months: 3 })].entries()) {
      await dates.nth(i).pressSequentially(day.toISODate()!, { delay: 5 }); // focus and type; a click opens the calendar
      await anna.page.keyboard.press('Tab');
    }
    await setup.getByRole('button', { name: 'Opslaan' }).click();
    await anna.waitForBotText('Jij bent nu schoolleider van dit team');
    const seenCards = await anna.cardCount();
    await anna.say('tweetallen');
    const pairing = await anna.cardWith('Tweetallen', { after: seenCards });
    const pairingText = await pairing.innerText();
    for (const [name] of PEOPLE.slice(1))
      assert.match(pairingText, new RegExp(name), `${name} is on the pairing card (roster from the playground)`);
    const led = await readStored();
    assert.deepEqual(led.school?.leaderIds, [PEOPLE[0][1]], 'Anna became leader by setting up the programme');
    await browser.close();
    browser = undefined;

    await stopScript(script);
  });

  it('should refuse --demo together with --no-demo, and a value after --demo, naming the options', async () => {
    for (const [args, message] of [
      [['--demo', '--no-demo'], /--demo and --no-demo exclude each other/],
      [['--demo=full'], /--demo takes no value \(got "--demo=full"\)/],
    ] as const) {
      const tsx = path.join(projectRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const child = spawn(process.execPath, [tsx, path.join(projectRoot(), 'scripts', 'playground.ts'), ...args], {
        cwd: dir,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          SQLITE_PATH: path.join(dir, 'refused.db'),
          SCHEDULER_ENABLED: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      running.push(child);
      let errors = '';
      child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
      assert.equal(await waitForExit(child, 30_000), 1);
      assert.match(errors, message);
    }
  });

  it('should seed nothing new on a second start with the same store', async () => {
    const before = await readStored();
    assert.ok(before.school, 'the first start stored the school');
    const script = await startScript([]);
    assert.match(
      script.output(),
      /Demo: the store already knows the team "Tweetal demo school", so nothing was seeded/,
    );
    assert.doesNotMatch(script.output(), /Demo: Tweetal was added/);
    await stopScript(script);
    const after = await readStored();
    assert.equal(after.school?.version, before.school?.version);
    assert.deepEqual(
      after.memberships.map((m) => m?.version),
      before.memberships.map((m) => m?.version),
    );
  });
});
