/**
 * Application Insights (issue 5 point 6) for real, offline: a local HTTPS ingestion endpoint on
 * 127.0.0.1 (self-signed certificate made by openssl at test time — the SDK turns an http://
 * IngestionEndpoint into https://), the service started in a child process with the connection
 * string pointing there: the real entry point (src/index.ts) in a child process, one Teams
 * message, then SIGTERM (the service stops and flushes). The request telemetry must arrive,
 * without the message text. Without a connection string the SDK is not even loaded. Every child
 * runs with a preload that keeps all connections on 127.0.0.1 and reports any other attempt.
 */
import { strict as assert } from 'node:assert';
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { person, personalMessage } from '../support/teams-activities';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'fixtures', 'telemetry-child.ts');
const ENTRY = path.join(ROOT, 'src', 'index.ts');
const LOOPBACK_ONLY = path.join(__dirname, 'fixtures', 'loopback-only.ts');
const MESSAGE = 'MRK-TELEMETRY-7q4 Drie leerlingen stonden op tijdens de instructie';

interface ChildReport {
  status: number;
  replies: number;
  loadedModules: number;
  /** Connections attempted to anything but 127.0.0.1 (from the loopback-only preload). */
  elsewhere: string[];
}

const elsewhereIn = (stderr: string): string[] => {
  const line = stderr.split('\n').find((l) => l.startsWith('LOOPBACK-ONLY '));
  if (!line) throw new Error(`the child did not report its connections: ${stderr}`);
  return JSON.parse(line.slice('LOOPBACK-ONLY '.length)) as string[];
};

