import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { CosmosClient } from '@azure/cosmos';
import { loadConfig } from '../../src/config';
import { classifyCosmosError, CosmosStore, type CosmosStoreOptions } from '../../src/store/cosmos-store';
import { createStore } from '../../src/store/create-store';
import { projectRoot } from '../../src/project-root';
import { SqliteStore } from '../../src/store/sqlite-store';
import { isStoreError } from '../../src/store/store';
import { buildVisit } from './builders';
import { storeContract } from './contract';
import { answer, startLocalCosmos, type LocalCosmos } from './cosmos-server';

let cosmos: LocalCosmos | undefined;
let databases = 0;

async function localCosmos(): Promise<LocalCosmos> {
  cosmos ??= await startLocalCosmos();
  return cosmos;
}

after(async () => {
  await cosmos?.close();
  cosmos = undefined;
});

function options(server: LocalCosmos, overrides: Partial<CosmosStoreOptions> = {}): CosmosStoreOptions {
  return {
    endpoint: server.endpoint,
    key: 'local-test-key',
    database: `tweetal-${++databases}`,
    container: 'documents',
    allowSelfSigned: true,
    ...overrides,
  };
}

storeContract('CosmosStore (@vercel/cosmosdb-server on 127.0.0.1)', async () => {
  const server = await localCosmos();
  const opts = options(server);
  let current = new CosmosStore(opts);
  await current.init();
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = new CosmosStore(opts);
      await current.init();
      return current;
    },
    cleanup: () => current.close(),
  };
});

