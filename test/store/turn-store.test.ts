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
import { TurnStore } from '../../src/store/turn-store';
import { buildMembership, buildPersonReference, buildVisit } from './builders';

/** The store underneath, counting what reaches it. */
class CountedStore extends SqliteStore {
  reads = 0;
  partitionReads = 0;
  failNextRead = false;

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
