/**
 * Fan-out benchmark (issue 4, point 7): 2,000 proactive messages through the real sender
 * (CloudAdapter, no app id, the rate limiter, the retry loop) to a Bot Connector stand-in on
 * 127.0.0.1 that enforces Teams' limits (per conversation 7/1 s, 8/2 s, 60/30 s; per tenant 50/s)
 * and answers 429 when they are exceeded. Reports the achieved rate as a fraction of the configured
 * per-tenant limit (config.proactive.tenantPerSecond, default 40) and how many 429s the sender
 * caused, and whether every message arrived exactly once. With `instances: 2`, two senders (two App
 * Service instances, each with its own connection to the SQLite file) share the tenant and its
 * budget in the store (src/teams/proactive/tenant-budget.ts); `sharedBudget: false` lets each pace
 * only itself (together they then exceed the tenant's limit).
 * Run alone: `npx tsx bench/proactive-fanout.ts [--instances 2]` prints one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import type { PersonReference } from '../src/domain/entities';
import { createLogger } from '../src/logging/logger';
import { SqliteStore } from '../src/store/sqlite-store';
import { createAdapter } from '../src/teams/adapter';
import { personReferenceId, tenantPartitionFor } from '../src/teams/ids';
import { ProactiveSender } from '../src/teams/proactive/sender';
import { StoreTenantBudget } from '../src/teams/proactive/tenant-budget';
import { ConnectorStandIn } from '../test/support/connector-stand-in';

export interface FanoutOptions {
  /** Messages in all (default 2,000). */
  readonly messages?: number;
  /** People they go to, round robin (default: one message each). */
  readonly people?: number;
  /** Per-tenant sends per second (default: the configuration's, 40). */
  readonly tenantPerSecond?: number;
  /** Instances sending to the tenant together, each its own sender, adapter and pacing (default 1). */
  readonly instances?: number;
  /** The tenant budget in the store, shared by the instances (default true). */
  readonly sharedBudget?: boolean;
}

export interface FanoutResult {
  readonly instances: number;
  readonly sharedBudget: boolean;
  readonly sent: number;
  readonly notSent: number;
  readonly delivered: number;
  readonly people: number;
  readonly seconds: number;
  readonly achievedPerSecond: number;
  readonly configuredLimit: number;
  readonly fractionOfLimit: number;
  readonly caused429: number;
  readonly httpAttempts: number;
  /** Messages the stand-in accepted more than once (should be 0), and messages never accepted. */
  readonly duplicates: number;
  readonly missing: number;
}

const TENANT = '33333333-3333-4333-8333-333333333333';

export async function runFanoutBench(options: FanoutOptions = {}): Promise<FanoutResult> {
  const messages = options.messages ?? 2_000;
  const people = options.people ?? messages;
  const instances = options.instances ?? 1;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-bench-fanout-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SQLITE_PATH: path.join(dir, 'bench.db'),
    ...(options.tenantPerSecond ? { PROACTIVE_TENANT_PER_SECOND: String(options.tenantPerSecond) } : {}),
  });
  const logger = createLogger('silent');
  const store = new SqliteStore(config.store.sqlitePath);
  const connector = await new ConnectorStandIn().start();
  const extraStores: SqliteStore[] = [];
  try {
    await store.init();
    connector.enforceLimits();
    // Teams' service URLs carry the tenant; the stand-in counts the tenant's rate by it.
    const serviceUrl = `${connector.url}emea/${TENANT}/`;
    const userIds = Array.from({ length: people }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const userId of userIds) await store.upsert(personReference(userId, serviceUrl));

    // Each instance is what one App Service instance runs: its own store connection, adapter,
    // sender and pacing; the tenant's budget is shared through the store.
    const sharedBudget = options.sharedBudget ?? true;
    const senders: ProactiveSender[] = [];
    for (let i = 0; i < instances; i++) {
      const own = i === 0 ? store : new SqliteStore(config.store.sqlitePath);
      if (own !== store) {
        await own.init();
        extraStores.push(own);
      }
      senders.push(
        new ProactiveSender({
          adapter: createAdapter(config, logger),
          botAppId: config.bot.appId,
          store: own,
          logger,
          tenantPerSecond: config.proactive.tenantPerSecond,
          ...(sharedBudget
            ? { tenantBudget: new StoreTenantBudget({ store: own, perSecond: config.proactive.tenantPerSecond }) }
            : {}),
        }),
      );
    }
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: messages }, (_, i) =>
        senders[i % instances]!.sendToPerson(TENANT, userIds[i % people]!, { text: `Koos komt weer (${i})` }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const sent = outcomes.filter((o) => o.status === 'sent').length;
    const achievedPerSecond = sent / seconds;
    const configuredLimit = config.proactive.tenantPerSecond;
    const accepted = new Map<string, number>();
    for (const body of connector.delivered()) {
      const text = String((body as { text?: unknown }).text);
      accepted.set(text, (accepted.get(text) ?? 0) + 1);
    }
    return {
      instances,
      sharedBudget,
      sent,
      notSent: messages - sent,
      delivered: connector.delivered().length,
      people,
      seconds: round(seconds, 2),
      achievedPerSecond: round(achievedPerSecond, 2),
      configuredLimit,
      fractionOfLimit: round(achievedPerSecond / configuredLimit, 3),
      caused429: connector.caused429,
      httpAttempts: outcomes.reduce((sum, o) => sum + o.attempts, 0),
      duplicates: [...accepted.values()].filter((n) => n > 1).length,
      missing: messages - accepted.size,
    };
  } finally {
    await connector.stop();
    for (const extra of extraStores) await extra.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function personReference(userId: string, serviceUrl: string): PersonReference {
  return {
    type: 'personReference',
    id: personReferenceId(userId),
    schoolId: tenantPartitionFor(TENANT),
    personIds: [userId],
    userId,
    tenantId: TENANT,
    name: 'Teacher',
    locale: 'nl',
    reference: {
      user: { id: `29:${userId}`, aadObjectId: userId },
      bot: { id: '28:tweetal', name: 'Tweetal' },
      conversation: { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: TENANT },
      channelId: 'msteams',
      serviceUrl,
    },
    reachable: true,
    updatedAt: '2026-03-02T08:00:00.000Z',
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** `npm run bench`: one instance, then two instances sending to one tenant together. */
export async function runFanoutBenches(): Promise<({ bench: string } & FanoutResult)[]> {
  const one = await runFanoutBench();
  const two = await runFanoutBench({ messages: 1_000, instances: 2 });
  return [one, two].map((result) => ({ bench: 'proactive-fanout', ...result }));
}

if (require.main === module) {
  const index = process.argv.indexOf('--instances');
  const instances = index >= 0 ? Number(process.argv[index + 1]) : 1;
  runFanoutBench({ instances, ...(instances > 1 ? { messages: 1_000 } : {}) })
    .then((result) => {
      process.stdout.write(`${JSON.stringify({ bench: 'proactive-fanout', ...result })}\n`);
    })
    .catch((error) => {
      process.stderr.write(`proactive-fanout failed: ${(error as Error)?.stack ?? error}\n`);
      process.exitCode = 1;
    });
}
