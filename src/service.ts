/**
 * Builds the running service from a config: store → logger → router → bot → adapter → HTTP.
 * Used by the entry point, the tests and the benchmark alike; it wires and does nothing else.
 */
import type { Server } from 'restify';
import type { AddressInfo } from 'node:net';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from './config';
import { createLogger, type Logger } from './logging/logger';
import { startTelemetry, type Telemetry } from './logging/telemetry';
import { createStore } from './store/create-store';
import type { Store } from './store/store';
import { createAdapter, type TweetalAdapter } from './teams/adapter';
import { TweetalBot } from './teams/bot';
import type { Services } from './teams/context';
import { createBackground } from './teams/background';
import { createRouter } from './teams/features';
import { createHttpServer } from './http/server';
import { mountMessagesRoute } from './http/messages-route';
import { activityReceiver } from './teams/incoming';
import { mountTabApi } from './http/tab-api';
import { refreshCardsAfterTabWrite } from './teams/features/visits/tab-writes';
import { tellPairTheAnswer } from './app/needs/leader-answer';
import { mountTabStatic } from './http/tab-static';
import type { Messenger } from './app/messenger';
import { ProactiveSender } from './teams/proactive/sender';
import { StoreTenantBudget } from './teams/proactive/tenant-budget';
import { createJobs, type JobOverrides, type Jobs } from './jobs/wiring';
import { jobPortsFor } from './job-ports';
import { mountJobsRoute } from './http/jobs-route';
import { mountExportRoute } from './http/export-route';
import { installZoneOffsetCache } from './time/zone-offset-cache';
import { ReadPlans } from './teams/read-plans';
import { RememberedCards } from './cards/remembered-cards';

export interface ServiceOverrides {
  readonly store?: Store;
  readonly logger?: Logger;
  readonly clock?: () => DateTime;
  /** Outbound Bot Connector credentials (tests use a local stand-in instead of Entra ID). */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
  /** Replaces the rate-limited proactive sender (app-level tests pass a recording fake). */
  readonly messenger?: Messenger;
  /** Job scheduler settings for tests (lease holder, wall clock, lease time, school hours). */
  readonly jobs?: JobOverrides;
  /** Telemetry the entry point started before loading http (OpenTelemetry instruments modules as they load). */
  readonly telemetry?: Telemetry;
}

export interface RunningService {
  readonly server: Server;
  readonly url: string;
  readonly services: Services;
  readonly adapter: TweetalAdapter;
  readonly bot: TweetalBot;
  /** The scheduler, the trigger's runner and the runs' outcomes. */
  readonly jobs: Jobs;
  close(): Promise<void>;
}

export async function startService(config: Config, overrides: ServiceOverrides = {}): Promise<RunningService> {
  installZoneOffsetCache();
  const telemetry = overrides.telemetry ?? startTelemetry(config.appInsightsConnectionString);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = overrides.store ?? createStore(config);
  await store.init();
  const adapter = createAdapter(config, logger, overrides.credentialsFactory);
  // The same instant as DateTime.utc(), made in half the time (once per turn: issue 12).
  const clock = overrides.clock ?? (() => DateTime.fromMillis(Date.now(), { zone: FixedOffsetZone.utcInstance }));
  const messenger =
    overrides.messenger ??
    new ProactiveSender({
      adapter,
      botAppId: config.bot.appId,
      store,
      logger,
      tenantPerSecond: config.proactive.tenantPerSecond,
      // One budget per tenant over all instances, in the store (src/teams/proactive/tenant-budget.ts).
      tenantBudget: new StoreTenantBudget({ store, perSecond: config.proactive.tenantPerSecond, logger }),
      isoNow: () => clock().toUTC().toISO()!,
    });
  const background = createBackground(logger);
  const ports = jobPortsFor(store);
  const jobs = createJobs(
    {
      store,
      logger,
      clock,
      messenger,
      ports,
      intervalMs: config.jobs.schedulerIntervalSeconds * 1000,
      leaseMs: config.jobs.leaseSeconds * 1000,
      retentionDays: config.privacy.textRetentionDays,
      afterAnswer: (label, task) => background.run(label, task),
    },
    overrides.jobs,
  );
  let listeningUrl = '';
  const services: Services = {
    config,
    store,
    logger,
    clock,
    messenger,
    background,
    directory: ports.directory,
    encourage: jobs.encourage,
    publicUrl: () => config.tab.publicUrl || listeningUrl,
    rememberedCards: new RememberedCards(),
    readPlans: new ReadPlans(),
  };
  const router = createRouter();
  const bot = new TweetalBot(services, router);
  const server = createHttpServer({
    store,
    logger,
    mounts: [
      (s) => mountMessagesRoute(s, activityReceiver(adapter, bot), logger),
      (s) => mountTabStatic(s, { nodeEnv: config.nodeEnv, hostOrigins: config.tab.hostOrigins, logger }),
      (s) =>
        mountTabApi(s, {
          config,
          store,
          logger,
          clock: services.clock,
          afterWrite: (write) => refreshCardsAfterTabWrite(services, write),
          afterNeedAnswer: ({ school, needId, leaderName }) =>
            background.run(
              'needs.tell-pair',
              () =>
                tellPairTheAnswer(
                  { store, messenger, directory: ports.directory(), logger, wallNow: clock },
                  school,
                  needId,
                  clock(),
                  leaderName,
                ),
              { ids: { schoolId: school.schoolId, needId }, key: `school:${school.schoolId}` },
            ),
        }),
      (s) => mountJobsRoute(s, { triggerKey: config.jobs.triggerKey, jobs, logger }),
      (s) => mountExportRoute(s, { store, logger, clock: services.clock, timezone: config.defaultTimezone }),
    ],
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  listeningUrl = url;
  if (config.jobs.schedulerEnabled) jobs.scheduler.start();
  logger.info(
    { port: address.port, store: store.kind, auth: config.bot.appId ? 'bot-framework' : 'none (local development)' },
    'Tweetal is listening',
  );
  return {
    server,
    url,
    services,
    adapter,
    bot,
    jobs,
    async close() {
      await jobs.scheduler.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      // Deliveries started after answering get a bounded time to finish before the store closes.
      if (!(await background.idle(10_000)))
        logger.warn({ pending: background.pending }, 'closing with background work still running');
      await store.close();
      await telemetry.stop();
    },
  };
}
