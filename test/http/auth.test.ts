/**
 * Inbound authentication with MicrosoftAppId set, for real: botbuilder validates each token
 * against a local OpenID metadata + JWKS endpoint on 127.0.0.1 (ToBotFromChannelOpenIdMetadataUrl
 * with ToBotFromChannelTokenIssuer). A valid token is processed; every bad one is 401, never
 * 500, and nothing is processed: no reply, nothing stored.
 */
import { strict as assert } from 'node:assert';
import { SignJWT, UnsecuredJWT } from 'jose';
import sinon from 'sinon';
import { tenantPartitionFor } from '../../src/teams/ids';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { startTestBot, type TestBot } from '../support/test-bot';
import { cardAction, person, personalMessage, TENANT } from '../support/teams-activities';
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

describe('inbound authentication (MicrosoftAppId set, local OpenID metadata + JWKS)', () => {
  let openId: LocalOpenId;
  let key: SigningKey;
  let impostor: SigningKey;
  let bot: TestBot;
  let credentials: LocalCredentialsFactory;
  let consoleStubs: sinon.SinonStub[] = [];
  const printed: string[] = [];
  const anna = person(1, 'Anna de Vries');

  before(async () => {
    key = await signingKey('tweetal-test-key-1');
    impostor = await signingKey('tweetal-test-key-1'); // same kid, another key: a forgery
    openId = await startLocalOpenId([key]);
  });
  after(async () => openId.close());

  beforeEach(async () => {
    credentials = new LocalCredentialsFactory(APP_ID);
    bot = await startTestBot({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-the-credentials-factory-is-local',
        ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
        ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
      },
      overrides: { credentialsFactory: credentials },
    });
    printed.length = 0;
    // botbuilder's JwtTokenExtractor would write some failures with console.error (the key as PEM,
    // a stack): record any console output, so the tests can show there is none.
    consoleStubs = (['log', 'info', 'warn', 'error'] as const).map((method) =>
      sinon.stub(globalThis.console, method).callsFake((...args: unknown[]) => {
        printed.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '));
      }),
    );
  });

  afterEach(async () => {
    for (const stub of consoleStubs) stub.restore();
    consoleStubs = [];
    await bot.stop();
  });

  const message = () => personalMessage(bot.connector.url, anna, 'hulp');
  const valid = (overrides: Record<string, unknown> = {}) =>
    channelToken(key, { appId: APP_ID, serviceUrl: bot.connector.url, ...overrides });

  async function assertNothingProcessed(): Promise<void> {
    assert.deepEqual(bot.connector.calls, [], 'no call to the Bot Connector: no reply');
    assert.deepEqual(
      await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }),
      [],
      'nothing stored',
    );
  }

  async function assertRefused(authorization: string | undefined, why: string): Promise<void> {
    const response = await bot.post(message(), authorization === undefined ? {} : { authorization });
    assert.equal(response.status, 401, `${why}: ${JSON.stringify(response.body)}`);
    assert.equal(response.body.error, 'Unauthorized');
    await assertNothingProcessed();
    const refusals = bot.logs.filter((line) => line.includes('request refused: not authenticated'));
    assert.equal(refusals.length, 1, `${why}: logged once`);
    assert.ok(!bot.logs.some((line) => line.includes('"level":50')), `${why}: not logged as an error`);
    assert.deepEqual(printed, [], `${why}: nothing printed through console`);
    if (authorization) {
      const token = authorization.split(' ')[1] ?? '';
      if (token.length > 20) {
        assert.ok(!bot.logs.some((line) => line.includes(token)), `${why}: the token is never logged`);
      }
    }
  }

  it('should process a message when the token is valid: reply sent, reference stored', async () => {
    const response = await bot.post(message(), { authorization: `Bearer ${await valid()}` });
    assert.equal(response.status, 200);
    assert.equal(bot.connector.sentCards().length, 1, 'the help card is sent');
    const refs = await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' });
    assert.deepEqual(
      refs.map((r) => r.userId),
      [anna.aadObjectId],
    );
    assert.ok(openId.fetches.keys >= 1, 'the keys came from the local JWKS');
    assert.deepEqual(printed, []);
    // Overriding the inbound metadata and issuer keeps the public-cloud outbound login and scope.
    assert.deepEqual(credentials.requests[0], {
      appId: APP_ID,
      audience: 'https://api.botframework.com',
      loginEndpoint: 'https://login.microsoftonline.com/botframework.com',
    });
  });

  it('should answer a card action invoke when the token is valid', async () => {
    const response = await bot.post(cardAction(bot.connector.url, anna, 'help.show'), {
      authorization: `Bearer ${await valid()}`,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive');
  });

  it('should reuse one connector client per service URL across turns, and reply to each turn on its own service URL', async () => {
    const second = await new ConnectorStandIn().start();
    try {
      const on = async (serviceUrl: string) => {
        const token = await channelToken(key, { appId: APP_ID, serviceUrl });
        const response = await bot.post(personalMessage(serviceUrl, anna, 'hulp'), {
          authorization: `Bearer ${token}`,
        });
        assert.equal(response.status, 200);
      };
      await on(bot.connector.url);
      await on(bot.connector.url);
      await on(second.url);
      await on(bot.connector.url);
      assert.equal(bot.connector.sentCards().length, 3, 'three help cards on the first service URL');
      assert.equal(second.sentCards().length, 1, 'one on the second');
      // botbuilder asks for credentials for every new client: once per service URL for the
      // connector, once for the user-token client (it did so twice on every turn: 8 here).
      assert.equal(credentials.requests.length, 3, JSON.stringify(credentials.requests));
    } finally {
      await second.stop();
    }
  });

  it('should refuse with 401 when there is no token', async () => {
    await assertRefused(undefined, 'no token');
  });

  it('should refuse with 401 when the authorization header is malformed', async () => {
    await assertRefused('Bearer', 'scheme only');
    bot.logs.length = 0;
    await assertRefused('Bearer not.a.jwt', 'not a JWT');
    bot.logs.length = 0;
    await assertRefused(`Basic ${Buffer.from('user:pass').toString('base64')}`, 'another scheme');
    bot.logs.length = 0;
    await assertRefused(`Bearer ${await valid()} extra`, 'three parts');
  });

  it('should refuse with 401 when the token has expired', async () => {
    await assertRefused(`Bearer ${await valid({ expiresInSeconds: -3600 })}`, 'expired an hour ago');
  });

  it('should refuse with 401 when the token is not valid yet', async () => {
    await assertRefused(`Bearer ${await valid({ notBefore: Math.floor(Date.now() / 1000) + 3600 })}`, 'nbf in an hour');
  });

  it('should refuse with 401 when the audience is another bot', async () => {
    await assertRefused(`Bearer ${await valid({ appId: '00000000-1111-4222-8333-444444444444' })}`, 'wrong audience');
  });

  it('should refuse with 401 when the issuer is not the configured one', async () => {
    await assertRefused(`Bearer ${await valid({ issuer: 'https://evil.example.com' })}`, 'wrong issuer');
  });

  it('should refuse with 401 when the serviceurl claim is not the activity serviceUrl', async () => {
    await assertRefused(
      `Bearer ${await valid({ serviceUrl: 'https://smba.evil.example.com/' })}`,
      'token for another service url',
    );
  });

  it('should refuse with 401 when the signature is forged (another key, same kid)', async () => {
    const forged = await channelToken(impostor, { appId: APP_ID, serviceUrl: bot.connector.url });
    await assertRefused(`Bearer ${forged}`, 'forged signature');
  });

  it('should refuse with 401 when the signature of a valid token is tampered with', async () => {
    const [header, payload, signature] = (await valid()).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, aud: APP_ID, extra: 'x' })).toString('base64url');
    await assertRefused(`Bearer ${header}.${tampered}.${signature}`, 'payload changed after signing');
  });

  it('should refuse with 401 when the token is signed by a key the JWKS does not list', async () => {
    const unknown = await signingKey('a-kid-nobody-published');
    await assertRefused(
      `Bearer ${await channelToken(unknown, { appId: APP_ID, serviceUrl: bot.connector.url })}`,
      'unknown kid',
    );
  });

  it('should refuse with 401 when the token is HS256, keyed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT({ serviceurl: bot.connector.url })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(APP_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(key.publicPem));
    await assertRefused(`Bearer ${hs256}`, 'HS256');
  });

  it('should refuse with 401 when the token is unsigned (alg none)', async () => {
    const none = new UnsecuredJWT({ serviceurl: bot.connector.url })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(APP_ID)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await assertRefused(`Bearer ${none}`, 'alg none');
  });

  it('should refuse a card action invoke with 401 when the token is forged, and not answer it', async () => {
    const forged = await channelToken(impostor, { appId: APP_ID, serviceUrl: bot.connector.url });
    const response = await bot.post(cardAction(bot.connector.url, anna, 'help.show'), {
      authorization: `Bearer ${forged}`,
    });
    assert.equal(response.status, 401);
    assert.notEqual(response.body?.type, 'application/vnd.microsoft.card.adaptive');
    await assertNothingProcessed();
  });
});

