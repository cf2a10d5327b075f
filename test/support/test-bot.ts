/**
 * Starts Tweetal for a test: real HTTP on 127.0.0.1, a real store (SQLite in a temp folder by
 * default), a Bot Connector stand-in, captured structured logs and an optional fixed clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DateTime } from 'luxon';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { startService, type RunningService, type ServiceOverrides } from '../../src/service';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { ConnectorStandIn } from './connector-stand-in';

export interface TestBot {
  readonly service: RunningService;
  readonly connector: ConnectorStandIn;
  readonly config: Config;
  readonly store: Store;
  /** Every structured log line, raw, as written. */
  readonly logs: string[];
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startTestBot(
  options: { env?: Record<string, string>; store?: Store; clock?: () => DateTime; overrides?: ServiceOverrides } = {},
): Promise<TestBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    SQLITE_PATH: path.join(dir, 'test.db'),
    SCHEDULER_ENABLED: 'false',
    ...options.env,
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
  const store = options.store ?? new SqliteStore(config.store.sqlitePath);
  const connector = await new ConnectorStandIn().start();
  const service = await startService(config, {
    store,
    logger: createLogger('debug', sink),
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.overrides,
  });
  return {
    service,
    connector,
    config,
    store,
    logs,
    async post(activity, headers = {}) {
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await response.text();
      // Proactive sends to other people go after the answer: wait for them, so tests see them (deterministic).
      await service.services.background.idle();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: response.status, body };
    },
    async stop() {
      await service.close();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
