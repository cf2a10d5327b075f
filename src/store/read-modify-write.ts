/**
 * Read, decide, write — again on a conflict. The one place that implements "never lose an
 * update" on top of the store's optimistic concurrency: `decide` sees the current document (or
 * undefined) and returns the next one, or undefined for "nothing to change".
 */
import type { DocumentType } from '../domain/entities';
import { isStoreError, StoreError, type DocOf, type Store, type Stored } from './store';

export async function readModifyWrite<K extends DocumentType>(
  store: Store,
  schoolId: string,
  type: K,
  id: string,
  decide: (current: Stored<DocOf<K>> | undefined) => DocOf<K> | undefined,
  attempts = 5,
): Promise<Stored<DocOf<K>> | undefined> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await store.read(schoolId, type, id);
    const next = decide(current);
    if (next === undefined) return current;
    try {
      if (!current) return (await store.create(next)) as Stored<DocOf<K>>;
      return (await store.replace({ ...next, version: current.version } as Stored<DocOf<K>>)) as Stored<DocOf<K>>;
    } catch (error) {
      if (isStoreError(error, 'conflict') || isStoreError(error, 'exists') || isStoreError(error, 'not_found'))
        continue;
      throw error;
    }
  }
  throw new StoreError('conflict', `document ${id} kept changing; gave up after ${attempts} attempts`);
}
