import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Which packages and folders src/domain and src/app may import is checked by dependency-cruiser
// (test/architecture/layers.test.ts). This test checks what an import graph cannot show: the
// environment and the clock read directly.
const IMPURE = /process\.env|Date\.now\(|new Date\(\)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

export function impurities(files: string[]): string[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        IMPURE.test(line) ? [`${path.relative(process.cwd(), file)}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('architecture: src/domain and src/app stay pure', () => {
  it('should find no environment or clock access in src/domain and src/app', () => {
    const files = ['src/domain', 'src/app'].filter((dir) => fs.existsSync(dir)).flatMap(sourceFiles);
    assert.ok(files.length > 0, 'expected source files in src/domain');
    assert.deepEqual(impurities(files), []);
  });

  it('should flag a file that reads the clock or the environment', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'purity-'));
    const bad = path.join(dir, 'bad.ts');
    fs.writeFileSync(bad, 'const t = Date.now();\nconst e = process.env.X;\nconst d = new Date();\n');
    assert.equal(impurities([bad]).length, 3);
  });
});
