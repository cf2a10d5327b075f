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
 * The playground reads its mock tenant, users and chats from .m365agentsplayground.yml in the
 * working folder, or from the file named by M365_AGENTS_PLAYGROUND_CONFIG_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ConfigError, loadConfigFromProcess, type Config, type Locale } from '../src/config';
import { startService, type RunningService } from '../src/service';
import { projectRoot } from '../src/project-root';

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
      entity && typeof entity === 'object' && (entity as { type?: unknown }).type === 'clientInfo' ? { ...(entity as object), locale: tag } : entity,
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

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const argv = process.argv.slice(2);
  let port: number;
  let locale: Locale;
  try {
    port = playgroundPort(argv);
    locale = chosenLocale(argv, config.defaultLocale);
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
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stopGroup(child, 'SIGTERM');
    const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref())]);
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
      process.stdout.write(
        `\nTweetal is running at ${botUrl}/api/messages\n` +
          `Open the Microsoft 365 Agents Playground: http://127.0.0.1:${match[1]}/\n` +
          `Tweetal speaks ${locale === 'nl' ? 'Dutch (--locale en for English)' : 'English (--locale nl for Dutch)'}. ` +
          `Type "${locale === 'nl' ? 'hulp' : 'help'}" to start. Press Ctrl-C to stop.\n\n`,
      );
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
