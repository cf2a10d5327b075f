/** Builds the Store the configuration asks for (STORE=sqlite | cosmos). Call init() before use. */
import type { Config } from '../config';
import { CosmosStore } from './cosmos-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

export function createStore(config: Config): Store {
  const { store } = config;
  switch (store.kind) {
    case 'sqlite':
      return new SqliteStore(store.sqlitePath);
    case 'cosmos':
      return new CosmosStore({
        endpoint: store.cosmosEndpoint,
        key: store.cosmosKey === '' ? undefined : store.cosmosKey,
        database: store.cosmosDatabase,
        container: store.cosmosContainer,
        allowSelfSigned: store.cosmosAllowSelfSigned,
      });
    default: {
      const never: never = store.kind;
      throw new Error(`unknown store kind ${String(never)}`);
    }
  }
}
