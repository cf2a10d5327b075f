/**
 * Harness for browser end-to-end tests in the Microsoft 365 Agents Playground: mock tenant config
 * files, playground processes (each in its own process group, stopped with the group), and a
 * headless Chromium (test/support/browser.ts) driven by playwright-core with its home and profile in a temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { projectRoot } from '../../src/project-root';

export interface PlaygroundUser {
  /** Channel account id (the 29:… id in Teams). */
  readonly id: string;
  readonly name: string;
  /** Entra object id: Tweetal's user id. */
  readonly aadObjectId: string;
}

export interface PlaygroundTenant {
  readonly tenantId: string;
  readonly botId: string;
  readonly botName: string;
  readonly teamId: string;
  readonly teamName: string;
}

const quote = (value: string): string => JSON.stringify(value);

function userYaml(user: PlaygroundUser, indent: string): string {
  const [given = user.name, ...rest] = user.name.split(' ');
  const mail = `${user.id.replace(/[^A-Za-z0-9.-]/g, '')}@example.org`;
  return [
    `id: ${quote(user.id)}`,
    `name: ${quote(user.name)}`,
    `userPrincipleName: ${quote(mail)}`,
    `aadObjectId: ${quote(user.aadObjectId)}`,
    `givenName: ${quote(given)}`,
    `surname: ${quote(rest.join(' ') || given)}`,
    `email: ${quote(mail)}`,
  ]
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join('\n');
}

/**
 * The playground's config file (schema 0.1.1): `currentUser` is the person at this browser;
 * `others` must be exactly five people (the playground's schema says so).
 */
export function playgroundConfigYaml(
  tenant: PlaygroundTenant,
  currentUser: PlaygroundUser,
  others: readonly PlaygroundUser[],
  personalChatId: string,
): string {
  if (others.length !== 5) throw new Error(`the playground needs exactly 5 other users (got ${others.length})`);
  return [
    'version: "0.1.1"',
    `tenantId: ${quote(tenant.tenantId)}`,
    'bot:',
    `  id: ${quote(tenant.botId)}`,
    `  name: ${quote(tenant.botName)}`,
    `currentUser:`,
    `  ${userYaml(currentUser, '  ')}`,
    'users:',
    ...others.map((user) => `  - ${userYaml(user, '    ')}`),
    'personalChat:',
    `  id: ${quote(personalChatId)}`,
    'groupChat:',
    `  id: ${quote(`group-chat-${personalChatId}`)}`,
    '  name: "Sectie"',
    'team:',
    `  id: ${quote(tenant.teamId)}`,
    `  name: ${quote(tenant.teamName)}`,
    '  aadGroupId: "00000000-0000-0000-0000-000000000031"',
    '  channels:',
    `    - id: ${quote(`${tenant.teamId}-coaching`)}`,
    '      name: "Coaching"',
    '',
  ].join('\n');
}

export interface RunningPlayground {
  readonly url: string;
  readonly port: number;
  /** What the playground printed (stdout and stderr), for failure messages. */
  readonly output: string[];
  stop(): Promise<void>;
}

const PLAYGROUND_CLI = (): string =>
  path.join(projectRoot(), 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Start one playground on a free port against `endpoint` (the bot's /api/messages), reading
 * `configPath`, working in `workDir` (it writes devTools/ logs there). Resolves once it listens.
 */
export async function startPlayground(options: {
  endpoint: string;
  configPath: string;
  workDir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<RunningPlayground> {
  const child = spawn(
    process.execPath,
    [PLAYGROUND_CLI(), '-e', options.endpoint, '-c', 'msteams', '-p', '0', '--dt'],
    {
      cwd: options.workDir,
      env: { ...options.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    stopGroup(child, 'SIGTERM');
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
    ]);
    if (!killed) {
      stopGroup(child, 'SIGKILL');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`the playground did not start within ${options.timeoutMs ?? 20_000} ms:\n${output.join('')}`),
          ),
        options.timeoutMs ?? 20_000,
      );
      child.stdout!.setEncoding('utf8');
      child.stderr!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        output.push(chunk);
        const match = /Listening on (\d+)/.exec(output.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.stderr!.on('data', (chunk: string) => output.push(chunk));
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the playground exited (${signal ?? code}) before it listened:\n${output.join('')}`));
      });
    });
    return { url: `http://127.0.0.1:${port}/`, port, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Headless Chromium (test/support/browser.ts) with HOME and XDG folders inside `dir` (playwright gives it a fresh profile). */
export async function launchChromium(dir: string): Promise<Browser> {
  const home = path.join(dir, 'home');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_RUNTIME_DIR: path.join(home, 'run'),
  };
  for (const folder of Object.values(env).slice(1)) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return launchBrowser({ env, timeout: 30_000 });
}
