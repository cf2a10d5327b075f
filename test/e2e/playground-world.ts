/**
 * The world of the browser end-to-end tests: Tweetal on 127.0.0.1 with SQLite in a temp folder
 * and a movable clock; one school with a programme, an active pair (Anna and Bram) and its cycle
 * seeded in the store; two M365 Agents Playgrounds against the one bot — Anna's (Tweetal is told
 * she speaks Dutch, through the locale proxy of scripts/playground.ts) and Bram's (English, as the
 * playground sends it) — each with its own config file, personal chat and service URL; and one
 * headless chromium with a tab per person.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { startLocaleProxy, type LocaleProxy } from '../../scripts/playground';
import { addMembership } from '../../src/app/membership';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { startService, type RunningService } from '../../src/service';
import { SqliteStore } from '../../src/store/sqlite-store';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { at, buildCycle, buildPair, buildProgramme, buildSchool } from '../domain/builders';
import { ChatPage } from './chat-page';
import {
  launchChromium,
  playgroundConfigYaml,
  startPlayground,
  type PlaygroundTenant,
  type PlaygroundUser,
  type RunningPlayground,
} from './playground-harness';

export const TENANT: PlaygroundTenant = {
  tenantId: '7d1e5c2a-3b4f-4e6a-9c8d-0a1b2c3d4e5f',
  botId: '28:9f0e1d2c-3b4a-4596-8877-665544332211',
  botName: 'Tweetal',
  teamId: '19:playground-team@thread.tacv2',
  teamName: 'Het Stedelijk College',
};

export const ANNA: PlaygroundUser = {
  id: '29:anna',
  name: 'Anna de Vries',
  aadObjectId: 'a0a0a0a0-1111-4111-8111-000000000001',
};
export const BRAM: PlaygroundUser = {
  id: '29:bram',
  name: 'Bram Jansen',
  aadObjectId: 'b0b0b0b0-2222-4222-8222-000000000002',
};
const COLLEAGUES: readonly PlaygroundUser[] = [
  { id: '29:carla', name: 'Carla Bakker', aadObjectId: 'c0c0c0c0-3333-4333-8333-000000000003' },
  { id: '29:daan', name: 'Daan Visser', aadObjectId: 'd0d0d0d0-4444-4444-8444-000000000004' },
  { id: '29:eva', name: 'Eva Smit', aadObjectId: 'e0e0e0e0-5555-4555-8555-000000000005' },
  { id: '29:fatima', name: 'Fatima El Amrani', aadObjectId: 'f0f0f0f0-6666-4666-8666-000000000006' },
];
export const LEADER = COLLEAGUES[0]!;

export const SCHOOL_ID = schoolIdFor(TENANT.tenantId, TENANT.teamId);

export interface PlaygroundWorld {
  readonly service: RunningService;
  readonly store: SqliteStore;
  /** Every structured log line the bot wrote. */
  readonly logs: string[];
  readonly anna: ChatPage;
  readonly bram: ChatPage;
  readonly playgrounds: readonly RunningPlayground[];
  readonly dir: string;
  /** Move the bot's clock. */
  setNow(now: DateTime): void;
  stop(): Promise<void>;
}

/** Seed the school, programme, pair and cycle; memberships so 1:1 chats find the school. */
async function seed(store: SqliteStore, now: DateTime): Promise<void> {
  const school = { schoolId: SCHOOL_ID };
  await store.create(
    buildSchool({
      id: SCHOOL_ID,
      ...school,
      tenantId: TENANT.tenantId,
      teamId: TENANT.teamId,
      name: TENANT.teamName,
      leaderIds: [LEADER.aadObjectId],
    }),
  );
  await store.create(buildProgramme({ ...school, theme: 'effectieve instructie', createdBy: LEADER.aadObjectId }));
  await store.create(buildPair({ ...school, memberIds: [ANNA.aadObjectId, BRAM.aadObjectId] }));
  await store.create(buildCycle({ ...school }));
  for (const person of [ANNA, BRAM]) {
    await addMembership(
      store,
      tenantPartitionFor(TENANT.tenantId),
      TENANT.tenantId,
      person.aadObjectId,
      SCHOOL_ID,
      now,
    );
  }
}

export async function startPlaygroundWorld(options: { now: DateTime }): Promise<PlaygroundWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-e2e-'));
  let now = options.now;
  const stack: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stack.reverse()) await step().catch(() => undefined);
    stack.length = 0;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_PATH: path.join(dir, 'tweetal.db'),
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'debug',
    });
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        logs.push(
          ...String(chunk)
            .split('\n')
            .filter((line) => line !== ''),
        );
        callback();
      },
    });
    const store = new SqliteStore(config.store.sqlitePath);
    const service = await startService(config, { store, logger: createLogger('debug', sink), clock: () => now });
    stack.push(() => service.close());
    await seed(store, now);

    // Anna's playground reaches the bot through the Dutch locale proxy; Bram's directly (en-US).
    const dutch: LocaleProxy = await startLocaleProxy(service.url, 'nl');
    stack.push(() => dutch.close());
    const endpoints = { anna: `${dutch.url}/api/messages`, bram: `${service.url}/api/messages` };

    const playgrounds: RunningPlayground[] = [];
    for (const [who, me, other] of [
      ['anna', ANNA, BRAM],
      ['bram', BRAM, ANNA],
    ] as const) {
      const workDir = path.join(dir, `playground-${who}`);
      fs.mkdirSync(workDir, { recursive: true });
      const configPath = path.join(workDir, 'playground.yml');
      fs.writeFileSync(configPath, playgroundConfigYaml(TENANT, me, [other, ...COLLEAGUES], `personal-chat-${who}`));
      const playground = await startPlayground({
        endpoint: endpoints[who],
        configPath,
        workDir,
        env: { ...process.env, HOME: workDir },
      });
      stack.push(() => playground.stop());
      playgrounds.push(playground);
    }

    const browser: Browser = await launchChromium(dir);
    stack.push(() => browser.close());
    // Opening a playground sends the personal install, which stores the person's conversation reference.
    const anna = await ChatPage.open(browser, playgrounds[0]!.url, 'Anna');
    const bram = await ChatPage.open(browser, playgrounds[1]!.url, 'Bram');

    return {
      service,
      store,
      logs,
      anna,
      bram,
      playgrounds,
      dir,
      setNow: (next) => {
        now = next;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { at };
