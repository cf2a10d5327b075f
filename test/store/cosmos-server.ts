/**
 * A local Cosmos DB stand-in for tests: @vercel/cosmosdb-server over HTTPS on 127.0.0.1 on a
 * random port, with a self-signed certificate made by openssl at test time (the package's own
 * certificate has expired). `intercept` lets a test answer a request itself (429, 503, …).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import type { Server } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createHttpsServer } from '@vercel/cosmosdb-server';

export type Interceptor = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export interface LocalCosmos {
  readonly endpoint: string;
  /** Every request the server saw: method, path and whether it asked for a query plan (the SDK's own look-up before a query). */
  readonly requests: { method: string; url: string; queryPlan: boolean }[];
  /** Answer requests yourself: return true when handled. Pass undefined to stop. */
  intercept(interceptor: Interceptor | undefined): void;
  close(): Promise<void>;
}

let certificate: { cert: Buffer; key: Buffer } | undefined;

function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-cosmos-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '2',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe', timeout: 20_000 },
    );
    certificate = {
      cert: fs.readFileSync(path.join(dir, 'cert.pem')),
      key: fs.readFileSync(path.join(dir, 'key.pem')),
    };
    return certificate;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startLocalCosmos(): Promise<LocalCosmos> {
  const server: Server = createHttpsServer(selfSignedCertificate());
  const [handler] = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  if (!handler) throw new Error('cosmosdb-server registered no request handler');
  server.removeAllListeners('request');
  const requests: { method: string; url: string; queryPlan: boolean }[] = [];
  let interceptor: Interceptor | undefined;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      queryPlan: String(req.headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true',
    });
    if (interceptor?.(req, res)) return;
    handler(req, res);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('cosmosdb-server has no port');
  return {
    endpoint: `https://127.0.0.1:${address.port}`,
    requests,
    intercept(next) {
      interceptor = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers a request with a Cosmos-shaped error, after draining its body. */
export function answer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): true {
  req.resume();
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-ms-activity-id', '00000000-0000-0000-0000-000000000000');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify({ code: String(status), message: `test answered ${status}` }));
  return true;
}