describe('inbound authentication when the key is endorsed for another channel', () => {
  let openId: LocalOpenId;
  let key: SigningKey;
  let bot: TestBot;
  let stub: sinon.SinonStub;

  before(async () => {
    stub = sinon.stub(globalThis.console, 'error'); // botbuilder would print "Error finding key for token …"
    key = await signingKey('skype-only-key');
    openId = await startLocalOpenId([key], ['skype']);
    bot = await startTestBot({
      env: {
        MicrosoftAppId: APP_ID,
        ToBotFromChannelOpenIdMetadataUrl: openId.metadataUrl,
        ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
      },
      overrides: { credentialsFactory: new LocalCredentialsFactory(APP_ID) },
    });
  });
  after(async () => {
    stub.restore();
    await bot.stop();
    await openId.close();
  });

  it('should refuse with 401 a msteams activity signed by a key not endorsed for msteams', async () => {
    const token = await channelToken(key, { appId: APP_ID, serviceUrl: bot.connector.url });
    const response = await bot.post(personalMessage(bot.connector.url, person(1), 'hulp'), {
      authorization: `Bearer ${token}`,
    });
    assert.equal(response.status, 401);
    assert.deepEqual(bot.connector.calls, []);
    assert.equal(stub.called, false, 'nothing printed: the key is refused before botbuilder sees the token');
  });
});

