import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { PersonReference } from '../../src/domain/entities';
import { SqliteStore } from '../../src/store/sqlite-store';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { MAX_TENANTS, storePersonDirectory } from '../../src/teams/person-directory';

describe('storePersonDirectory', () => {
  let store: SqliteStore;

  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.init();
  });

  afterEach(() => store.close());

  const reference = (tenantId: string, userId: string): PersonReference => ({
    type: 'personReference',
    id: personReferenceId(userId),
    schoolId: tenantPartitionFor(tenantId),
    personIds: [userId],
    userId,
    tenantId,
    name: `Leraar ${userId}`,
    locale: 'nl',
    reference: { conversation: { id: `a:${userId}` } },
    reachable: true,
    updatedAt: '2026-01-10T10:00:00.000Z',
  });

  it('should read a tenant once while it is among the tenants used last, and answer only the people asked for', async () => {
    await store.create(reference('tenant-a', 'a1'));
    await store.create(reference('tenant-a', 'a2'));
    const reads = sinon.spy(store, 'readPartition');
    const directory = storePersonDirectory(store);
    const first = await directory.people('tenant-a', ['a2', 'unknown']);
    const again = await directory.people('tenant-a', ['a1', 'a2']);
    assert.deepEqual([...first.keys()], ['a2']);
    assert.deepEqual([...again.keys()].sort(), ['a1', 'a2']);
    assert.equal(again.get('a1')?.name, 'Leraar a1');
    assert.equal(reads.callCount, 1);
  });

  it('should keep the people of at most MAX_TENANTS tenants, reading one again after as many others were used', async () => {
    const tenants = Array.from({ length: MAX_TENANTS + 1 }, (_, i) => `tenant-${i}`);
    for (const tenantId of tenants) await store.create(reference(tenantId, `${tenantId}-t1`));
    const reads = sinon.spy(store, 'readPartition');
    const directory = storePersonDirectory(store);
    for (const tenantId of tenants.slice(0, MAX_TENANTS)) await directory.people(tenantId, [`${tenantId}-t1`]);
    // tenant-0 used again: the most recent now, so tenant-1 is the one let go for the next tenant.
    await directory.people('tenant-0', ['tenant-0-t1']);
    assert.equal(reads.callCount, MAX_TENANTS);
    await directory.people(tenants[MAX_TENANTS]!, [`${tenants[MAX_TENANTS]}-t1`]);
    assert.equal(reads.callCount, MAX_TENANTS + 1);
    await directory.people('tenant-0', ['tenant-0-t1']);
    assert.equal(reads.callCount, MAX_TENANTS + 1, 'tenant-0 is still kept');
    const back = await directory.people('tenant-1', ['tenant-1-t1']);
    assert.equal(reads.callCount, MAX_TENANTS + 2, 'tenant-1 was let go and is read again');
    assert.equal(back.get('tenant-1-t1')?.reachable, true);
  });
});
