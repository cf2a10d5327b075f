/**
 * Writes the personal tab (index.html, tab.css and the esbuild bundle tab.js) to dist/tab/, so
 * a production server serves prebuilt files without esbuild. Run after tsc:
 *   tsc -p tsconfig.json && node dist/scripts/build-tab.js      (or: tsx scripts/build-tab.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleTab, TAB_ASSET_NAMES, tabDistDir } from '../src/tab/build';

async function main(): Promise<void> {
  const assets = await bundleTab({ minify: true });
  const dir = tabDistDir();
  fs.mkdirSync(dir, { recursive: true });
  for (const name of TAB_ASSET_NAMES) fs.writeFileSync(path.join(dir, name), assets[name]);
  process.stdout.write(
    `tab written to ${path.relative(process.cwd(), dir) || dir} (tab.js ${Math.round(assets['tab.js'].length / 1024)} KB)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`could not build the tab: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
