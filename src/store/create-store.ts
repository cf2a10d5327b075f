/** Builds the Store the configuration asks for (STORE=sqlite | cosmos). Call init() before use. */
import type { CosmosStore } from './cosmos-store';
import { SqliteStore } from './sqlite-store';
import type { Store, StoreKind } from './store';

/** The store's part of the configuration (src/config.ts's `store`; src/store does not import the config). */
export interface StoreSettings {
  readonly kind: StoreKind;
  readonly sqlitePath: string;
  readonly cosmosEndpoint: string;
  /** Empty: the app authenticates to Cosmos DB with its managed identity. */
  readonly cosmosKey: string;
  readonly cosmosDatabase: string;
  readonly cosmosContainer: string;
  /** Only for a local Cosmos DB emulator with a self-signed certificate. Never in production. */
  readonly cosmosAllowSelfSigned: boolean;
}

export function createStore(config: { readonly store: StoreSettings }): Store {
  const { store } = config;
  switch (store.kind) {
    case 'sqlite':
      return new SqliteStore(store.sqlitePath);
    case 'cosmos': {
      // Loaded only here: a SQLite service or job process never loads the Cosmos DB SDK, whose
      // modules would otherwise take about 14 MB of its heap (and raise V8's collection threshold).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { CosmosStore: Cosmos } = require('./cosmos-store') as { CosmosStore: typeof CosmosStore };
      return new Cosmos({
        endpoint: store.cosmosEndpoint,
        key: store.cosmosKey === '' ? undefined : store.cosmosKey,
        database: store.cosmosDatabase,
        container: store.cosmosContainer,
        allowSelfSigned: store.cosmosAllowSelfSigned,
      });
    }
    default: {
      const never: never = store.kind;
      throw new Error(`unknown store kind ${String(never)}`);
    }
  }
}
