/**
 * Validates the Teams SSO token the tab sends as `Authorization: Bearer <token>`: signature
 * against the Entra ID signing keys (JWKS from the OpenID metadata), issuer of the token's own
 * tenant (v2 login.microsoftonline.com/{tid}/v2.0 or v1 sts.windows.net/{tid}/), audience (the
 * tab's Application ID URI or the app id), expiry, and the tenant allow-list.
 */
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config';

export const DEFAULT_OPENID_METADATA_URL =
  'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

export interface SsoIdentity {
  /** Entra object id (oid). */
  readonly userId: string;
  readonly tenantId: string;
  readonly name?: string;
}

/** Why a request was refused: 401 (no valid token), 403 (valid, not allowed), 503 (keys unreachable). */
export class SsoError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code:
      | 'missing_token'
      | 'invalid_token'
      | 'expired_token'
      | 'wrong_audience'
      | 'wrong_issuer'
      | 'bad_signature'
      | 'not_configured'
      | 'tenant_not_allowed'
      | 'keys_unavailable',
  ) {
    super(code);
    this.name = 'SsoError';
  }
}

export interface SsoVerifier {
  verify(authorization: string | undefined): Promise<SsoIdentity>;
}

export interface SsoOptions {
  readonly audiences: readonly string[];
  readonly openIdMetadataUrl: string;
  /** Lower-case tenant GUIDs; empty: all tenants. */
  readonly allowedTenants: readonly string[];
  /** Seconds of clock skew tolerated on exp/nbf. */
  readonly clockToleranceSeconds?: number;
}

export function ssoOptionsFrom(config: Config): SsoOptions {
  return {
    audiences: [config.tab.ssoAudience, config.bot.appId].filter((a) => a !== ''),
    openIdMetadataUrl: config.tab.ssoOpenIdMetadataUrl || DEFAULT_OPENID_METADATA_URL,
    allowedTenants: config.allowedTenants,
  };
}

const TID = /^[0-9a-z-]{1,64}$/i;

export function createSsoVerifier(options: SsoOptions): SsoVerifier {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const signingKeys = () => {
    keys ??= (async () => {
      const response = await fetch(options.openIdMetadataUrl, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`OpenID metadata answered ${response.status}`);
      const metadata = (await response.json()) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== 'string') throw new Error('OpenID metadata has no jwks_uri');
      return createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    })().catch((error: unknown) => {
      keys = undefined; // try again on the next request
      throw error;
    });
    return keys;
  };

  return {
    async verify(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) throw new SsoError(401, 'missing_token');
      if (options.audiences.length === 0) throw new SsoError(401, 'not_configured');
      const token = match[1]!;
      let unverified: JWTPayload;
      try {
        unverified = decodeJwt(token);
      } catch {
        throw new SsoError(401, 'invalid_token');
      }
      const tid = typeof unverified.tid === 'string' && TID.test(unverified.tid) ? unverified.tid : undefined;
      if (!tid) throw new SsoError(401, 'invalid_token');
      let jwks: ReturnType<typeof createRemoteJWKSet>;
      try {
        jwks = await signingKeys();
      } catch {
        throw new SsoError(503, 'keys_unavailable');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          algorithms: ['RS256'],
          audience: [...options.audiences],
          issuer: [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
          requiredClaims: ['exp', 'iss', 'aud', 'oid', 'tid'],
          clockTolerance: options.clockToleranceSeconds ?? 60,
        }));
      } catch (error) {
        throw refusal(error);
      }
      const oid = payload.oid;
      if (typeof oid !== 'string' || oid === '') throw new SsoError(401, 'invalid_token');
      const tenantId = tid.toLowerCase();
      if (options.allowedTenants.length > 0 && !options.allowedTenants.includes(tenantId))
        throw new SsoError(403, 'tenant_not_allowed');
      const name = typeof payload.name === 'string' && payload.name.trim() !== '' ? payload.name.trim() : undefined;
      return { userId: oid, tenantId, ...(name ? { name } : {}) };
    },
  };
}

function refusal(error: unknown): SsoError {
  if (error instanceof joseErrors.JWTExpired) return new SsoError(401, 'expired_token');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new SsoError(401, 'wrong_audience');
    if (error.claim === 'iss') return new SsoError(401, 'wrong_issuer');
    return new SsoError(401, 'invalid_token');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey)
    return new SsoError(401, 'bad_signature');
  if (error instanceof joseErrors.JWKSTimeout) return new SsoError(503, 'keys_unavailable');
  return new SsoError(401, 'invalid_token');
}
