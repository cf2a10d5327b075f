/**
 * Issue 8 item 6: a refused request leaves exactly one short structured log line, and nothing
 * else reaches stdout or stderr. Before, botbuilder printed the issuer's public key (PEM) or a
 * stack trace through `console.error` for each forged token: 600–1,000 bytes per request.
 *
 * The bot runs with authentication on (MicrosoftAppId set), over real HTTP on 127.0.0.1, against
 * a local OpenID metadata + JWKS endpoint; tokens are signed by local keys. In this process,
 * every write to process.stdout / process.stderr and every console call is recorded while the
 * forged requests run; the entry point in a child process shows the same for the whole process
 * output, byte for byte.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import sinon from 'sinon';
import { outputMatching } from '../support/child-output';
import { startTestBot, type TestBot } from '../support/test-bot';
import { person, personalMessage } from '../support/teams-activities';
import {
  channelToken,
  LOCAL_ISSUER,
  LocalCredentialsFactory,
  signingKey,
  startLocalOpenId,
  type LocalOpenId,
  type SigningKey,
} from './local-bot-framework';

const APP_ID = '3f1b6a52-7c1d-4e8a-9b0f-2a6c5d4e3f21';
const ROOT = path.resolve(__dirname, '..', '..');
/** Short: a pino line with level, time, pid, hostname, service, activityId, status, reason and msg. */
const MAX_LINE_BYTES = 400;

interface Forgery {
  readonly name: string;
  readonly reason: string;
  readonly authorization: () => Promise<string>;
}

function forgeries(key: SigningKey, impostor: SigningKey, serviceUrl: () => string): Forgery[] {
  const signed = (overrides: Record<string, unknown> = {}, with_ = key) =>
    channelToken(with_, { appId: APP_ID, serviceUrl: serviceUrl(), ...overrides });
  const now = () => Math.floor(Date.now() / 1000);
  return [
    {
      name: 'signed by another key with the same kid',
      reason: 'signature',
      authorization: async () => `Bearer ${await signed({}, impostor)}`,
    },
    {
      name: 'expired an hour ago',
      reason: 'expired',
      authorization: async () => `Bearer ${await signed({ expiresInSeconds: -3600 })}`,
    },
    {
      name: 'not valid for an hour',
      reason: 'not-yet-valid',
      authorization: async () => `Bearer ${await signed({ notBefore: now() + 3600 })}`,
    },
    {
      name: 'for another bot',
      reason: 'audience',
      authorization: async () => `Bearer ${await signed({ appId: '00000000-1111-4222-8333-444444444444' })}`,
    },
    {
      name: 'from another issuer (an emulator token)',
      reason: 'issuer',
      authorization: async () =>
        `Bearer ${await signed({ issuer: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' })}`,
    },
    {
      name: 'garbage',
      reason: 'malformed',
      authorization: async () => 'Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl',
    },
    {
      name: 'not a bearer token',
      reason: 'malformed',
      authorization: async () => `Basic ${Buffer.from('user:pass').toString('base64')}`,
    },
    {
      name: 'tampered payload',
      reason: 'signature',
      authorization: async () => {
        const [header, payload, signature] = (await signed()).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
        return `Bearer ${header}.${Buffer.from(JSON.stringify({ ...claims, extra: 'x' })).toString('base64url')}.${signature}`;
      },
    },
    {
      name: 'HS256 keyed with the public key',
      reason: 'algorithm',
      authorization: async () =>
        `Bearer ${await new SignJWT({ serviceurl: serviceUrl() })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
          .setIssuer(LOCAL_ISSUER)
          .setAudience(APP_ID)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(key.publicPem))}`,
    },
    {
      name: 'unsigned (alg none)',
      reason: 'algorithm',
      authorization: async () =>
        `Bearer ${new UnsecuredJWT({ serviceurl: serviceUrl() }).setIssuer(LOCAL_ISSUER).setAudience(APP_ID).setIssuedAt().setExpirationTime('5m').encode()}`,
    },
    {
      name: 'a kid nobody published',
      reason: 'unknown-key',
      authorization: async () => `Bearer ${await signed({}, await signingKey('nobody-published-this'))}`,
    },
  ];
}

