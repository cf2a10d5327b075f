import { strict as assert } from 'node:assert';
import { runDigestBench } from '../../bench/digest';

describe('bench/digest.ts (small size)', () => {
  it('should report time, peak memory and store operations per school, sending one digest per school', async () => {
    const result = await runDigestBench({ schools: 3, teachers: 8 });
    assert.equal(result.schools, 3);
    assert.equal(result.pairs, 12);
    assert.equal(result.digestsSent, 3);
    assert.ok(result.runMs > 0 && result.peakHeapMB > 0 && result.maxRssMB > 0);
    // One queryAllSchools, then per school: programmes, pairs, cycles, visits, profiles, people, previous snapshot, digest record, snapshot + record writes.
    assert.ok(result.storeOpsPerSchool <= 12, `store operations per school: ${result.storeOpsPerSchool}`);
  });
});