describe('inbound authentication when the signing keys cannot be fetched', () => {
  let bot: TestBot;
  let stubs: sinon.SinonStub[] = [];

  before(async () => {
    // A closed port on 127.0.0.1: the OpenID metadata cannot be read.
    const closed = await startLocalOpenId([]);
    const metadataUrl = closed.metadataUrl;
    await closed.close();
    bot = await startTestBot({
      env: {
        MicrosoftAppId: APP_ID,
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromChannelTokenIssuer: LOCAL_ISSUER,
      },
      overrides: { credentialsFactory: new LocalCredentialsFactory(APP_ID) },
    });
    stubs = (['error', 'warn', 'log'] as const).map((method) => sinon.stub(globalThis.console, method));
  });
  after(async () => {
    for (const stub of stubs) stub.restore();
    await bot.stop();
  });

  it('should answer 503 (retry later), not 401 or 500, log an error and process nothing when the metadata endpoint is down', async () => {
    const key = await signingKey('any');
    const token = await channelToken(key, { appId: APP_ID, serviceUrl: bot.connector.url });
    const response = await bot.post(personalMessage(bot.connector.url, person(1), 'hulp'), {
      authorization: `Bearer ${token}`,
    });
    assert.equal(response.status, 503);
    assert.equal(response.body.error, 'ServiceUnavailable');
    assert.deepEqual(bot.connector.calls, []);
    assert.deepEqual(await bot.store.query(tenantPartitionFor(TENANT), { type: 'personReference' }), []);
    const errors = bot.logs.filter((line) => line.includes('signing keys unavailable'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /"level":50/);
    assert.ok(!errors[0]!.includes(token), 'the token is not logged');
  });

  it('should still answer 401 without a token when the metadata endpoint is down', async () => {
    const response = await bot.post(personalMessage(bot.connector.url, person(1), 'hulp'));
    assert.equal(response.status, 401);
  });
});
