/** The restify server: /api/messages, /healthz, and whatever routes the wiring adds. */
import restify, { type Server } from 'restify';
import type { Store } from '../store/store';
import type { Logger } from '../logging/logger';

export interface RouteMount {
  (server: Server): void;
}

export function createHttpServer(options: { store: Store; logger: Logger; mounts: readonly RouteMount[] }): Server {
  const server = restify.createServer({ name: 'tweetal', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 512 * 1024, rejectUnknown: false }));

  server.get('/healthz', async (_req, res) => {
    try {
      await options.store.ping();
      res.status(200);
      res.json({ status: 'ok', store: options.store.kind });
    } catch {
      res.status(503);
      res.json({ status: 'unavailable', store: options.store.kind, message: 'the store cannot be reached' });
    }
  });

  for (const mount of options.mounts) mount(server);

  server.on('restifyError', (req, res, error, callback) => {
    options.logger.warn({ method: req.method, url: req.url?.split('?')[0], status: (error as { statusCode?: number }).statusCode }, 'request error');
    return callback();
  });
  return server;
}
