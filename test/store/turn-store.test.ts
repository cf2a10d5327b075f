import { strict as assert } from 'node:assert';
import type { DocumentType } from '../../src/domain/entities';
import { SqliteStore } from '../../src/store/sqlite-store';
import {
  readModifyWrite,
  StoreError,
  type DocOf,
  type PartitionRead,
  type PartitionSelection,
  type Stored,
} from '../../src/store/store';
import { READ_PLAN_LIMITS, TurnStore, type ReadPlan } from '../../src/store/turn-store';
import { buildCycle, buildMembership, buildPair, buildPersonReference, buildVisit } from './builders';

/** The store underneath, counting what reaches it. */
class CountedStore extends SqliteStore {
  reads = 0;
  partitionReads = 0;
  failNextRead = false;
  /** The next this many partition reads fail. */
  failPartitionReads = 0;

  override async read<K extends DocumentType>(
    schoolId: string,
    type: K,
    id: string,
  ): Promise<Stored<DocOf<K>> | undefined> {
    this.reads++;
    if (this.failNextRead) {
      this.failNextRead = false;
      throw new StoreError('unavailable', 'the store is away');
    }
    return super.read(schoolId, type, id);
  }

  override async readPartition<K extends DocumentType>(
    schoolId: string,
    selections: readonly PartitionSelection<K>[],
  ): Promise<PartitionRead<K>> {
    this.partitionReads++;
    if (this.failPartitionReads > 0) {
      this.failPartitionReads--;
      throw new StoreError('unavailable', 'the store is away');
    }
    return super.readPartition(schoolId, selections);
  }
}

describe('TurnStore (a document read once per turn)', () => {
  let inner: CountedStore;
  let turn: TurnStore;

  beforeEach(async () => {
    inner = new CountedStore(':memory:');
    await inner.init();
    await inner.create(buildVisit({ id: 'v1' }));
    await inner.create(buildMembership({ schoolId: 'tenant-t', id: 'member-anna', userId: 'anna' }));
    await inner.create(buildPersonReference({ schoolId: 'tenant-t', id: 'ref-anna' }));
    turn = new TurnStore(inner);
  });

  afterEach(async () => {
    await inner.close();
  });

  it('should read a document from the store once when a turn reads it twice', async () => {
    const first = await turn.read('school-a', 'visit', 'v1');
    const second = await turn.read('school-a', 'visit', 'v1');
    assert.equal(inner.reads, 1);
    assert.deepEqual(second, first);
    assert.equal(await turn.read('school-a', 'visit', 'absent'), undefined);
    assert.equal(await turn.read('school-a', 'visit', 'absent'), undefined);
    assert.equal(inner.reads, 2, 'an absent document should be asked for once too');
  });

  it('should answer the reads of prefetched documents, found and absent, from one partition read', async () => {
    await turn.prefetch('tenant-t', [
      { type: 'membership', id: 'member-anna' },
      { type: 'personReference', id: 'ref-anna' },
      { type: 'personReference', id: 'ref-nobody' },
    ]);
    assert.equal(inner.partitionReads, 1);
    assert.equal((await turn.read('tenant-t', 'membership', 'member-anna'))?.userId, 'anna');
    assert.equal((await turn.read('tenant-t', 'personReference', 'ref-anna'))?.userId, 'anna');
    assert.equal(await turn.read('tenant-t', 'personReference', 'ref-nobody'), undefined);
    assert.equal(inner.reads, 0);
    assert.equal(
      (await inner.read('tenant-t', 'membership', 'member-anna'))?.version,
      (await turn.read('tenant-t', 'membership', 'member-anna'))?.version,
      'a prefetched document should carry its stored version',
    );
  });

  it('should read a document of another type under the same id from the store', async () => {
    await turn.read('school-a', 'visit', 'v1');
    assert.equal(await turn.read('school-a', 'pair', 'v1'), undefined);
    assert.equal(inner.reads, 2);
  });

  it("should read what the turn wrote from the store again, with the write's version", async () => {
    const visit = (await turn.read('school-a', 'visit', 'v1'))!;
    const replaced = await turn.replace({ ...visit, lesson: '4C' });
    const again = await turn.read('school-a', 'visit', 'v1');
    assert.equal(again?.lesson, '4C');
    assert.equal(again?.version, replaced.version);
    await turn.delete('school-a', 'v1');
    assert.equal(await turn.read('school-a', 'visit', 'v1'), undefined);
  });

  it("should let readModifyWrite see another writer's version after a conflict", async () => {
    await turn.read('school-a', 'visit', 'v1');
    // Someone else (another instance) changes the visit after this turn read it.
    const stored = (await inner.read('school-a', 'visit', 'v1'))!;
    await inner.replace({ ...stored, lesson: 'by someone else' });
    let attempts = 0;
    const written = await readModifyWrite(turn, 'school-a', 'visit', 'v1', (current) => {
      attempts++;
      return current ? { ...current, focus: `${current.lesson}: questions` } : undefined;
    });
    assert.equal(attempts, 2, 'the remembered version should conflict once, then the current one be read');
    assert.equal(written?.focus, 'by someone else: questions');
    assert.equal((await inner.read('school-a', 'visit', 'v1'))?.lesson, 'by someone else');
  });

  it('should not remember a read that failed', async () => {
    inner.failNextRead = true;
    await assert.rejects(turn.read('school-a', 'visit', 'v1'), (error: unknown) => error instanceof StoreError);
    assert.equal((await turn.read('school-a', 'visit', 'v1'))?.id, 'v1');
  });

  it('should read everything from the store after the turn ended', async () => {
    await turn.read('school-a', 'visit', 'v1');
    turn.end();
    const stored = (await inner.read('school-a', 'visit', 'v1'))!;
    await inner.replace({ ...stored, lesson: 'later' });
    assert.equal((await turn.read('school-a', 'visit', 'v1'))?.lesson, 'later');
    await turn.prefetch('school-a', [{ type: 'visit', id: 'v1' }]);
    assert.equal(inner.partitionReads, 0, 'an ended turn prefetches nothing');
  });
});

