// Mocha's spec reporter, plus the plain closing line CI reads: "N passed, N failed".
// The same line is written to .test-results/summary.txt so .ci/run can print it last.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures } = runner.stats ?? { passes: 0, failures: 0 };
      const line = `${passes} passed, ${failures} failed`;
      const dir = path.resolve('.test-results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'summary.txt'), line + '\n');
      process.stdout.write(`\n${line}\n`);
    });
  }
}

module.exports = SummaryReporter;
