/**
 * Builds the tab's browser bundle from src/tab/client/main.ts with esbuild, in memory. The
 * server serves it (built once per process) and scripts/build-tab.ts writes it to dist/tab/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

export interface TabAssets {
  readonly 'index.html': string;
  readonly 'tab.css': string;
  readonly 'tab.js': string;
}

export const TAB_ASSET_NAMES = ['index.html', 'tab.css', 'tab.js'] as const;

export const tabSourceDir = (): string => path.join(projectRoot(), 'src', 'tab');
export const tabDistDir = (): string => path.join(projectRoot(), 'dist', 'tab');

export async function bundleTab(options: { minify?: boolean } = {}): Promise<TabAssets> {
  const source = tabSourceDir();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(source, 'client', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: options.minify ?? false,
    legalComments: 'none',
    logLevel: 'silent',
    outfile: 'tab.js',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no tab.js');
  return {
    'index.html': fs.readFileSync(path.join(source, 'index.html'), 'utf8'),
    'tab.css': fs.readFileSync(path.join(source, 'tab.css'), 'utf8'),
    'tab.js': js.text,
  };
}

/** The prebuilt assets in dist/tab/, or undefined when they are not (all) there. */
export function readPrebuiltTab(dir = tabDistDir()): TabAssets | undefined {
  if (!TAB_ASSET_NAMES.every((name) => fs.existsSync(path.join(dir, name)))) return undefined;
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return { 'index.html': read('index.html'), 'tab.css': read('tab.css'), 'tab.js': read('tab.js') };
}