/** Records every write to stdout/stderr and every console call until `stop()`; nothing is printed meanwhile. */
function recordOutput(): { written: string[]; stop(): void } {
  const written: string[] = [];
  const record =
    (where: string) =>
    (chunk: unknown): boolean => {
      written.push(`${where}: ${String(chunk)}`);
      return true;
    };
  const stubs = [
    sinon.stub(process.stdout, 'write').callsFake(record('stdout')),
    sinon.stub(process.stderr, 'write').callsFake(record('stderr')),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
      sinon
        .stub(console, method)
        .callsFake((...args: unknown[]) => void written.push(`console.${method}: ${args.map(String).join(' ')}`)),
    ),
  ];
  return { written, stop: () => stubs.forEach((stub) => stub.restore()) };
}

/** One refusal line: JSON, short, the fixed message and reason, no token and no key material. */
function assertOneQuietLine(lines: readonly string[], why: string, reason: string, authorization: string): void {
  assert.equal(lines.length, 1, `${why}: exactly one log line, got:\n${lines.join('\n')}`);
  const line = lines[0]!;
  assert.ok(Buffer.byteLength(line) <= MAX_LINE_BYTES, `${why}: short (${Buffer.byteLength(line)} bytes): ${line}`);
  const logged = JSON.parse(line) as Record<string, unknown>;
  assert.equal(logged.msg, 'request refused: not authenticated', why);
  assert.equal(logged.status, 401, why);
  assert.equal(logged.reason, reason, why);
  const token = authorization.split(' ')[1] ?? '';
  for (const part of token.split('.').filter((p) => p.length > 8))
    assert.ok(!line.includes(part), `${why}: no part of the token in the log`);
  assert.ok(!/BEGIN|PUBLIC KEY|CERTIFICATE|at .*\.js:\d+/.test(line), `${why}: no key and no stack in the log`);
}

