/**
 * A lean Bot Connector stand-in for the benchmark, on 127.0.0.1: it answers
 * POST/PUT /v3/conversations/:id/activities[/:id] with {id} at once and only counts the calls,
 * so that recording does not distort the figures (the test stand-in keeps every body).
 * Anything else gets 404, counted separately, so an unexpected call shows in the results.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ACTIVITY_PATH = /^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?$/;

export class LeanConnector {
  /** Activities the bots sent (new messages, replies and updates). */
  activities = 0;
  /** Calls the stand-in has no route for. */
  unexpected = 0;
  url = '';
  private server: http.Server | undefined;
  private nextId = 1;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      // Drain the body without keeping it.
      req.on('data', () => undefined);
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        if ((req.method === 'POST' || req.method === 'PUT') && ACTIVITY_PATH.test(path)) {
          this.activities++;
          const body = `{"id":"activity-${this.nextId++}"}`;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
          return;
        }
        this.unexpected++;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"NotFound","message":"the bench stand-in has no route for this call"}}');
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  reset(): void {
    this.activities = 0;
    this.unexpected = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