describe('TurnStore read plans (what a turn read, read ahead at the next turn of its kind)', () => {
  let inner: CountedStore;
  const ofPair = (pairId: string): PartitionSelection<'cycle' | 'visit'>[] => [
    { type: 'cycle', where: { pairId } },
    { type: 'visit', where: { pairId } },
  ];
  const ofAnna: PartitionSelection<'pair'>[] = [{ type: 'pair', personId: 'anna', where: { status: 'active' } }];

  /** What a status-like turn reads: the person by id, their pair by person, the pair's cycles and visits. */
  async function statusLikeTurn(turn: TurnStore): Promise<{ pairIds: string[]; visitIds: string[] }> {
    await turn.read('tenant-t', 'membership', 'member-anna');
    const { pair } = await turn.readPartition('school-a', ofAnna);
    const { visit } = await turn.readPartition('school-a', ofPair(pair[0]!.id));
    return { pairIds: pair.map((p) => p.id), visitIds: visit.map((v) => v.id) };
  }

  async function planOfOneTurn(): Promise<ReadPlan> {
    const turn = new TurnStore(inner);
    await statusLikeTurn(turn);
    const plan = turn.readPlan();
    turn.end();
    return plan;
  }

  beforeEach(async () => {
    inner = new CountedStore(':memory:');
    await inner.init();
    await inner.create(buildMembership({ schoolId: 'tenant-t', id: 'member-anna', userId: 'anna' }));
    await inner.create(buildPair());
    await inner.create(buildCycle());
    await inner.create(buildVisit({ id: 'v1' }));
  });

  afterEach(async () => {
    await inner.close();
  });

  it('should note ids and selections per partition, and answer the next such turn from one read per partition', async () => {
    const plan = await planOfOneTurn();
    assert.deepEqual(
      plan.map((p) => [p.schoolId, p.wanted.length, p.selections.length]),
      [
        ['tenant-t', 1, 0],
        ['school-a', 0, 3],
      ],
    );
    assert.ok(!JSON.stringify(plan).includes('wiskunde'), "a plan holds ids and field values, never a document's text");
    inner.reads = 0;
    inner.partitionReads = 0;
    const turn = new TurnStore(inner);
    await turn.readAhead(plan);
    assert.equal(inner.partitionReads, 2, 'one read per partition');
    const seen = await statusLikeTurn(turn);
    assert.deepEqual(seen, { pairIds: ['pair-1'], visitIds: ['v1'] });
    assert.equal(inner.partitionReads + inner.reads, 2, 'the turn itself reads nothing more from the store');
    // Without a read ahead the same turn costs three reads.
    inner.partitionReads = 0;
    await statusLikeTurn(new TurnStore(inner));
    assert.equal(inner.partitionReads + inner.reads, 3);
  });

  it('should answer only a partition read that asks for exactly what was read ahead of each type', async () => {
    const turn = new TurnStore(inner);
    await turn.readAhead(await planOfOneTurn());
    inner.partitionReads = 0;
    // The visits alone: the read ahead of visits was by the same selection, so it answers.
    assert.deepEqual(
      (await turn.readPartition('school-a', [{ type: 'visit', where: { pairId: 'pair-1' } }])).visit.map((v) => v.id),
      ['v1'],
    );
    assert.equal(inner.partitionReads, 0);
    // Another pair, a narrower or a wider selection, another type: all from the store.
    await inner.create(buildVisit({ id: 'v2', pairId: 'pair-2', cycleId: 'cycle-2' }));
    const asked: PartitionSelection[][] = [
      ofPair('pair-2'),
      [{ type: 'visit', where: { pairId: 'pair-1', state: 'proposed' } }],
      [{ type: 'visit', where: { pairId: ['pair-1', 'pair-2'] } }],
      [...ofPair('pair-1'), { type: 'visit', where: { pairId: 'pair-2' } }],
      [{ type: 'visit' }],
      [{ type: 'pair', personId: 'bram', where: { status: 'active' } }],
    ];
    const found = [];
    for (const selections of asked)
      found.push(((await turn.readPartition('school-a', selections)) as any).visit?.length);
    assert.equal(inner.partitionReads, asked.length, 'each went to the store');
    assert.deepEqual(found, [1, 1, 2, 2, 2, undefined]);
  });

  it('should read the selections of a partition fresh after the turn wrote in it', async () => {
    const turn = new TurnStore(inner);
    await turn.readAhead(await planOfOneTurn());
    const stored = (await inner.read('school-a', 'visit', 'v1'))!;
    // The turn writes another document of the partition (a cycle): every selection there is read fresh.
    const cycle = (await turn.read('school-a', 'cycle', 'cycle-1'))!;
    await inner.replace({ ...stored, lesson: 'changed by the partner' });
    await turn.replace({ ...cycle, visitsCompleted: 1 });
    inner.partitionReads = 0;
    const { visit } = await turn.readPartition('school-a', ofPair('pair-1'));
    assert.equal(inner.partitionReads, 1);
    assert.equal(visit[0]!.lesson, 'changed by the partner');
    // The next such turn reads it all ahead again: what it writes, it reads fresh after.
    assert.deepEqual(
      turn
        .readPlan()
        .find((p) => p.schoolId === 'school-a')!
        .wanted.map((w) => w.id),
      ['cycle-1'],
    );
  });

  it('should read ahead what is stored now: a plan is the shape of the reads, not their answers', async () => {
    const plan = await planOfOneTurn();
    await inner.create(buildVisit({ id: 'v0' }));
    const turn = new TurnStore(inner);
    await turn.readAhead(plan);
    assert.deepEqual((await statusLikeTurn(turn)).visitIds, ['v0', 'v1']);
  });

  it('should not keep a read ahead that failed, and read nothing ahead after the turn ended', async () => {
    const plan = await planOfOneTurn();
    const turn = new TurnStore(inner);
    inner.failPartitionReads = 2;
    await turn.readAhead(plan);
    // The turn's own reads meet the store (working again) and are answered.
    inner.partitionReads = 0;
    assert.deepEqual(await statusLikeTurn(turn), { pairIds: ['pair-1'], visitIds: ['v1'] });
    assert.equal(inner.partitionReads, 2, 'the failed read ahead answered nothing');
    turn.end();
    inner.partitionReads = 0;
    await turn.readAhead(plan);
    assert.equal(inner.partitionReads, 0);
  });

  it('should bound a plan: partitions, ids and selections', async () => {
    const turn = new TurnStore(inner);
    for (let i = 0; i < READ_PLAN_LIMITS.partitions + 2; i++) await turn.read(`school-${i}`, 'visit', 'v1');
    for (let i = 0; i < READ_PLAN_LIMITS.wantedPerPartition + 5; i++) await turn.read('school-0', 'visit', `v${i}`);
    for (let i = 0; i < READ_PLAN_LIMITS.selectionsPerPartition + 5; i++)
      await turn.readPartition('school-0', [{ type: 'visit', where: { sequence: i } }]);
    const plan = turn.readPlan();
    assert.equal(plan.length, READ_PLAN_LIMITS.partitions);
    assert.equal(plan[0]!.wanted.length, READ_PLAN_LIMITS.wantedPerPartition);
    assert.equal(plan[0]!.selections.length, READ_PLAN_LIMITS.selectionsPerPartition);
  });
});
