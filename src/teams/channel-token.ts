/**
 * A first check of an inbound channel token, before botbuilder sees it (issue 8 item 6).
 *
 * botbuilder's JwtTokenExtractor writes to stderr through `console.error` whenever a token it
 * tries to verify fails: the issuer's public key as PEM (forged or tampered signature, an HS256
 * or unsigned token, a key not endorsed for the channel, not yet valid) or a whole stack trace
 * (expired) — 600 to 1,000 bytes per forged request, outside our logger. So every token is
 * checked here first, the same way botbuilder checks a channel token (issuer, RS256/384/512
 * signature by a key of the channel's OpenID metadata, exp/nbf with 5 minutes of clock
 * tolerance, the audience through the credentials factory, the key's endorsements), and a token
 * that would fail there is refused here with a short reason and nothing printed. A token that
 * passes is then validated by botbuilder as before, which still has the last word.
 *
 * Only channel tokens pass: Tweetal is a Teams bot, not a skill and not for the Bot Framework
 * Emulator, whose tokens botbuilder would check against Microsoft's other metadata (and print
 * the same way). Errors are botframework-connector AuthenticationErrors: 401 with a `reason`, or
 * 500 "Failed to load Keys" when the signing keys cannot be read (authentication.ts makes it 503).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { AuthenticationError } from 'botframework-connector';

export type RefusalReason =
  | 'malformed'
  | 'issuer'
  | 'algorithm'
  | 'unknown-key'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'endorsement';

/** A token refused before botbuilder saw it; `reason` is one fixed word, never token content. */
export class TokenRefused extends AuthenticationError {
  constructor(readonly reason: RefusalReason) {
    super(`Unauthorized: the token was refused (${reason})`, 401);
    this.name = 'TokenRefused';
  }
}

/** botbuilder's clock tolerance for channel tokens (ChannelValidation), in seconds. */
const CLOCK_TOLERANCE_S = 5 * 60;
const HASH_OF_ALG: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
/** Keys are read again after this long (they rotate), and at most this often for an unknown kid. */
const KEYS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KID_REFRESH_MS = 5 * 60 * 1000;

interface ChannelKey {
  readonly key: KeyObject;
  readonly endorsements: unknown;
}

interface Jwk {
  readonly kid?: unknown;
  readonly kty?: unknown;
  readonly n?: unknown;
  readonly e?: unknown;
  readonly x5c?: unknown;
  readonly endorsements?: unknown;
}

function publicKeyOf(jwk: Jwk): KeyObject | undefined {
  try {
    if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string')
      return createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    if (Array.isArray(jwk.x5c) && typeof jwk.x5c[0] === 'string')
      return createPublicKey(`-----BEGIN CERTIFICATE-----\n${jwk.x5c[0]}\n-----END CERTIFICATE-----\n`);
  } catch {
    // A key we cannot read verifies nothing; the others still count.
  }
  return undefined;
}

