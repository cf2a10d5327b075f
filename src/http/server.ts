/** The restify server: /api/messages, /healthz, and whatever routes the wiring adds. */
import { isSecretUrl } from '../logging/telemetry';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Store } from '../store/store';
import type { Logger } from '../logging/logger';

export interface RouteMount {
  (server: Server): void;
}

/** A health probe must answer even when the store hangs (an unreachable Cosmos DB can take a minute). */
export const HEALTH_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createHttpServer(options: {
  store: Store;
  logger: Logger;
  mounts: readonly RouteMount[];
  healthTimeoutMs?: number;
}): Server {
  const server = restify.createServer({ name: 'tweetal', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 512 * 1024, rejectUnknown: false }));

  server.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(options.store.ping(), options.healthTimeoutMs ?? HEALTH_TIMEOUT_MS);
      res.status(200);
      res.json({ status: 'ok', store: options.store.kind });
    } catch (error) {
      options.logger.warn(
        { store: options.store.kind, err: { name: (error as Error)?.name, message: (error as Error)?.message } },
        'health check: the store cannot be reached',
      );
      res.status(503);
      res.json({ status: 'unavailable', store: options.store.kind, message: 'the store cannot be reached' });
    }
  });

  for (const mount of options.mounts) mount(server);

  server.on('restifyError', (req: Request, _res: Response, error: unknown, callback: () => void) => {
    options.logger.warn(
      { method: req.method, url: loggablePath(req.url), status: (error as { statusCode?: number }).statusCode },
      'request error',
    );
    return callback();
  });
  return server;
}

/** The path of a request for the logs: no query, and no secret that a path may carry (export links). */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return isSecretUrl(path) ? path.replace(/^(\/api\/export\/).*$/, '$1[redacted]') : path;
}
