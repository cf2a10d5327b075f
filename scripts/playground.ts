/**
 * `npm run playground`: chat with Tweetal in a browser, without a Microsoft 365 tenant.
 *
 * Starts the bot in this process (config from the environment, as `npm start` does) and the
 * Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, offline, Teams channel) as a
 * child process pointed at the bot's /api/messages, then prints the address to open.
 * Ctrl-C stops both.
 *
 * Options: --playground-port <n> (default 56150; the playground picks a free one when taken).
 * The playground reads its mock tenant, users and chats from .m365agentsplayground.yml in the
 * working folder, or from the file named by M365_AGENTS_PLAYGROUND_CONFIG_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfigFromProcess, type Config } from '../src/config';
import { startService, type RunningService } from '../src/service';
import { projectRoot } from '../src/project-root';

const DEFAULT_PLAYGROUND_PORT = 56150;
const STOP_GRACE_MS = 3000;

function playgroundPort(argv: readonly string[]): number {
  const index = argv.indexOf('--playground-port');
  if (index === -1) return DEFAULT_PLAYGROUND_PORT;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`--playground-port must be a port number from 1 to 65535 (got ${JSON.stringify(argv[index + 1])})`);
  }
  return value;
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
  const port = playgroundPort(process.argv.slice(2));
  if (config.bot.appId) {
    process.stdout.write(
      'Note: MicrosoftAppId is set, so the bot expects Bot Framework tokens the playground does not send.\n' +
        'For the playground, run without MicrosoftAppId (local development).\n',
    );
  }

  const service: RunningService = await startService(config);
  // The playground calls the bot on the loopback interface, whatever HOST the bot listens on.
  const botUrl = `http://127.0.0.1:${new URL(service.url).port}`;
  const child = spawnPlayground(botUrl, port);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    stopGroup(child, 'SIGTERM');
    const killTimer = setTimeout(() => stopGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    killTimer.unref();
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
          'Type "hulp" (or "help") to start. Press Ctrl-C to stop.\n\n',
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

main().catch((error: unknown) => {
  process.stderr.write(`The playground could not start: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
