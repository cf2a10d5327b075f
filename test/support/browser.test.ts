import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBrowser } from './browser';

describe('browser discovery for the browser tests', () => {
  let dir: string;
  const executable = (name: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-browser-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should use CHROMIUM_PATH when it is set, before any system browser', async () => {
    const given = executable('my-chrome');
    const found = await findBrowser({ env: { CHROMIUM_PATH: given }, systemPaths: [executable('chromium')] });
    assert.equal(found.source, 'CHROMIUM_PATH');
    assert.equal(found.executablePath, given);
  });

  it('should fail naming CHROMIUM_PATH when it points at no executable', async () => {
    const missing = path.join(dir, 'nothing-here');
    await assert.rejects(
      findBrowser({ env: { CHROMIUM_PATH: missing }, systemPaths: [executable('chromium')] }),
      (error: Error) => error.message.includes('CHROMIUM_PATH') && error.message.includes(missing),
    );
  });

  it('should take the first system browser that exists when CHROMIUM_PATH is not set', async () => {
    const chrome = executable('google-chrome');
    const found = await findBrowser({ env: {}, systemPaths: [path.join(dir, 'chromium'), chrome] });
    assert.equal(found.source, 'system');
    assert.equal(found.executablePath, chrome);
  });

  it('should skip a system path that is not executable', async () => {
    const plain = path.join(dir, 'chromium');
    fs.writeFileSync(plain, 'not a program', { mode: 0o644 });
    const chrome = executable('google-chrome');
    const found = await findBrowser({ env: {}, systemPaths: [plain, chrome] });
    assert.equal(found.executablePath, chrome);
  });
});
