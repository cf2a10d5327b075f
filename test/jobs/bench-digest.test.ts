import { strict as assert } from 'node:assert';
import { runDigestBench, type JobBenchLine } from '../../bench/digest';

describe('bench/digest.ts (small size)', () => {
  let lines: JobBenchLine[];

  before(async () => {
    lines = await runDigestBench({ schools: 3, teachers: 8, cosmosSchools: 2 });
  });

  const line = (bench: JobBenchLine['bench'], store: JobBenchLine['store']): JobBenchLine => {
    const found = lines.find((l) => l.bench === bench && l.store === store);
    assert.ok(found, `no ${bench} line for ${store}`);
    return found;
  };

  it('should report time, CPU, peak memory and store operations, sending one digest per school', () => {
    const digest = line('digest', 'sqlite');
    assert.equal(digest.schools, 3);
    assert.equal(digest.pairs, 12);
    assert.equal(digest.sent, 3);
    assert.ok(digest.runMs > 0 && digest.cpuMs > 0 && digest.peakHeapMB > 0 && digest.maxRssMB > 0);
  });

  for (const store of ['sqlite', 'cosmos'] as const) {
    it(`should read each school's partition with one query and write only what idempotency needs, on ${store}`, () => {
      const digest = line('digest', store);
      const schools = digest.schools;
      // Per school: ONE read of its partition, ONE read of its tenant's people (references and
      // roster names together; one tenant per school here), and the writes: the week's snapshot
      // with the pending digest record (one createEach: one commit on SQLite), then the
      // record's outcome.
      assert.deepEqual(digest.storeOps, {
        queryAllSchools: 1,
        'readPartition:school': schools,
        'readPartition:tenant': schools,
        'createEach:school': schools,
        'replace:school': schools,
      });
      assert.equal(digest.createEachDocuments, 2 * schools);
      assert.equal(digest.schoolReadQueriesPerSchool, 1);
      const nudges = line('nudges', store);
      assert.ok(nudges.sent > 0, 'the nudge run should send nudges');
      assert.equal(nudges.storeOps['readPartition:school'], schools, 'one partition read per school');
      assert.equal(nudges.storeOps['query:school'] ?? 0, 0, 'no other query of a school partition');
      assert.equal(nudges.storeOps['read:school'] ?? 0, 0, 'no point reads');
      assert.equal(nudges.schoolReadQueriesPerSchool, 1);
      // The nudges a school sends are claimed in one write, each outcome in its own.
      assert.equal(nudges.storeOps['createEach:school'], schools);
      assert.equal(nudges.storeOps['create:school'] ?? 0, 0);
      assert.equal(nudges.storeOps['replace:school'], nudges.sent);
    });
  }

  it('should run the nudges once more on a copy of the same data with the heap capped, sending the same', () => {
    const [first, capped] = lines.filter((l) => l.bench === 'nudges' && l.store === 'sqlite');
    assert.ok(first && capped, 'two nudge lines on SQLite');
    assert.equal(first.heapLimitMB, undefined);
    assert.equal(capped.heapLimitMB, 128);
    assert.equal(capped.sent, first.sent);
  });

  it('should count the HTTP requests per school on Cosmos DB', () => {
    const digest = line('digest', 'cosmos');
    // Per school: the partition query, the tenant's people, two creates and one replace; per run
    // the query of the installed schools. The SDK looks up a query plan before each query.
    const schools = digest.schools;
    assert.equal(Math.round(digest.httpRequestsPerSchool! * schools), 5 * schools + 1);
    assert.equal(Math.round(digest.queryPlanRequestsPerSchool! * schools), 2 * schools + 1);
  });
});
