import { strict as assert } from 'node:assert';
import { runDigestBench } from '../../bench/digest';

describe('bench/digest.ts (small size)', () => {
  it('should report time, peak memory and store operations per school, sending one digest per school', async () => {
    const result = await runDigestBench({ schools: 3, teachers: 8 });
    assert.equal(result.schools, 3);
    assert.equal(result.pairs, 12);
    assert.equal(result.digestsSent, 3);
    assert.ok(result.runMs > 0 && result.peakHeapMB > 0 && result.maxRssMB > 0);
    // One queryAllSchools; per school ONE read of its partition, the people of its tenant (one
    // tenant per school here), and the writes idempotency needs: snapshot, digest record, outcome.
    assert.equal(result.storeOps.readPartition, 3, 'one partition read per school');
    assert.equal(result.storeOps.read ?? 0, 0, 'no point reads');
    assert.equal(result.storeOps.query, 3, 'one people query per tenant');
    assert.equal(result.storeOps.create, 6, 'a snapshot and a digest record per school');
    assert.equal(result.storeOps.replace, 3, "the digest's outcome per school");
  });
});
