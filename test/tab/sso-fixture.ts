/**
 * A stand-in for Microsoft Entra ID on 127.0.0.1: OpenID metadata and a JWKS with a local RSA
 * key, and a signer for Teams-SSO-shaped tokens. A second key ("forger") is not published.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export const TENANT_ID = '7a1c0e6b-2f4d-4b8e-9c3a-5d6e7f809a1b';
export const OTHER_TENANT_ID = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
export const APP_ID = '3f2e1d0c-9b8a-4765-8432-10fedcba9876';
export const AUDIENCE = `api://127.0.0.1/${APP_ID}`;

export interface TokenOptions {
  readonly oid: string;
  readonly tid?: string;
  readonly name?: string;
  readonly audience?: string;
  readonly issuer?: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  /** Sign with the unpublished key (a forged token). */
  readonly forged?: boolean;
  readonly omit?: readonly ('oid' | 'tid')[];
}

export interface SsoStandIn {
  readonly metadataUrl: string;
  readonly audience: string;
  sign(options: TokenOptions): Promise<string>;
  stop(): Promise<void>;
}

export async function startSsoStandIn(): Promise<SsoStandIn> {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const forger = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'local-key-1', use: 'sig', alg: 'RS256' };
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/common/v2.0/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
          jwks_uri: `${base}/common/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/common/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/common/v2.0/.well-known/openid-configuration`,
    audience: AUDIENCE,
    async sign(options) {
      const tid = options.tid ?? TENANT_ID;
      const claims: JWTPayload = {
        oid: options.oid,
        tid,
        ver: '2.0',
        scp: 'access_as_user',
        ...(options.name ? { name: options.name } : {}),
      };
      for (const key of options.omit ?? []) delete claims[key];
      const now = Math.floor(Date.now() / 1000);
      const key: CryptoKey = options.forged ? forger.privateKey : signing.privateKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'local-key-1', typ: 'JWT' })
        .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt(now - 60)
        .setNotBefore(now - 60)
        .setExpirationTime(now + (options.expiresIn ?? 3600))
        .sign(key);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
