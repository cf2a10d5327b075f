// Mocha's configuration. The whole suite (test/**/*.test.ts) runs only when no test files are
// named: mocha adds a config file's `spec` to the files given on the command line, so with a
// fixed `spec` here `npx mocha test/a.test.ts` would run everything.
'use strict';
const named = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /\.test\.ts$|^test(\/|$)/.test(arg));

module.exports = {
  require: ['tsx/cjs', 'test/support/setup.ts'],
  spec: named ? [] : ['test/**/*.test.ts'],
  extension: ['ts'],
  timeout: 30000,
  reporter: 'test/support/summary-reporter.js',
  exit: true,
};
