/**
 * The browser the browser tests drive (playwright-core never downloads one). In this order:
 * 1. the `CHROMIUM_PATH` environment variable (any Chromium or Chrome; an error if it is missing),
 * 2. a system Chromium or Chrome at the usual paths (Debian's /usr/bin/chromium, …),
 * 3. the headless Chromium shipped inside the `@sparticuz/chromium` devDependency, unpacked once
 *    per version into the temp folder (Linux x64 only).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import packagedChromium from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

export const SYSTEM_BROWSERS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Flags for any Chromium in a test: no sandbox (containers run as root), nothing fetched from Google. */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface FoundBrowser {
  readonly source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  readonly executablePath: string;
  /** Chromium flags for this browser. */
  readonly args: readonly string[];
  /** Environment the browser needs on top of the caller's (fontconfig for the packaged one). */
  readonly env: Readonly<Record<string, string>>;
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly systemPaths?: readonly string[];
  /** Where the packaged Chromium is unpacked (default: the temp folder). */
  readonly unpackRoot?: string;
}

let packaged: Promise<FoundBrowser> | undefined;

/** The browser to use, by the order above. */
export async function findBrowser(options: FindOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const given = env.CHROMIUM_PATH?.trim();
  if (given) {
    if (!isExecutable(given)) throw new Error(`CHROMIUM_PATH is set to ${given}, which is not an executable file`);
    return { source: 'CHROMIUM_PATH', executablePath: given, args: [...COMMON_ARGS, '--disable-gpu'], env: {} };
  }
  const system = (options.systemPaths ?? SYSTEM_BROWSERS).find(isExecutable);
  if (system) return { source: 'system', executablePath: system, args: [...COMMON_ARGS, '--disable-gpu'], env: {} };
  if (options.unpackRoot) return unpackPackagedChromium(options.unpackRoot);
  packaged ??= unpackPackagedChromium(os.tmpdir());
  return packaged;
}

/** playwright-core's launch with the found browser, headless; `options` may add env, timeout, …. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const found = await findBrowser();
  return chromium.launch({
    ...options,
    executablePath: found.executablePath,
    headless: true,
    args: [...found.args, ...(options.args ?? [])],
    env: { ...(options.env ?? process.env), ...found.env },
  });
}

/** playwright-core's persistent context (a profile folder) with the found browser, headless. */
export async function launchPersistentBrowser(
  profileDir: string,
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<BrowserContext> {
  const found = await findBrowser();
  return chromium.launchPersistentContext(profileDir, {
    ...options,
    executablePath: found.executablePath,
    headless: true,
    args: [...found.args, ...(options.args ?? [])],
    env: { ...(options.env ?? process.env), ...found.env },
  });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * @sparticuz/chromium unpacks into os.tmpdir() itself and treats a file that exists as complete,
 * so parallel test processes could start a half-written binary. Each process unpacks into its own
 * staging folder (a child process with TMPDIR pointing there), then renames it into place: the
 * rename is atomic, the first one wins and the others drop their copy.
 */
async function unpackPackagedChromium(root: string): Promise<FoundBrowser> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `no Chromium or Chrome found (looked at CHROMIUM_PATH and ${SYSTEM_BROWSERS.join(', ')}), and ` +
        `@sparticuz/chromium only ships one for Linux x64: install Chromium or set CHROMIUM_PATH`,
    );
  }
  // Its entry is build/cjs/index.cjs; package.json is not among its exports.
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = path.join(root, `tweetal-chromium-${version}`);
  const found = (): FoundBrowser => ({
    source: '@sparticuz/chromium',
    executablePath: path.join(target, 'chromium'),
    // Its own flags: headless shell, single process, SwiftShader for WebGL.
    args: [...new Set([...packagedChromium.args, ...COMMON_ARGS])],
    env: { FONTCONFIG_PATH: path.join(target, 'fonts') },
  });
  if (fs.existsSync(path.join(target, 'complete'))) return found();

  const staging = path.join(root, `tweetal-chromium-${version}.${process.pid}.${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      env: { ...process.env, TMPDIR: staging },
      timeout: 120_000,
    });
    if (path.resolve(stdout) !== path.join(staging, 'chromium')) {
      throw new Error(`@sparticuz/chromium unpacked to ${stdout}, expected ${path.join(staging, 'chromium')}`);
    }
    // Its fonts.conf names /tmp/fonts; point it at this folder.
    fs.writeFileSync(
      path.join(staging, 'fonts', 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${path.join(target, 'fonts')}</dir>\n  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>\n` +
        `</fontconfig>\n`,
    );
    fs.writeFileSync(path.join(staging, 'complete'), `${version}\n`);
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      // Another process put its copy in place first.
      if (!fs.existsSync(path.join(target, 'complete'))) throw error;
    }
    return found();
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
