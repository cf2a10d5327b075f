/**
 * GET /healthz: 200 naming the store kind when the store answers; 503 when it cannot be reached
 * (closed, failing, hanging, or a Cosmos DB endpoint that went away).
 */
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Server } from 'restify';
import { createLogger } from '../../src/logging/logger';
import { createHttpServer, loggablePath } from '../../src/http/server';
import { CosmosStore } from '../../src/store/cosmos-store';
import { StoreError, type Store } from '../../src/store/store';
import { startLocalCosmos, type LocalCosmos } from '../store/cosmos-server';
import { startTestBot, type TestBot } from '../support/test-bot';

async function health(baseUrl: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('GET /healthz', () => {
  describe('on the embedded store (the service as started)', () => {
    let bot: TestBot;

    beforeEach(async () => {
      bot = await startTestBot();
    });
    afterEach(async () => bot.stop());

    it('should answer 200 naming the status and the store kind when SQLite answers', async () => {
      const { status, body } = await health(bot.service.url);
      assert.equal(status, 200);
      assert.deepEqual(body, { status: 'ok', store: 'sqlite' });
    });

    it('should answer 503 when the SQLite store underneath has been closed', async () => {
      await bot.store.close();
      const { status, body } = await health(bot.service.url);
      assert.equal(status, 503);
      assert.equal(body.status, 'unavailable');
      assert.equal(body.store, 'sqlite');
      assert.ok(
        bot.logs.some((line) => line.includes('health check: the store cannot be reached')),
        'the failure is logged',
      );
    });
  });

  describe('with a store that fails or hangs (createHttpServer)', () => {
    let server: Server | undefined;
    const logs: string[] = [];

    afterEach(async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
      logs.length = 0;
    });

    async function serve(ping: () => Promise<void>, healthTimeoutMs?: number): Promise<string> {
      const store = { kind: 'sqlite', ping } as unknown as Store;
      const sink = new Writable({
        write(chunk, _encoding, callback) {
          logs.push(String(chunk));
          callback();
        },
      });
      server = createHttpServer({
        store,
        logger: createLogger('debug', sink),
        mounts: [],
        ...(healthTimeoutMs ? { healthTimeoutMs } : {}),
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    it('should answer 503 when the store ping rejects, and 200 again once it recovers', async () => {
      let down = true;
      const url = await serve(async () => {
        if (down) throw new StoreError('unavailable', 'the store is down');
      });
      assert.deepEqual((await health(url)).status, 503);
      assert.equal((await health(url)).body.status, 'unavailable');
      down = false;
      assert.deepEqual(await health(url), { status: 200, body: { status: 'ok', store: 'sqlite' } });
    });

    it('should answer 503 within the health timeout when the store ping never answers', async () => {
      // The ping never settles, so only the health timeout can answer: a 503 at all proves it
      // fired (no elapsed time measured; the test's own timeout is the safety net).
      const url = await serve(() => new Promise<void>(() => undefined), 1);
      const { status, body } = await health(url);
      assert.equal(status, 503);
      assert.equal(body.status, 'unavailable');
    });

    it('should answer 503, not crash, when the store ping throws synchronously', async () => {
      const url = await serve(() => {
        throw new Error('boom');
      });
      assert.equal((await health(url)).status, 503);
    });
  });

  describe('on Cosmos DB (@vercel/cosmosdb-server on 127.0.0.1)', () => {
    let cosmos: LocalCosmos | undefined;
    let bot: TestBot | undefined;

    afterEach(async () => {
      await bot?.stop();
      bot = undefined;
      await cosmos?.close();
      cosmos = undefined;
    });

    it('should answer 200 naming cosmos while the account answers, and 503 once it is stopped', async () => {
      cosmos = await startLocalCosmos();
      const store = new CosmosStore({
        endpoint: cosmos.endpoint,
        key: 'local-test-key',
        database: 'tweetal-health',
        container: 'documents',
        allowSelfSigned: true,
        retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
      });
      bot = await startTestBot({ store });
      assert.deepEqual(await health(bot.service.url), { status: 200, body: { status: 'ok', store: 'cosmos' } });

      await cosmos.close();
      cosmos = undefined;
      const { status, body } = await health(bot.service.url);
      assert.equal(status, 503);
      assert.equal(body.status, 'unavailable');
      assert.equal(body.store, 'cosmos');
    });
  });
});

describe('request paths in the logs', () => {
  it('should keep an export link secret and drop the query when it logs a path', () => {
    assert.equal(loggablePath('/api/export/SECRETTOKEN/extra?x=1'), '/api/export/[redacted]');
    assert.equal(loggablePath('/api/tab/me?locale=nl'), '/api/tab/me');
    assert.equal(loggablePath(undefined), '');
  });
});