describe('CosmosStore', () => {
  const stores: CosmosStore[] = [];

  afterEach(async () => {
    cosmos?.intercept(undefined);
    for (const store of stores.splice(0)) await store.close();
  });

  async function open(
    overrides: Partial<CosmosStoreOptions> = {},
  ): Promise<{ store: CosmosStore; server: LocalCosmos; database: string }> {
    const server = await localCosmos();
    const opts = options(server, overrides);
    const store = new CosmosStore(opts);
    stores.push(store);
    await store.init();
    return { store, server, database: opts.database };
  }

  it('should create the database and a container partitioned by /schoolId when absent', async () => {
    const { server, database } = await open();
    const client = new CosmosClient({
      endpoint: server.endpoint,
      key: 'k',
      agent: new (await import('node:https')).Agent({ rejectUnauthorized: false }),
    });
    try {
      const { resource } = await client.database(database).container('documents').read();
      assert.deepEqual(resource?.partitionKey?.paths, ['/schoolId']);
    } finally {
      client.dispose();
    }
  });

  it('should open an existing database and container again (init is idempotent)', async () => {
    const { server, database } = await open();
    const again = new CosmosStore(options(server, { database }));
    stores.push(again);
    await again.init();
    await again.init();
    await again.ping();
  });

  it('should refuse an existing container with another partition key', async () => {
    const server = await localCosmos();
    const database = `tweetal-wrong-${++databases}`;
    const client = new CosmosClient({
      endpoint: server.endpoint,
      key: 'k',
      agent: new (await import('node:https')).Agent({ rejectUnauthorized: false }),
    });
    try {
      const { database: db } = await client.databases.createIfNotExists({ id: database });
      await db.containers.createIfNotExists({ id: 'documents', partitionKey: { paths: ['/tenantId'] } });
    } finally {
      client.dispose();
    }
    const store = new CosmosStore(options(server, { database }));
    stores.push(store);
    await assert.rejects(
      store.init(),
      (e: unknown) => isStoreError(e, 'invalid') && /\/schoolId/.test((e as Error).message),
    );
  });

  it("should read a school's partition with one single-partition query request", async () => {
    const { store, server } = await open();
    for (let n = 0; n < 12; n++) await store.create(buildVisit({ id: `v${String(n).padStart(2, '0')}` }));
    await store.create(buildVisit({ schoolId: 'school-b', id: 'v-other' }));
    const queries: (string | string[] | undefined)[] = [];
    server.intercept((req) => {
      if (req.method === 'POST' && /\/docs$/.test(req.url ?? '') && req.headers['x-ms-documentdb-isquery'])
        queries.push(req.headers['x-ms-documentdb-partitionkey']);
      return false;
    });
    const read = await store.readPartition('school-a', [{ type: 'visit' }, { type: 'pair' }]);
    assert.equal(read.visit.length, 12);
    assert.deepEqual(queries, ['["school-a"]'], 'one query request, scoped to the partition key');
  });

  it('should retry a 429 and honour the retry-after the server sent', async () => {
    const slept: number[] = [];
    const { store, server } = await open({ sleep: async (ms) => void slept.push(ms) });
    let throttled = 0;
    server.intercept((req, res) => {
      if (req.method !== 'POST' || !/\/docs$/.test(req.url ?? '') || throttled >= 2) return false;
      throttled++;
      return answer(req, res, 429, { 'x-ms-retry-after-ms': '1500', 'x-ms-substatus': '3200' });
    });
    const created = await store.create(buildVisit());
    assert.equal(throttled, 2, 'the server should have throttled twice');
    assert.equal(slept.length, 2, 'the store should have waited twice');
    assert.ok(
      slept.every((ms) => ms >= 1500),
      `each wait should honour retry-after (waited ${slept.join(', ')} ms)`,
    );
    assert.equal((await store.read('school-a', 'visit', 'visit-1'))?.version, created.version);
  });

  it('should retry a 503 on a write, and recover reads and queries from 503', async () => {
    const slept: number[] = [];
    const { store, server } = await open({ sleep: async (ms) => void slept.push(ms) });
    let failures = 0;
    server.intercept((req, res) => {
      if (failures >= 2 || !/\/docs/.test(req.url ?? '')) return false;
      failures++;
      return answer(req, res, 503);
    });
    await store.create(buildVisit());
    assert.equal(failures, 2);
    assert.equal(slept.length, 2, 'the store itself retried the write twice');
    // The SDK fails a read over once by itself on 503; whatever it leaves, the store retries.
    failures = 0;
    assert.ok(await store.read('school-a', 'visit', 'visit-1'));
    assert.equal(failures, 2);
    failures = 0;
    assert.equal((await store.query('school-a', { type: 'visit' })).length, 1);
    assert.equal(failures, 2);
  });

  it('should stop after the policy\'s attempts and surface "unavailable"', async () => {
    const { store, server } = await open({
      sleep: async () => undefined,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    let seen = 0;
    server.intercept((req, res) => {
      if (!/\/docs/.test(req.url ?? '')) return false;
      seen++;
      return answer(req, res, 429, { 'x-ms-retry-after-ms': '1' });
    });
    await assert.rejects(store.create(buildVisit()), (e: unknown) => isStoreError(e, 'unavailable'));
    assert.equal(seen, 3, "exactly the policy's number of attempts");
  });

  it('should not retry an error that is not transient', async () => {
    const { store, server } = await open({ sleep: async () => assert.fail('should not wait') });
    let seen = 0;
    server.intercept((req, res) => {
      if (!/\/docs/.test(req.url ?? '')) return false;
      seen++;
      return answer(req, res, 500);
    });
    await assert.rejects(store.read('school-a', 'visit', 'visit-1'), (e: unknown) => isStoreError(e, 'unavailable'));
    assert.equal(seen, 1);
  });

  it('should report an unreachable endpoint as "unavailable" after retrying', async () => {
    const server = await startLocalCosmos();
    const endpoint = server.endpoint;
    await server.close();
    const slept: number[] = [];
    const store = new CosmosStore({
      ...options(server),
      endpoint,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: async (ms) => void slept.push(ms),
    });
    stores.push(store);
    await assert.rejects(store.init(), (e: unknown) => isStoreError(e, 'unavailable'));
    assert.equal(slept.length, 1, 'a refused connection is transient: retried once, then given up');
  });

  it('should refuse to work before init() and after close()', async () => {
    const server = await localCosmos();
    const store = new CosmosStore(options(server));
    stores.push(store);
    await assert.rejects(store.ping(), (e: unknown) => isStoreError(e, 'unavailable'));
    await store.init();
    await store.close();
    await assert.rejects(store.read('school-a', 'visit', 'v'), (e: unknown) => isStoreError(e, 'unavailable'));
  });

  describe('classifyCosmosError', () => {
    it('should call 429, 503, 408 and 449 transient and keep the retry-after', () => {
      assert.deepEqual(classifyCosmosError({ code: 429, retryAfterInMs: 250 }), { transient: true, retryAfterMs: 250 });
      assert.deepEqual(classifyCosmosError({ code: 503 }), { transient: true });
      assert.deepEqual(classifyCosmosError({ code: 408 }), { transient: true });
      assert.deepEqual(classifyCosmosError({ code: 449, retryAfterInMilliseconds: 10 }), {
        transient: true,
        retryAfterMs: 10,
      });
    });

    it('should call network failures transient, also when wrapped', () => {
      assert.equal(classifyCosmosError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).transient, true);
      assert.equal(classifyCosmosError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })).transient, true);
      assert.equal(
        classifyCosmosError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }))
          .transient,
        true,
      );
      assert.equal(classifyCosmosError(Object.assign(new Error('t'), { name: 'TimeoutError' })).transient, true);
    });

    it('should call everything else final', () => {
      for (const code of [400, 401, 403, 404, 409, 412, 413, 500])
        assert.equal(classifyCosmosError({ code }).transient, false, String(code));
      assert.equal(classifyCosmosError(new Error('boom')).transient, false);
      assert.equal(classifyCosmosError(Object.assign(new Error('dns'), { code: 'ENOTFOUND' })).transient, false);
    });
  });
});

