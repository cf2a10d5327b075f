/**
 * Several bot instances sending proactively to the Bot Connector stand-in on 127.0.0.1, on one
 * fake clock: each instance has its own store client (two SqliteStore connections to one file, or
 * two CosmosStore clients of one database on the Cosmos DB API server), its own CloudAdapter,
 * rate limiter and (optionally) tenant budget. The stand-in counts arrivals on the same fake
 * clock, and the clock moves only when no request or store operation is on its way
 * (FakeTime.runUntil with `idle`): what the stand-in refused is then down to the pacing alone,
 * never to the machine's speed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logging/logger';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { createAdapter } from '../../../src/teams/adapter';
import { RateLimiter, tenantLimits } from '../../../src/teams/proactive/rate-limiter';
import { ProactiveSender, type ProactiveSenderOptions } from '../../../src/teams/proactive/sender';
import { StoreTenantBudget } from '../../../src/teams/proactive/tenant-budget';
import { addReachablePeople } from '../../jobs/people';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import type { LocalCosmos } from '../../store/cosmos-server';
import { FakeTime } from './fake-time';

export const FANOUT_TENANT = '33333333-3333-4333-8333-333333333333';

/** Counts the store operations on their way, so the fake clock waits for them. */
export function countingStore<S extends Store>(store: S, busy: { count: number }): S {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'kind') return value;
      return (...args: unknown[]) => {
        busy.count++;
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          busy.count--;
          throw error;
        }
        return Promise.resolve(result).finally(() => busy.count--);
      };
    },
  });
}

export interface Instance {
  readonly store: Store;
  readonly limiter: RateLimiter;
  readonly budget: StoreTenantBudget | undefined;
  readonly sender: ProactiveSender;
}

export interface Instances {
  readonly time: FakeTime;
  readonly connector: ConnectorStandIn;
  readonly instances: readonly Instance[];
  readonly serviceUrl: string;
  /** True when nothing is on its way: no request, no store operation. */
  idle(): boolean;
  /** Runs `work` to its end on the fake clock. */
  run<T>(work: Promise<T>): Promise<T>;
  addPeople(userIds: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

export type InstanceStore = 'sqlite' | { cosmos: LocalCosmos; database: string };

export async function startInstances(options: {
  count: number;
  store: InstanceStore;
  perSecond?: number;
  /** Share one tenant budget in the store (default true); false: each instance paces alone. */
  sharedBudget?: boolean;
  sender?: Partial<ProactiveSenderOptions>;
}): Promise<Instances> {
  const perSecond = options.perSecond ?? 40;
  const time = new FakeTime();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-instances-'));
  const config = loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'shared.db') });
  const logger = createLogger('silent');
  const connector = await new ConnectorStandIn().start();
  connector.enforceLimits({ clock: time.clock });
  const busy = { count: 0 };
  const raw: Store[] = [];
  const instances: Instance[] = [];
  for (let i = 0; i < options.count; i++) {
    const client: Store =
      options.store === 'sqlite'
        ? new SqliteStore(config.store.sqlitePath)
        : new CosmosStore({
            endpoint: options.store.cosmos.endpoint,
            key: 'local-test-key',
            database: options.store.database,
            container: 'documents',
            allowSelfSigned: true,
          });
    await client.init();
    raw.push(client);
    const store = countingStore(client, busy);
    const budget =
      options.sharedBudget === false
        ? undefined
        : new StoreTenantBudget({ store, perSecond, clock: time.clock, sleep: time.sleep });
    const limiter = new RateLimiter({
      tenantLimits: tenantLimits(perSecond),
      clock: time.clock,
      sleep: time.sleep,
      ...(budget ? { tenantBudget: budget } : {}),
    });
    const sender = new ProactiveSender({
      adapter: createAdapter(config, logger),
      botAppId: config.bot.appId,
      store,
      logger,
      limiter,
      sleep: time.sleep,
      now: () => Date.parse('2026-03-02T08:00:00Z') + time.now,
      random: () => 0.5,
      ...options.sender,
    });
    instances.push({ store, limiter, budget, sender });
  }
  const idle = () => busy.count === 0 && instances.every((i) => i.limiter.inFlight === 0);
  const serviceUrl = `${connector.url}emea/${FANOUT_TENANT}/`;
  return {
    time,
    connector,
    instances,
    serviceUrl,
    idle,
    run: (work) => time.runUntil(work, 1_000_000, idle),
    addPeople: (userIds) => addReachablePeople(raw[0]!, FANOUT_TENANT, userIds, serviceUrl),
    async stop() {
      await connector.stop();
      for (const store of raw) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
