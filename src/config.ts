/**
 * The one place that reads the environment. `loadConfig(env)` validates every key and returns a
 * frozen, typed object; a wrong value throws a ConfigError naming the key and what is expected.
 * Every key is documented in `.env.example`.
 */
import { IANAZone } from 'luxon';
import { deepFreeze } from './domain/deep-freeze';
import type { StoreSettings } from './store/create-store';
import type { StoreKind } from './store/store';

export type Locale = 'nl' | 'en';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface Config {
  readonly nodeEnv: string;
  readonly port: number;
  readonly host: string;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: AppType;
    readonly appTenantId: string;
    /** Overrides of the Bot Framework's OpenID metadata (used by local tests and sovereign clouds). */
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
  };
  readonly store: StoreSettings;
  readonly defaultTimezone: string;
  readonly defaultLocale: Locale;
  /** Empty: every tenant is allowed. */
  readonly allowedTenants: readonly string[];
  readonly logLevel: LogLevel;
  readonly jobs: {
    /** Key for POST /api/jobs/*; empty disables the HTTP trigger. */
    readonly triggerKey: string;
    /** Run digests and nudges from an in-process timer. */
    readonly schedulerEnabled: boolean;
    readonly schedulerIntervalSeconds: number;
    /**
     * How long a job run's lease (and each send's claim) holds without renewal: a live run renews
     * it every third of this; a crashed run's period is picked up by another run after at most this.
     */
    readonly leaseSeconds: number;
  };
  readonly proactive: {
    readonly tenantPerSecond: number;
  };
  readonly tab: {
    /**
     * The Teams app's id: the manifest's id in the app package and the app in the tab's deep links.
     * TEAMS_APP_ID, by default the bot's app id. Set it when the school's Teams admin published the
     * app under another id (an org catalog app gets its own), or links to the tab open nothing.
     */
    readonly teamsAppId: string;
    /** Application ID URI of the tab's Entra app (api://host/appId); the audience of SSO tokens. */
    readonly ssoAudience: string;
    readonly ssoOpenIdMetadataUrl: string;
    readonly publicHostname: string;
    /**
     * Scheme and host (and port) of links to this service, e.g. the export download link. Empty:
     * the service's own listening address (the composition root fills it in after listening).
     */
    readonly publicUrl: string;
    /** Extra origins allowed to frame the tab and talk to teams-js (Teams' own are built in). */
    readonly hostOrigins: readonly string[];
  };
  readonly privacy: {
    /** Days after a programme's end date when its texts are erased (retention job). */
    readonly textRetentionDays: number;
  };
  readonly appInsightsConnectionString: string;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    expected: string,
    got: string | undefined,
  ) {
    super(`Configuration error: ${key} ${expected} (got ${got === undefined ? 'nothing' : JSON.stringify(got)})`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, key: string, fallback = ''): string {
  const value = env[key];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const value = text(env, key, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(key, `must be one of ${allowed.join(', ')}`, env[key]);
  }
  return value as T;
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = text(env, key);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(key, `must be a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = text(env, key).toLowerCase();
  if (raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(key, 'must be true or false', env[key]);
}

function url(env: Env, key: string, required: boolean, why = ''): string {
  const raw = text(env, key);
  if (raw === '') {
    if (required) throw new ConfigError(key, `must be set to an https URL${why}`, env[key]);
    return '';
  }
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(key, 'must be an http(s) URL', raw);
  }
  return raw;
}

/** A Cosmos DB database or container id: 1..255 characters, none of / \\ # ?, no trailing space. */
function cosmosName(key: string, value: string): string {
  if (value.length > 255 || /[/\\#?]/.test(value)) {
    throw new ConfigError(key, 'must be a Cosmos DB name: at most 255 characters, without / \\ # or ?', value);
  }
  return value;
}

/** A space- or comma-separated list of http(s) origins (scheme://host[:port], no path). */
function origins(env: Env, key: string): string[] {
  return text(env, key)
    .split(/[\s,]+/)
    .filter((o) => o !== '')
    .map((raw) => {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new ConfigError(key, 'must be a list of origins such as https://host.example:8443', raw);
      }
      if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== raw.replace(/\/$/, '')) {
        throw new ConfigError(
          key,
          'must be a list of origins such as https://host.example:8443 (scheme, host and port only)',
          raw,
        );
      }
      return parsed.origin;
    });
}

/** An http(s) origin (scheme, host, optional port; no path, query or fragment), without the trailing slash. */
function origin(env: Env, key: string): string {
  const raw = text(env, key);
  if (raw === '') return '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    parsed.origin !== raw.replace(/\/$/, '')
  ) {
    throw new ConfigError(key, 'must be a scheme and host such as https://tweetal.example.org (no path)', raw);
  }
  return parsed.origin;
}

/**
 * The highest per-tenant proactive rate to configure. Teams allows about 50 proactive requests per
 * second per app and tenant; the shared budget can start a slot's places more than the configured
 * average in a sliding second (`burstPerSecond` in src/teams/proactive/tenant-budget.ts: 44 at 40
 * and at 44, 55 at 45), so 44 is the highest rate whose bursts stay within Teams' limit.
 */
export const MAX_TENANT_PER_SECOND = 44;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional GUID setting; empty gives `fallback`. */
function guidOr(env: Env, key: string, fallback: string): string {
  const value = text(env, key);
  if (value === '') return fallback;
  if (!GUID.test(value)) throw new ConfigError(key, 'must be a GUID (the id of the app in Teams)', value);
  return value.toLowerCase();
}

export function loadConfig(env: Env): Config {
  // Validated: a typo such as NODE_ENV=prod must not silently switch off the production checks.
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const appId = text(env, 'MicrosoftAppId');
  if (appId !== '' && !GUID.test(appId)) {
    throw new ConfigError('MicrosoftAppId', "must be the bot's Entra app id (a GUID)", appId);
  }
  if (nodeEnv === 'production' && appId === '') {
    throw new ConfigError(
      'MicrosoftAppId',
      'must be set when NODE_ENV=production (the bot would accept unauthenticated requests)',
      env.MicrosoftAppId,
    );
  }
  const appType = oneOf<AppType>(
    env,
    'MicrosoftAppType',
    ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'],
    'MultiTenant',
  );
  const appTenantId = text(env, 'MicrosoftAppTenantId');
  if (appType !== 'MultiTenant' && appId !== '' && !GUID.test(appTenantId)) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `must be the tenant GUID when MicrosoftAppType=${appType}`,
      env.MicrosoftAppTenantId,
    );
  }
  const openIdMetadataUrl = url(env, 'ToBotFromChannelOpenIdMetadataUrl', false);
  const tokenIssuer = text(env, 'ToBotFromChannelTokenIssuer');
  // botbuilder uses its Bot Framework defaults only when neither is set; one alone would refuse every token.
  if (openIdMetadataUrl !== '' && tokenIssuer === '') {
    throw new ConfigError(
      'ToBotFromChannelTokenIssuer',
      'must be set together with ToBotFromChannelOpenIdMetadataUrl',
      env.ToBotFromChannelTokenIssuer,
    );
  }
  if (tokenIssuer !== '' && openIdMetadataUrl === '') {
    throw new ConfigError(
      'ToBotFromChannelOpenIdMetadataUrl',
      'must be set together with ToBotFromChannelTokenIssuer',
      env.ToBotFromChannelOpenIdMetadataUrl,
    );
  }
  const storeKind = oneOf<StoreKind>(env, 'STORE', ['sqlite', 'cosmos'], 'sqlite');
  const cosmosEndpoint = url(env, 'COSMOS_ENDPOINT', storeKind === 'cosmos', ' when STORE=cosmos');
  const defaultTimezone = text(env, 'DEFAULT_TIMEZONE', 'Europe/Amsterdam');
  if (!IANAZone.isValidZone(defaultTimezone)) {
    throw new ConfigError('DEFAULT_TIMEZONE', 'must be an IANA time zone such as Europe/Amsterdam', defaultTimezone);
  }
  const allowedTenants = text(env, 'ALLOWED_TENANTS')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  for (const tenant of allowedTenants) {
    if (!GUID.test(tenant))
      throw new ConfigError('ALLOWED_TENANTS', 'must be a comma-separated list of tenant GUIDs', env.ALLOWED_TENANTS);
  }
  const config: Config = {
    nodeEnv,
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    bot: {
      appId,
      appPassword: text(env, 'MicrosoftAppPassword'),
      appType,
      appTenantId,
      openIdMetadataUrl,
      tokenIssuer,
    },
    store: {
      kind: storeKind,
      sqlitePath: text(env, 'SQLITE_PATH', './data/tweetal.db'),
      cosmosEndpoint,
      cosmosKey: text(env, 'COSMOS_KEY'),
      cosmosDatabase: cosmosName('COSMOS_DATABASE', text(env, 'COSMOS_DATABASE', 'tweetal')),
      cosmosContainer: cosmosName('COSMOS_CONTAINER', text(env, 'COSMOS_CONTAINER', 'documents')),
      cosmosAllowSelfSigned: bool(env, 'COSMOS_ALLOW_SELF_SIGNED', false),
    },
    defaultTimezone,
    defaultLocale: oneOf<Locale>(env, 'DEFAULT_LOCALE', ['nl', 'en'], 'nl'),
    allowedTenants,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    jobs: {
      triggerKey: text(env, 'JOBS_KEY'),
      schedulerEnabled: bool(env, 'SCHEDULER_ENABLED', true),
      schedulerIntervalSeconds: integer(env, 'SCHEDULER_INTERVAL_SECONDS', 300, 5, 86400),
      leaseSeconds: integer(env, 'JOB_LEASE_SECONDS', 600, 30, 86400),
    },
    proactive: {
      tenantPerSecond: integer(env, 'PROACTIVE_TENANT_PER_SECOND', 40, 1, MAX_TENANT_PER_SECOND),
    },
    tab: {
      teamsAppId: guidOr(env, 'TEAMS_APP_ID', appId),
      ssoAudience: text(env, 'TAB_SSO_AUDIENCE'),
      ssoOpenIdMetadataUrl: url(env, 'TAB_SSO_OPENID_METADATA_URL', false),
      publicHostname: text(env, 'PUBLIC_HOSTNAME', 'localhost:3978'),
      publicUrl: origin(env, 'PUBLIC_URL'),
      hostOrigins: origins(env, 'TAB_HOST_ORIGINS'),
    },
    privacy: {
      textRetentionDays: integer(env, 'TEXT_RETENTION_DAYS', 365, 1, 3650),
    },
    appInsightsConnectionString: text(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING'),
  };
  if (config.jobs.triggerKey !== '' && config.jobs.triggerKey.length < 16) {
    throw new ConfigError('JOBS_KEY', 'must be at least 16 characters', '(hidden)');
  }
  if (config.store.cosmosAllowSelfSigned && nodeEnv === 'production') {
    throw new ConfigError(
      'COSMOS_ALLOW_SELF_SIGNED',
      'must not be true when NODE_ENV=production',
      env.COSMOS_ALLOW_SELF_SIGNED,
    );
  }
  return deepFreeze(config);
}

/** The process's configuration: the only read of process.env in Tweetal. */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}

/** For entry points: the process's configuration, or exit 1 with the one line that names the key. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