describe('createStore', () => {
  it('should build the SQLite store by default', () => {
    const store = createStore(loadConfig({ SQLITE_PATH: ':memory:' }));
    assert.ok(store instanceof SqliteStore);
    assert.equal(store.kind, 'sqlite');
  });

  it('should not load the Cosmos DB SDK when it builds the SQLite store (a SQLite process never needs it)', () => {
    // A fresh process: this one has loaded the SDK for the other tests.
    const script = [
      "const { createStore } = require('./src/store/create-store');",
      "const { loadConfig } = require('./src/config');",
      "createStore(loadConfig({ SQLITE_PATH: ':memory:' }));",
      'const loaded = Object.keys(require.cache).filter((file) => /@azure[\\/\\\\]cosmos|cosmos-store/.test(file));',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot() });
    assert.deepEqual(JSON.parse(output.toString()), []);
  });

  it('should build the Cosmos DB store when STORE=cosmos, with a key or with managed identity', async () => {
    const withKey = createStore(
      loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/', COSMOS_KEY: 'a2V5' }),
    );
    const withIdentity = createStore(
      loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/' }),
    );
    try {
      assert.ok(withKey instanceof CosmosStore);
      assert.ok(withIdentity instanceof CosmosStore);
      assert.equal(withKey.kind, 'cosmos');
    } finally {
      await withKey.close();
      await withIdentity.close();
    }
  });

  it('should work end to end on the local Cosmos DB stand-in from configuration', async () => {
    const server = await localCosmos();
    const store = createStore(
      loadConfig({
        STORE: 'cosmos',
        COSMOS_ENDPOINT: server.endpoint,
        COSMOS_KEY: 'a2V5',
        COSMOS_DATABASE: `tweetal-config-${++databases}`,
        COSMOS_ALLOW_SELF_SIGNED: 'true',
      }),
    );
    try {
      await store.init();
      await store.create(buildVisit());
      assert.equal((await store.query('school-a', { type: 'visit' })).length, 1);
    } finally {
      await store.close();
    }
  });
});
