/**
 * A proactive sender on a real CloudAdapter (no app id: local development auth), a SQLite store
 * in a temp folder and the Bot Connector stand-in on 127.0.0.1, with people whose conversation
 * references point at the stand-in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { PersonReference } from '../../../src/domain/entities';
import { loadConfig } from '../../../src/config';
import { createLogger, type Logger } from '../../../src/logging/logger';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { createAdapter } from '../../../src/teams/adapter';
import { personReferenceId, tenantPartitionFor } from '../../../src/teams/ids';
import { ProactiveSender, type ProactiveSenderOptions } from '../../../src/teams/proactive/sender';
import { ConnectorStandIn } from '../../support/connector-stand-in';

export const TENANT_A = '11111111-1111-4111-8111-111111111111';
export const TENANT_B = '22222222-2222-4222-8222-222222222222';

export interface SenderFixture {
  readonly connector: ConnectorStandIn;
  readonly store: SqliteStore;
  readonly logs: string[];
  readonly logger: Logger;
  /** Delays the sender asked to wait between attempts. */
  readonly sleeps: number[];
  sender(options?: Partial<ProactiveSenderOptions>): ProactiveSender;
  /** Stores a reachable reference for each user; the serviceUrl carries the tenant, as in Teams. */
  addPeople(tenantId: string, userIds: readonly string[], serviceUrl?: string): Promise<void>;
  reference(tenantId: string, userId: string): Promise<PersonReference | undefined>;
  stop(): Promise<void>;
}

export const conversationOf = (userId: string): string => `a:personal-${userId}`;

export async function startSenderFixture(): Promise<SenderFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-proactive-'));
  const config = loadConfig({ NODE_ENV: 'test', SQLITE_PATH: path.join(dir, 'test.db') });
  const logs: string[] = [];
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, callback) {
        logs.push(
          ...String(chunk)
            .split('\n')
            .filter((line) => line !== ''),
        );
        callback();
      },
    }),
  );
  const store = new SqliteStore(config.store.sqlitePath);
  await store.init();
  const connector = await new ConnectorStandIn().start();
  const adapter = createAdapter(config, logger);
  const sleeps: number[] = [];
  return {
    connector,
    store,
    logs,
    logger,
    sleeps,
    sender(options = {}) {
      return new ProactiveSender({
        adapter,
        botAppId: config.bot.appId,
        store,
        logger,
        tenantPerSecond: config.proactive.tenantPerSecond,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...options,
      });
    },
    async addPeople(tenantId, userIds, serviceUrl = `${connector.url}${tenantId}/`) {
      for (const userId of userIds) {
        const doc: PersonReference = {
          type: 'personReference',
          id: personReferenceId(userId),
          schoolId: tenantPartitionFor(tenantId),
          personIds: [userId],
          userId,
          tenantId,
          name: `Person ${userId}`,
          locale: 'nl',
          reference: {
            activityId: 'x',
            user: { id: `29:${userId}`, aadObjectId: userId, name: `Person ${userId}` },
            bot: { id: '28:tweetal', name: 'Tweetal' },
            conversation: { id: conversationOf(userId), conversationType: 'personal', tenantId },
            channelId: 'msteams',
            locale: 'nl-NL',
            serviceUrl,
          },
          reachable: true,
          updatedAt: '2026-03-02T08:00:00.000Z',
        };
        await store.upsert(doc);
      }
    },
    reference(tenantId, userId) {
      return store.read(tenantPartitionFor(tenantId), 'personReference', personReferenceId(userId));
    },
    async stop() {
      await connector.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
