/**
 * A local stand-in for the Bot Framework's token side, on 127.0.0.1: an OpenID metadata document
 * and a JWKS with a local RSA key, tokens signed the way the Bot Connector signs them, and an
 * outbound credentials factory that asks Entra ID for nothing (outbound auth is Microsoft's cloud).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import {
  MicrosoftAppCredentials,
  ServiceClientCredentialsFactory,
  type ServiceClientCredentials,
} from 'botframework-connector';

export const LOCAL_ISSUER = 'https://api.botframework.test';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicPem: string;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return { kid, privateKey, publicJwk: await exportJWK(publicKey), publicPem: await exportSPKI(publicKey) };
}

export interface LocalOpenId {
  /** The OpenID metadata URL (ToBotFromChannelOpenIdMetadataUrl). */
  readonly metadataUrl: string;
  readonly issuer: string;
  /** How many times the metadata and the keys were fetched. */
  readonly fetches: { metadata: number; keys: number };
  close(): Promise<void>;
}

/** Serves /.well-known/openid-configuration and /keys for the given keys, each endorsed for `endorsements`. */
export async function startLocalOpenId(
  keys: readonly SigningKey[],
  endorsements: readonly string[] = ['msteams'],
): Promise<LocalOpenId> {
  const fetches = { metadata: 0, keys: 0 };
  let base = '';
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      fetches.metadata++;
      return send(200, {
        issuer: LOCAL_ISSUER,
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.url === '/keys') {
      fetches.keys++;
      return send(200, {
        keys: keys.map((k) => ({ ...k.publicJwk, kid: k.kid, use: 'sig', alg: 'RS256', endorsements })),
      });
    }
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openid-configuration`,
    issuer: LOCAL_ISSUER,
    fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A channel token as the Bot Connector sends it: RS256, kid, iss, aud = the bot's app id, serviceurl. */
export async function channelToken(
  key: SigningKey,
  claims: {
    appId: string;
    serviceUrl: string;
    issuer?: string;
    expiresInSeconds?: number;
    notBefore?: number;
  } & JWTPayload,
  header: { kid?: string } = {},
): Promise<string> {
  const { appId, serviceUrl, issuer = LOCAL_ISSUER, expiresInSeconds = 300, notBefore, ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ serviceurl: serviceUrl, ...rest })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: header.kid ?? key.kid })
    .setIssuer(issuer)
    .setAudience(appId)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + expiresInSeconds);
  if (notBefore !== undefined) jwt.setNotBefore(notBefore);
  return jwt.sign(key.privateKey);
}

/**
 * Outbound credentials for tests: the bot's app id is checked as botbuilder does, but no token is
 * requested from Entra ID (the Bot Connector stand-in does not ask for one).
 */
export class LocalCredentialsFactory extends ServiceClientCredentialsFactory {
  /** What botbuilder asked credentials for: app id, audience (OAuth scope) and login endpoint. */
  readonly requests: { appId: string; audience: string | undefined; loginEndpoint: string }[] = [];

  constructor(private readonly appId: string) {
    super();
  }

  async isValidAppId(appId = ''): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
  ): Promise<ServiceClientCredentials> {
    this.requests.push({ appId, audience, loginEndpoint });
    return MicrosoftAppCredentials.Empty;
  }
}
