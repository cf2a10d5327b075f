/**
 * The layer rules of DESIGN.md section 4 (.dependency-cruiser.cjs), checked on src/ by
 * dependency-cruiser. A failure names the rule and the import: `rule: from → to`.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/project-root';

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
}

interface CruiseResult {
  readonly summary: { readonly violations: readonly Violation[]; readonly totalCruised: number };
}

const CONFIG = '.dependency-cruiser.cjs';

async function cruise(...targets: string[]): Promise<CruiseResult> {
  const root = projectRoot();
  const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, ...targets, '--config', CONFIG, '--output-type', 'json', '--progress', 'none'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => {
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return JSON.parse(stdout) as CruiseResult;
}

describe('architecture: the layer rules (dependency-cruiser)', function () {
  this.timeout(120_000);

  it('should find no import that breaks a layer rule when src/ is cruised', async () => {
    const { summary } = await cruise('src');
    assert.ok(summary.totalCruised > 100, `expected the whole of src/ to be cruised, got ${summary.totalCruised}`);
    const broken = summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(broken, [], `layer rules broken (see .dependency-cruiser.cjs):\n${broken.join('\n')}`);
  });
});