describe('refused requests are quiet: one short structured log line each, nothing else on stdout/stderr', function () {
  this.timeout(90_000);
  let openId: LocalOpenId;
  let key: SigningKey;
  let impostor: SigningKey;

  before(async () => {
    key = await signingKey('quiet-test-key');
    impostor = await signingKey('quiet-test-key'); // same kid, another key
    openId = await startLocalOpenId([key]);
  });
  after(async () => openId.close());

  describe('in this process (TestBot, stdout/stderr/console recorded)', () => {
    let bot: TestBot;

    beforeEach(async () => {
      bot = await startTestBot({
        env: {
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'not-used-the-credentials-factory-is-local',
          ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
          ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
        },
        overrides: { credentialsFactory: new LocalCredentialsFactory(APP_ID) },
      });
    });
    afterEach(async () => bot.stop());

    const message = () => personalMessage(bot.connector.url, person(1, 'Anna de Vries'), 'hulp');

    it('should log each forged, expired, misaddressed or garbage token once, in one short JSON line, and print nothing', async () => {
      // Warm the key cache with a valid request first, so every forged token meets the keys.
      assert.equal(
        (
          await bot.post(message(), {
            authorization: `Bearer ${await channelToken(key, { appId: APP_ID, serviceUrl: bot.connector.url })}`,
          })
        ).status,
        200,
      );
      for (const forgery of forgeries(key, impostor, () => bot.connector.url)) {
        const authorization = await forgery.authorization();
        const before = bot.logs.length;
        const output = recordOutput();
        let status: number;
        try {
          status = (await bot.post(message(), { authorization })).status;
        } finally {
          output.stop();
        }
        assert.equal(status, 401, forgery.name);
        assert.deepEqual(output.written, [], `${forgery.name}: nothing on stdout/stderr or the console`);
        assertOneQuietLine(bot.logs.slice(before), forgery.name, forgery.reason, authorization);
      }
    });

    it('should stay quiet when forged and valid requests arrive at the same time (no global console switch)', async () => {
      const all = forgeries(key, impostor, () => bot.connector.url);
      const headers = await Promise.all(all.map((f) => f.authorization()));
      const valid = `Bearer ${await channelToken(key, { appId: APP_ID, serviceUrl: bot.connector.url })}`;
      const before = bot.logs.length;
      const output = recordOutput();
      let statuses: number[];
      try {
        statuses = await Promise.all(
          [...headers, valid, valid].map(
            async (authorization) => (await bot.post(message(), { authorization })).status,
          ),
        );
      } finally {
        output.stop();
      }
      assert.deepEqual(statuses, [...headers.map(() => 401), 200, 200]);
      assert.deepEqual(output.written, [], 'nothing on stdout/stderr or the console');
      const refusals = bot.logs.slice(before).filter((line) => line.includes('request refused'));
      assert.equal(refusals.length, all.length, 'one line per refused request');
      assert.deepEqual(
        refusals.map((line) => (JSON.parse(line) as { reason: string }).reason).sort(),
        all.map((f) => f.reason).sort(),
      );
    });

    it('should print nothing for a key not endorsed for the channel either', async () => {
      const skypeOnly = await signingKey('skype-only');
      const skypeOpenId = await startLocalOpenId([skypeOnly], ['skype']);
      const other = await startTestBot({
        env: {
          MicrosoftAppId: APP_ID,
          ToBotFromChannelOpenIdMetadataUrl: skypeOpenId.metadataUrl,
          ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
        },
        overrides: { credentialsFactory: new LocalCredentialsFactory(APP_ID) },
      });
      try {
        const authorization = `Bearer ${await channelToken(skypeOnly, { appId: APP_ID, serviceUrl: other.connector.url })}`;
        const before = other.logs.length;
        const output = recordOutput();
        let status: number;
        try {
          status = (await other.post(personalMessage(other.connector.url, person(1), 'hulp'), { authorization }))
            .status;
        } finally {
          output.stop();
        }
        assert.equal(status, 401);
        assert.deepEqual(output.written, []);
        assertOneQuietLine(other.logs.slice(before), 'not endorsed for msteams', 'endorsement', authorization);
      } finally {
        await other.stop();
        await skypeOpenId.close();
      }
    });
  });

  describe('the entry point in a child process (all of its stdout and stderr)', () => {
    it('should write exactly one short JSON line per refused request to stdout, and nothing to stderr', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-quiet-'));
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'index.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: '0',
          STORE: 'sqlite',
          SQLITE_PATH: path.join(dir, 'quiet.db'),
          SCHEDULER_ENABLED: 'false',
          MicrosoftAppId: APP_ID,
          MicrosoftAppPassword: 'never-used-no-request-is-accepted',
          ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
          ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      try {
        await outputMatching(child, () => stdout, /"msg":"Tweetal is listening"[^\n]*\n/, 60_000);
        const port = (
          JSON.parse(stdout.split('\n').find((l) => l.includes('Tweetal is listening'))!) as { port: number }
        ).port;
        const serviceUrl = 'https://smba.trafficmanager.net/emea/';
        const all = forgeries(key, impostor, () => serviceUrl);
        const startedWith = stdout.split('\n').filter(Boolean).length;
        for (const forgery of all) {
          const authorization = await forgery.authorization();
          const lines = stdout.split('\n').filter(Boolean).length;
          const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body: JSON.stringify(personalMessage(serviceUrl, person(1), 'hulp')),
          });
          assert.equal(response.status, 401, forgery.name);
          // The line is written before the answer (pino writes synchronously to fd 1); wait for it as an event.
          await outputMatching(
            child,
            () => stdout.split('\n').slice(lines).join('\n'),
            /request refused[^\n]*\n/,
            20_000,
          );
          assertOneQuietLine(
            stdout.split('\n').filter(Boolean).slice(lines),
            forgery.name,
            forgery.reason,
            authorization,
          );
        }
        assert.equal(stdout.split('\n').filter(Boolean).length, startedWith + all.length, 'nothing else on stdout');
        assert.equal(stderr, '', 'nothing on stderr');
      } finally {
        child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
