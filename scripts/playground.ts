/**
 * `npm run playground`: chat with Tweetal in a browser, without a Microsoft 365 tenant.
 *
 * Starts the bot in this process (config from the environment, as `npm start` does) and the
 * Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, offline, Teams channel) as a
 * child process pointed at the bot's /api/messages, then prints the address to open.
 * Ctrl-C stops both.
 *
 * Options:
 *   --playground-port <n>  default 56150; the playground picks a free one when taken (0: any free port).
 *   --locale nl|en         the language Tweetal is told the user speaks (default: DEFAULT_LOCALE,
 *                          i.e. nl). The playground always sends "en-US", so the script puts a
 *                          small local proxy in between that rewrites the activities' locale.
 *   --demo / --no-demo     add Tweetal to the playground's team once it listens, so the 1:1 chat
 *                          knows the school (default: on when the store has no school for the
 *                          playground's tenant and team yet, so a second start seeds nothing).
 * The playground reads its mock tenant, users and chats from .m365agentsplayground.yml in the
 * working folder, or from the file named by M365_AGENTS_PLAYGROUND_CONFIG_PATH.
 *
 * The demo seeds through the bot's own code paths: it asks the playground to install Tweetal in
 * its team — the same request the playground's page makes when you open the team's General
 * channel — so the playground sends Tweetal a real installationUpdate and conversationUpdate
 * (membersAdded: the bot) for the team; Tweetal stores the school, greets the channel and reads
 * the roster from the playground's GET /v3/conversations/{teamId}/pagedmembers, which records a
 * membership for each of the six people. Programme and pairs are left to the user ("traject",
 * "tweetallen").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import { addMembership, schoolsOf } from '../src/app/membership';
import { loadConfigOrExit, type Config, type Locale } from '../src/config';
import { startService, type RunningService } from '../src/service';
import { projectRoot } from '../src/project-root';
import type { Store } from '../src/store/store';
import { schoolIdFor, tenantPartitionFor } from '../src/teams/ids';

const DEFAULT_PLAYGROUND_PORT = 56150;
const STOP_GRACE_MS = 3000;

const MAX_BODY_BYTES = 1024 * 1024;
const LOCALE_TAGS: Readonly<Record<Locale, string>> = { nl: 'nl-NL', en: 'en-US' };

class UsageError extends Error {}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
}

function playgroundPort(argv: readonly string[]): number {
  const raw = option(argv, '--playground-port');
  if (raw === undefined) return DEFAULT_PLAYGROUND_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    throw new UsageError(`--playground-port must be a port number from 0 to 65535 (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function chosenLocale(argv: readonly string[], fallback: Locale): Locale {
  const raw = option(argv, '--locale');
  if (raw === undefined) return fallback;
  if (raw !== 'nl' && raw !== 'en') throw new UsageError(`--locale must be nl or en (got ${JSON.stringify(raw)})`);
  return raw;
}

export type DemoChoice = 'auto' | 'on' | 'off';

function demoChoice(argv: readonly string[]): DemoChoice {
  const on = argv.includes('--demo');
  const off = argv.includes('--no-demo');
  const other = argv.find((arg) => arg.startsWith('--demo=') || arg.startsWith('--no-demo='));
  if (other !== undefined) throw new UsageError(`${other.split('=')[0]} takes no value (got ${JSON.stringify(other)})`);
  if (on && off) throw new UsageError('--demo and --no-demo exclude each other');
  return on ? 'on' : off ? 'off' : 'auto';
}

/** The parts of the playground's mock tenant the demo needs (as the running playground reports them). */
export interface PlaygroundPerson {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

export interface PlaygroundSetup {
  readonly tenantId: string;
  readonly currentUser: PlaygroundPerson;
  readonly users: readonly PlaygroundPerson[];
  readonly team: { readonly id: string; readonly name: string };
}

/** The parts of the playground's config endpoint answer this script reads (unchecked JSON). */
interface RawPerson {
  readonly id?: string;
  readonly name?: string;
  readonly aadObjectId?: string;
}
interface PlaygroundConfig {
  readonly tenantId?: string;
  readonly currentUser?: RawPerson;
  readonly users?: readonly RawPerson[];
  readonly team?: { readonly id?: string; readonly name?: string };
  readonly teams?: readonly { readonly id?: string; readonly name?: string }[];
}

/**
 * The mock tenant the running playground loaded (its own config endpoint, which its page reads):
 * the same file, parsed by the playground itself, so ids agree with the activities it sends.
 */
export async function readPlaygroundSetup(playgroundUrl: string): Promise<PlaygroundSetup> {
  const answer = await fetch(`${playgroundUrl}/_internal/v1/config`, { signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error(`the playground did not report its config (HTTP ${answer.status})`);
  const { config } = (await answer.json()) as { config?: PlaygroundConfig };
  const team = config?.teams?.[0] ?? config?.team;
  const person = (value: RawPerson | undefined): PlaygroundPerson | undefined =>
    value && typeof value.id === 'string'
      ? { id: value.id, name: String(value.name ?? ''), aadObjectId: String(value.aadObjectId || value.id) }
      : undefined;
  const currentUser = person(config?.currentUser);
  if (!config || typeof config.tenantId !== 'string' || !currentUser || !team || typeof team.id !== 'string') {
    throw new Error('the playground config has no tenant, current user or team');
  }
  const users = (Array.isArray(config.users) ? config.users : [])
    .map(person)
    .filter((p): p is PlaygroundPerson => p !== undefined);
  return { tenantId: config.tenantId, currentUser, users, team: { id: team.id, name: String(team.name ?? '') } };
}

export interface DemoResult {
  readonly schoolId: string;
  /** People of the team whose membership was already there or was recorded. */
  readonly members: readonly PlaygroundPerson[];
  /** People whose membership the roster did not bring and the script recorded itself. */
  readonly addedDirectly: readonly PlaygroundPerson[];
}

async function schoolInstalled(store: Store, schoolId: string): Promise<boolean> {
  const school = await store.read(schoolId, 'school', schoolId);
  return Boolean(school?.installed);
}

async function belongs(store: Store, tenantId: string, person: PlaygroundPerson, schoolId: string): Promise<boolean> {
  return (await schoolsOf(store, tenantPartitionFor(tenantId), person.aadObjectId)).includes(schoolId);
}

/** Poll (bounded) until `check` holds; false when it never did. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Whether the demo should seed: on, off, or (auto) only when the store has no school for the team yet. */
export async function demoWanted(choice: DemoChoice, store: Store, setup: PlaygroundSetup): Promise<boolean> {
  if (choice !== 'auto') return choice === 'on';
  return !(await schoolInstalled(store, schoolIdFor(setup.tenantId.toLowerCase(), setup.team.id)));
}

/**
 * Install Tweetal in the playground's team through the playground itself, then wait until the
 * bot stored the school and the memberships of everyone in the team. When the roster reading
 * left someone out, record their membership directly (addMembership), so the 1:1 chat finds
 * the school anyway. Idempotent: the bot's install and memberships are create-if-absent.
 */
export async function seedDemoSchool(options: {
  playgroundUrl: string;
  store: Store;
  setup: PlaygroundSetup;
  timeoutMs?: number;
  now?: () => DateTime;
}): Promise<DemoResult> {
  const { playgroundUrl, store, setup } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const tenantId = setup.tenantId.toLowerCase();
  const schoolId = schoolIdFor(tenantId, setup.team.id);
  const people = [setup.currentUser, ...setup.users];
  // What the playground's page sends when the team's General channel (conversation id = team id) is opened.
  const answer = await fetch(`${playgroundUrl}/_debug/conversation/${encodeURIComponent(setup.team.id)}/installation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(10_000),
  });
  if (!answer.ok) throw new Error(`the playground did not install Tweetal in its team (HTTP ${answer.status})`);
  if (!(await eventually(() => schoolInstalled(store, schoolId), timeoutMs))) {
    throw new Error(`Tweetal did not store the school of the team "${setup.team.name}" within ${timeoutMs} ms`);
  }
  const allIn = async (): Promise<boolean> =>
    (await Promise.all(people.map((p) => belongs(store, tenantId, p, schoolId)))).every(Boolean);
  await eventually(allIn, Math.min(timeoutMs, 5000));
  const addedDirectly: PlaygroundPerson[] = [];
  for (const person of people) {
    if (await belongs(store, tenantId, person, schoolId)) continue;
    await addMembership(
      store,
      tenantPartitionFor(tenantId),
      tenantId,
      person.aadObjectId,
      schoolId,
      (options.now ?? (() => DateTime.utc()))(),
    );
    addedDirectly.push(person);
  }
  return { schoolId, members: people, addedDirectly };
}

function demoSummary(result: DemoResult, setup: PlaygroundSetup, locale: Locale): string {
  const nl = locale === 'nl';
  const direct =
    result.addedDirectly.length > 0
      ? ` (the roster missed ${result.addedDirectly.map((p) => p.name).join(', ')}; recorded directly)`
      : '';
  return (
    `Demo: Tweetal was added to the playground's team "${setup.team.name}" (as when you open its General channel); --no-demo skips this.\n` +
    `  School ${result.schoolId}: ${result.members.length} members${direct}: ${result.members.map((p) => p.name).join(', ')}.\n` +
    `  In the Personal Chat, as ${setup.currentUser.name}: "${nl ? 'traject' : 'programme'}" sets up a programme (you become its leader), ` +
    `"${nl ? 'tweetallen' : 'pairs'}" composes the pairs (as leader you take part only when you give yourself a group number there), ` +
    `then "${nl ? 'plannen' : 'plan'}" plans a visit.\n`
  );
}

export interface LocaleProxy {
  /** Base URL of the proxy (http://127.0.0.1:<port>); POST <url>/api/messages reaches the bot. */
  readonly url: string;
  close(): Promise<void>;
}

/** Set the language of an incoming activity (its `locale` and the clientInfo entity's). */
export function withLocale(activity: unknown, tag: string): unknown {
  if (!activity || typeof activity !== 'object' || Array.isArray(activity)) return activity;
  const copy: Record<string, unknown> = { ...(activity as Record<string, unknown>), locale: tag };
  if (Array.isArray(copy.entities)) {
    copy.entities = copy.entities.map((entity: unknown) =>
      entity && typeof entity === 'object' && (entity as { type?: unknown }).type === 'clientInfo'
        ? { ...(entity as object), locale: tag }
        : entity,
    );
  }
  return copy;
}

/**
 * A loopback proxy in front of the bot that tells it the user's language: the M365 Agents
 * Playground always sends locale "en-US". Everything else (headers, status, the invoke
 * response body) passes through unchanged.
 */
export async function startLocaleProxy(botUrl: string, locale: Locale): Promise<LocaleProxy> {
  const tag = LOCALE_TAGS[locale];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      void (async () => {
        let body = Buffer.concat(chunks).toString('utf8');
        if (size <= MAX_BODY_BYTES) {
          try {
            body = JSON.stringify(withLocale(JSON.parse(body), tag));
          } catch {
            /* not JSON: pass it on as it came */
          }
        }
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'authorization']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        try {
          const answer = await fetch(`${botUrl}${request.url ?? '/'}`, {
            method: request.method ?? 'POST',
            headers,
            ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
            signal: AbortSignal.timeout(30_000),
          });
          const text = await answer.text();
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          response.end(text);
        } catch {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end('Tweetal did not answer');
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The playground CLI as a child in its own process group, so stopping it stops its children too. */
function spawnPlayground(botUrl: string, port: number): ChildProcess {
  const cli = path.join(projectRoot(), 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  return spawn(process.execPath, [cli, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'], {
    // The environment is passed through as is (M365_AGENTS_PLAYGROUND_CONFIG_PATH among it); never open a browser.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Seed the demo school when wanted; the lines to print (a failure is reported, never fatal). */
async function prepareDemo(choice: DemoChoice, playgroundUrl: string, store: Store, locale: Locale): Promise<string> {
  if (choice === 'off') return '';
  try {
    const setup = await readPlaygroundSetup(playgroundUrl);
    if (!(await demoWanted(choice, store, setup))) {
      return `Demo: the store already knows the team "${setup.team.name}", so nothing was seeded (--demo installs again; it changes nothing that exists).\n`;
    }
    return demoSummary(await seedDemoSchool({ playgroundUrl, store, setup }), setup, locale);
  } catch (error) {
    return `Demo: no demo school (${(error as Error).message}). Open the team's General channel in the playground to add Tweetal to the team.\n`;
  }
}

async function main(): Promise<void> {
  const config: Config = loadConfigOrExit();
  const argv = process.argv.slice(2);
  let port: number;
  let locale: Locale;
  let demo: DemoChoice;
  try {
    port = playgroundPort(argv);
    locale = chosenLocale(argv, config.defaultLocale);
    demo = demoChoice(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.bot.appId) {
    process.stdout.write(
      'Note: MicrosoftAppId is set, so the bot expects Bot Framework tokens the playground does not send.\n' +
        'For the playground, run without MicrosoftAppId (local development).\n',
    );
  }

  const service: RunningService = await startService(config);
  // The playground calls the bot on the loopback interface, whatever HOST the bot listens on.
  const botUrl = `http://127.0.0.1:${new URL(service.url).port}`;
  const proxy = await startLocaleProxy(botUrl, locale);
  const child = spawnPlayground(proxy.url, port);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stopGroup(child, 'SIGTERM');
    const gone = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref()),
    ]);
    if (!gone) stopGroup(child, 'SIGKILL');
    await proxy.close().catch(() => undefined);
    await service.close().catch(() => undefined);
    process.exit(code);
  };

  let announced = false;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    // The playground prints "Listening on <port>" (another port when the asked one is taken).
    const match = /Listening on (\d+)/.exec(chunk);
    if (match && !announced) {
      announced = true;
      const playgroundUrl = `http://127.0.0.1:${match[1]}`;
      void (async () => {
        const demoText = await prepareDemo(demo, playgroundUrl, service.services.store, locale);
        if (stopping) return;
        process.stdout.write(
          `\nTweetal is running at ${botUrl}/api/messages\n` +
            demoText +
            `Open the Microsoft 365 Agents Playground: ${playgroundUrl}/\n` +
            `Tweetal speaks ${locale === 'nl' ? 'Dutch (--locale en for English)' : 'English (--locale nl for Dutch)'}. ` +
            `Type "${locale === 'nl' ? 'hulp' : 'help'}" to start. Press Ctrl-C to stop.\n\n`,
        );
      })();
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => process.stderr.write(`[playground] ${chunk}`));
  child.once('error', (error) => {
    process.stderr.write(`The playground could not start: ${error.message}\n`);
    void stop(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`The playground stopped (${signal ?? `exit code ${code}`}).\n`);
    void stop(code === 0 ? 0 : 1);
  });

  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The playground could not start: ${(error as Error)?.message ?? error}\n`);
    process.exit(1);
  });
}