/** The signing keys of one OpenID metadata document, by kid, read when needed. */
class SigningKeys {
  private keys = new Map<string, ChannelKey>();
  private loadedAt: number | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly metadataUrl: string,
    private readonly now: () => number,
  ) {}

  async get(kid: string): Promise<ChannelKey | undefined> {
    const age = this.loadedAt === undefined ? Infinity : this.now() - this.loadedAt;
    const known = this.keys.get(kid);
    if (known && age < KEYS_MAX_AGE_MS) return known;
    if (!known && age < UNKNOWN_KID_REFRESH_MS) return undefined;
    try {
      await this.load();
    } catch (error) {
      if (known) return known; // keep using a key we have while the metadata cannot be read
      throw error;
    }
    return this.keys.get(kid);
  }

  private load(): Promise<void> {
    this.loading ??= this.read().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(): Promise<void> {
    const json = async (url: string, what: string): Promise<unknown> => {
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new AuthenticationError(`Failed to load ${what}: ${(error as Error).name}`, 500);
      }
      if (!response.ok) throw new AuthenticationError(`Failed to load ${what}: ${response.status}`, 500);
      return response.json().catch(() => {
        throw new AuthenticationError(`Failed to load ${what}: not JSON`, 500);
      });
    };
    const metadata = (await json(this.metadataUrl, 'openID config')) as { jwks_uri?: unknown } | null;
    if (typeof metadata?.jwks_uri !== 'string') throw new AuthenticationError('Failed to load openID config', 500);
    const jwks = (await json(metadata.jwks_uri, 'Keys')) as { keys?: unknown } | null;
    if (!Array.isArray(jwks?.keys)) throw new AuthenticationError('Failed to load Keys: no keys', 500);
    const keys = new Map<string, ChannelKey>();
    for (const jwk of jwks.keys as Jwk[]) {
      const key = typeof jwk?.kid === 'string' ? publicKeyOf(jwk) : undefined;
      if (key) keys.set(jwk.kid as string, { key, endorsements: jwk.endorsements });
    }
    this.keys = keys;
    this.loadedAt = this.now();
  }
}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  if (!part || !/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface ChannelTokenCheckOptions {
  /** The channel's OpenID metadata URL (config or botbuilder's public-cloud default). */
  readonly metadataUrl: string;
  /** The channel's token issuer (config or botbuilder's public-cloud default). */
  readonly issuer: string;
  /** The audience check botbuilder uses: the credentials factory's isValidAppId. */
  readonly isValidAppId: (appId: string) => Promise<boolean>;
  /** Milliseconds since the epoch (default Date.now). */
  readonly now?: () => number;
}

export type ChannelTokenCheck = (authHeader: string, channelId: string | undefined) => Promise<void>;

/** Resolves for a header botbuilder would accept as a channel token; else throws TokenRefused (or 500, see above). */
export function channelTokenCheck(options: ChannelTokenCheckOptions): ChannelTokenCheck {
  const now = options.now ?? Date.now;
  const keys = new SigningKeys(options.metadataUrl, now);
  return async (authHeader, channelId) => {
    const parts = authHeader.split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer') throw new TokenRefused('malformed');
    const segments = parts[1]!.split('.');
    if (segments.length !== 3) throw new TokenRefused('malformed');
    const [headerPart, payloadPart, signaturePart] = segments as [string, string, string];
    const header = decodePart(headerPart);
    const payload = decodePart(payloadPart);
    if (!header || !payload || !/^[A-Za-z0-9_-]*$/.test(signaturePart)) throw new TokenRefused('malformed');
    if (payload.iss !== options.issuer) throw new TokenRefused('issuer');
    const hash = typeof header.alg === 'string' ? HASH_OF_ALG[header.alg] : undefined;
    if (!hash) throw new TokenRefused('algorithm');
    const key = typeof header.kid === 'string' ? await keys.get(header.kid) : undefined;
    if (!key) throw new TokenRefused('unknown-key');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
    const signatureHolds = (() => {
      try {
        return verify(hash, signed, key.key, Buffer.from(signaturePart, 'base64url'));
      } catch {
        return false; // e.g. a signature of the wrong length for the key
      }
    })();
    if (!signatureHolds) throw new TokenRefused('signature');
    const seconds = Math.floor(now() / 1000);
    if (payload.exp !== undefined && (typeof payload.exp !== 'number' || seconds >= payload.exp + CLOCK_TOLERANCE_S))
      throw new TokenRefused('expired');
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > seconds + CLOCK_TOLERANCE_S))
      throw new TokenRefused('not-yet-valid');
    if (typeof payload.aud !== 'string' || !(await options.isValidAppId(payload.aud)))
      throw new TokenRefused('audience');
    const { endorsements } = key;
    if (
      channelId &&
      channelId.trim() !== '' &&
      Array.isArray(endorsements) &&
      endorsements.length > 0 &&
      !endorsements.includes(channelId)
    )
      throw new TokenRefused('endorsement');
  };
}
