/**
 * A fresh store of each kind for the use-case tests of pair needs: SQLite in a temporary
 * directory, or a new database on the local Cosmos DB API server. Call `after(stopNeedStores)`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store, StoreKind } from '../../../src/store/store';
import { startLocalCosmos, type LocalCosmos } from '../../store/cosmos-server';

export const NEED_STORE_KINDS: readonly StoreKind[] = ['sqlite', 'cosmos'];

let cosmos: LocalCosmos | undefined;
let databases = 0;

export async function stopNeedStores(): Promise<void> {
  await cosmos?.close();
  cosmos = undefined;
}

export async function openStore(kind: StoreKind): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-needs-'));
    const store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    return {
      store,
      cleanup: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  cosmos ??= await startLocalCosmos();
  const store = new CosmosStore({
    endpoint: cosmos.endpoint,
    key: 'local-test-key',
    database: `tweetal-needs-${process.pid}-${++databases}`,
    container: 'documents',
    allowSelfSigned: true,
  });
  await store.init();
  return { store, cleanup: () => store.close() };
}