/** A clean environment: nothing of Application Insights unless given. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
  const read = new Set([...source.matchAll(/(?<![.\w])env(?:,\s*'|\.)([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (
      !read.has(key) &&
      !/^(APPLICATIONINSIGHTS|APPLICATION_INSIGHTS|OTEL_|NODE_EXTRA_CA_CERTS|NODE_TLS|NODE_ENV$)/i.test(key)
    )
      env[key] = value;
  return { ...env, ...extra };
}

/** The real entry point with this environment: waits for "listening", returns its URL and a stopper (SIGTERM) that yields stdout/stderr. */
async function startEntry(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop(): Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', LOOPBACK_ONLY, ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The port comes with the "listening" line (checked on each chunk of output, no polling); the
  // timer is only a safety net against a child that never starts.
  const port = await new Promise<number>((resolve, reject) => {
    const safety = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening" line within 60 s: ${stdout} ${stderr}`));
    }, 60_000);
    const check = () => {
      const line = stdout.split('\n').find((l) => l.includes('Tweetal is listening'));
      if (!line) return;
      clearTimeout(safety);
      child.stdout!.off('data', check);
      resolve((JSON.parse(line) as { port: number }).port);
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(safety);
      reject(new Error(`the entry point exited (${code}): ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<null>(
          (resolve) =>
            (timer = setTimeout(() => {
              child.kill('SIGKILL');
              resolve(null);
            }, 30_000)),
        ),
      ]);
      clearTimeout(timer);
      return { code, stdout, stderr };
    },
  };
}

function runChild(env: NodeJS.ProcessEnv): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', LOOPBACK_ONLY, CHILD, MESSAGE],
      { cwd: ROOT, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}`));
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve({ ...(JSON.parse(line) as Omit<ChildReport, 'elsewhere'>), elsewhere: elsewhereIn(stderr) });
        } catch {
          reject(new Error(`child printed no report: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

interface Ingestion {
  readonly url: string;
  readonly certPath: string;
  /** Every envelope received, parsed. */
  readonly envelopes: any[];
  /** Every request body received, raw (after gunzip). */
  readonly bodies: string[];
  readonly paths: string[];
  close(): Promise<void>;
}

/** A local Application Insights ingestion endpoint (Breeze: POST /v2.1/track) over HTTPS. */
async function startIngestion(): Promise<Ingestion> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-ingestion-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '2',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'pipe', timeout: 20_000 },
  );
  const envelopes: any[] = [];
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = https.createServer({ key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url}`);
      let raw = Buffer.concat(chunks);
      if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) raw = zlib.gunzipSync(raw);
      const text = raw.toString('utf8');
      bodies.push(text);
      let items: any[];
      try {
        const parsed = JSON.parse(text);
        items = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        items = text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l));
      }
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/`,
    certPath,
    envelopes,
    bodies,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

describe('Application Insights telemetry (local ingestion endpoint, child process)', function () {
  this.timeout(120_000);
  let ingestion: Ingestion;

  before(async () => {
    ingestion = await startIngestion();
  });
  after(async () => ingestion?.close());

  it('should send request telemetry of /api/messages to the ingestion endpoint, without the message text, when the connection string is set', async () => {
    const port = new URL(ingestion.url).port;
    const connector = await new ConnectorStandIn().start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-telemetry-'));
    try {
      const entry = await startEntry(
        childEnv({
          NODE_ENV: 'test',
          PORT: '0',
          HOST: '127.0.0.1',
          SQLITE_PATH: path.join(dir, 'tweetal.db'),
          SCHEDULER_ENABLED: 'false',
          // The SDK turns http:// into https://; LiveEndpoint set too, although live metrics are off.
          APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:${port}/;LiveEndpoint=http://127.0.0.1:${port}/`,
          NODE_EXTRA_CA_CERTS: ingestion.certPath, // trust the local certificate; TLS checks stay on
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', // statsbeat reports to Microsoft and asks the Azure metadata service
        }),
      );
      const response = await fetch(`${entry.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, person(1, 'Anna de Vries'), MESSAGE)),
      }).catch(async (error) => {
        throw new Error(`${(error as Error).message}: ${JSON.stringify(await entry.stop())}`);
      });
      assert.equal(response.status, 200, 'the message was handled');
      await connector.waitFor((calls) => calls.some((c) => c.method === 'POST'));
      // An export download link carries its secret in the path: it must not reach telemetry.
      const secretToken = 'SECRETTOKEN0123456789abcdefghijklmnopqrstuvw';
      const download = await fetch(`${entry.url}/api/export/${secretToken}`);
      assert.equal(download.status, 404, 'an unknown link');
      const stopped = await entry.stop(); // SIGTERM: the service closes and flushes telemetry
      assert.equal(stopped.code, 0, stopped.stderr);
      // The SDK always probes the Azure VM metadata service (169.254.169.254) when it sees no App
      // Service/AKS platform; the preload refused that attempt, so nothing left 127.0.0.1.
      assert.deepEqual(
        elsewhereIn(stopped.stderr).filter((to) => to !== '169.254.169.254:80'),
        [],
        'no other connection beyond 127.0.0.1 was even attempted',
      );
      assert.ok(ingestion.paths.length > 0, 'the endpoint received telemetry');
      assert.ok(
        ingestion.paths.every((p) => /^POST \/v2(\.1)?\/track/.test(p)),
        ingestion.paths.join(', '),
      );
      const requests = ingestion.envelopes.filter((e) => e?.data?.baseType === 'RequestData');
      const messages = requests.filter((e) => /\/api\/messages/.test(String(e.data.baseData?.url ?? '')));
      assert.equal(
        messages.length,
        1,
        `request telemetry of POST /api/messages: ${JSON.stringify(ingestion.envelopes.map((e) => [e.data?.baseType, e.data?.baseData?.name]))}`,
      );
      assert.equal(String(messages[0].data.baseData.responseCode), '200');
      assert.equal(messages[0].iKey, '00000000-0000-0000-0000-000000000000');
      const dependencies = ingestion.envelopes.filter((e) => e?.data?.baseType === 'RemoteDependencyData');
      assert.ok(
        dependencies.some((e) => /\/v3\/conversations\//.test(String(e.data.baseData?.name ?? ''))),
        'the reply to the Bot Connector is a dependency',
      );
      const everything = ingestion.bodies.join('\n');
      assert.ok(!everything.includes('MRK-TELEMETRY-7q4'), 'no message text in any telemetry');
      assert.ok(!everything.includes('Drie leerlingen'), 'no part of the message text in any telemetry');
      assert.ok(
        !everything.includes(secretToken) && !everything.includes('/api/export/'),
        'no export link in any telemetry',
      );
    } finally {
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should not load the SDK at all, and send nothing, when no connection string is set', async () => {
    const before = ingestion.paths.length;
    const report = await runChild(childEnv({ APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' }));
    assert.equal(report.status, 200);
    assert.equal(report.loadedModules, 0, 'require.cache has no applicationinsights module');
    assert.deepEqual(report.elsewhere, []);
    assert.equal(ingestion.paths.length, before, 'nothing reached the ingestion endpoint');
  });
});
