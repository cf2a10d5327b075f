import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { tabLink } from '../../src/teams/texts-in-tab';

const ROOT = path.resolve(__dirname, '..', '..');
const GUID = '6c1d2e3f-0000-4000-8000-000000000001';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** The ConfigError loadConfig throws for this environment (fails the test when it does not throw). */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration (src/config.ts)', () => {
  describe("the Teams app's id (TEAMS_APP_ID)", () => {
    const ORG_CATALOG_ID = '0c5d7e2a-1111-4222-8333-444455556666';
    const services = (env: Record<string, string>) => ({
      config: loadConfig(env),
      publicUrl: () => 'http://127.0.0.1:3978',
    });

    it("should link to the personal tab of the app with the bot's id by default", () => {
      const link = tabLink(services({ MicrosoftAppId: GUID }), 'visit-1');
      assert.ok(link.startsWith(`https://teams.microsoft.com/l/entity/${GUID}/my-coaching?context=`), link);
      assert.deepEqual(JSON.parse(decodeURIComponent(link.split('context=')[1]!)), { subEntityId: 'visit:visit-1' });
    });

    it('should link to the app the Teams admin published under its own id, and put that id in the package', () => {
      const env = { MicrosoftAppId: GUID, TEAMS_APP_ID: ORG_CATALOG_ID.toUpperCase() };
      assert.ok(tabLink(services(env)).startsWith(`https://teams.microsoft.com/l/entity/${ORG_CATALOG_ID}/`));
      assert.equal(loadConfig(env).tab.teamsAppId, ORG_CATALOG_ID);
    });

    it("should open the tab's own page on a local run without ids, and refuse an id that is not a GUID", () => {
      assert.equal(tabLink(services({}), 'v 1'), 'http://127.0.0.1:3978/tab/index.html?visit=v%201');
      assert.equal(refusal({ TEAMS_APP_ID: 'tweetal' }).key, 'TEAMS_APP_ID');
    });
  });

  describe('defaults', () => {
    it('should start on the embedded store with Dutch defaults when the environment is empty', () => {
      const config = loadConfig({});
      assert.equal(config.nodeEnv, 'development');
      assert.equal(config.port, 3978);
      assert.equal(config.host, '0.0.0.0');
      assert.equal(config.store.kind, 'sqlite');
      assert.equal(config.store.sqlitePath, './data/tweetal.db');
      assert.equal(config.store.cosmosEndpoint, '');
      assert.equal(config.store.cosmosKey, '', 'no key: managed identity');
      assert.equal(config.store.cosmosDatabase, 'tweetal');
      assert.equal(config.store.cosmosContainer, 'documents');
      assert.equal(config.store.cosmosAllowSelfSigned, false);
      assert.equal(config.defaultTimezone, 'Europe/Amsterdam');
      assert.equal(config.defaultLocale, 'nl');
      assert.deepEqual(config.allowedTenants, []);
      assert.equal(config.logLevel, 'info');
      assert.equal(config.bot.appId, '', 'no app id: no authentication (local development)');
      assert.equal(config.bot.appType, 'MultiTenant');
      assert.equal(config.bot.openIdMetadataUrl, '');
      assert.equal(config.bot.tokenIssuer, '');
      assert.equal(config.jobs.triggerKey, '');
      assert.equal(config.jobs.schedulerEnabled, true);
      assert.equal(config.jobs.schedulerIntervalSeconds, 300);
      assert.equal(config.jobs.leaseSeconds, 600);
      assert.equal(config.proactive.tenantPerSecond, 40);
      assert.equal(config.privacy.textRetentionDays, 365, 'texts are kept a year after a programme ends');
      assert.equal(config.tab.publicUrl, '', 'links use the listening address');
    });

    it('should read the retention period and the public URL (without a trailing slash) when they are set', () => {
      const config = loadConfig({ TEXT_RETENTION_DAYS: '30', PUBLIC_URL: 'https://tweetal.example.org/' });
      assert.equal(config.privacy.textRetentionDays, 30);
      assert.equal(config.tab.publicUrl, 'https://tweetal.example.org');
      assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3978' }).tab.publicUrl, 'http://127.0.0.1:3978');
    });

    it('should treat empty and blank values as absent when a key is set to nothing', () => {
      const config = loadConfig({ PORT: '', STORE: '  ', DEFAULT_LOCALE: '', MicrosoftAppId: ' ' });
      assert.equal(config.port, 3978);
      assert.equal(config.store.kind, 'sqlite');
      assert.equal(config.defaultLocale, 'nl');
      assert.equal(config.bot.appId, '');
    });

    it('should read every documented key when it is set to a valid value', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        PORT: '8080',
        HOST: '127.0.0.1',
        MicrosoftAppId: GUID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
        STORE: 'cosmos',
        COSMOS_ENDPOINT: 'https://tweetal.documents.azure.com:443/',
        COSMOS_DATABASE: 'db',
        COSMOS_CONTAINER: 'docs',
        DEFAULT_TIMEZONE: 'America/Curacao',
        DEFAULT_LOCALE: 'en',
        ALLOWED_TENANTS: ` ${TENANT.toUpperCase()} , 11111111-2222-4333-8444-555555555555,`,
        LOG_LEVEL: 'warn',
        JOBS_KEY: 'a-key-of-sixteen-chars',
        SCHEDULER_ENABLED: 'no',
        SCHEDULER_INTERVAL_SECONDS: '60',
        JOB_LEASE_SECONDS: '90',
        PROACTIVE_TENANT_PER_SECOND: '10',
      });
      assert.equal(config.port, 8080);
      assert.equal(config.bot.appType, 'SingleTenant');
      assert.equal(config.store.kind, 'cosmos');
      assert.equal(config.store.cosmosEndpoint, 'https://tweetal.documents.azure.com:443/');
      assert.equal(config.defaultTimezone, 'America/Curacao');
      assert.equal(config.defaultLocale, 'en');
      assert.deepEqual(
        config.allowedTenants,
        [TENANT, '11111111-2222-4333-8444-555555555555'],
        'trimmed, lower-cased, empty entries dropped',
      );
      assert.equal(config.logLevel, 'warn');
      assert.equal(config.jobs.schedulerEnabled, false);
      assert.equal(config.jobs.schedulerIntervalSeconds, 60);
      assert.equal(config.jobs.leaseSeconds, 90);
    });

    it('should return a deeply frozen object when loaded', () => {
      const config = loadConfig({ ALLOWED_TENANTS: TENANT });
      for (const part of [
        config,
        config.bot,
        config.store,
        config.jobs,
        config.tab,
        config.proactive,
        config.allowedTenants,
      ]) {
        assert.ok(Object.isFrozen(part));
      }
      assert.throws(() => {
        (config as { port: number }).port = 1;
      }, TypeError);
      assert.throws(() => {
        (config.store as { kind: string }).kind = 'cosmos';
      }, TypeError);
      assert.throws(() => (config.allowedTenants as string[]).push('x'), TypeError);
      assert.equal(config.port, 3978);
    });

    it('should not read process.env when given an environment', () => {
      const before = process.env.PORT;
      process.env.PORT = 'not-a-port';
      try {
        assert.equal(loadConfig({}).port, 3978);
      } finally {
        if (before === undefined) delete process.env.PORT;
        else process.env.PORT = before;
      }
    });
  });

  describe('refusals: a ConfigError naming the key', () => {
    const cases: [key: string, env: Record<string, string>][] = [
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '80.5' }],
      ['PORT', { PORT: '0x50' }],
      ['NODE_ENV', { NODE_ENV: 'prod' }],
      ['STORE', { STORE: 'mongodb' }],
      ['STORE', { STORE: 'SQLite' }],
      ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'Mars/Olympus_Mons' }],
      ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'CEST' }],
      ['DEFAULT_LOCALE', { DEFAULT_LOCALE: 'de' }],
      ['DEFAULT_LOCALE', { DEFAULT_LOCALE: 'nl-NL' }],
      ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
      ['MicrosoftAppType', { MicrosoftAppType: 'Multitenant' }],
      ['MicrosoftAppId', { MicrosoftAppId: 'tweetal-bot' }],
      ['MicrosoftAppId', { MicrosoftAppId: `${GUID}x` }],
      ['MicrosoftAppTenantId', { MicrosoftAppId: GUID, MicrosoftAppType: 'SingleTenant' }],
      [
        'MicrosoftAppTenantId',
        { MicrosoftAppId: GUID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'contoso' },
      ],
      ['ALLOWED_TENANTS', { ALLOWED_TENANTS: 'contoso.onmicrosoft.com' }],
      ['ALLOWED_TENANTS', { ALLOWED_TENANTS: `${TENANT},not-a-guid` }],
      ['COSMOS_ENDPOINT', { STORE: 'cosmos' }],
      ['COSMOS_ENDPOINT', { STORE: 'cosmos', COSMOS_ENDPOINT: 'tweetal.documents.azure.com' }],
      ['COSMOS_ENDPOINT', { STORE: 'cosmos', COSMOS_ENDPOINT: 'ftp://tweetal.documents.azure.com' }],
      ['COSMOS_DATABASE', { COSMOS_DATABASE: 'a/b' }],
      ['COSMOS_CONTAINER', { COSMOS_CONTAINER: 'docs?' }],
      ['COSMOS_ALLOW_SELF_SIGNED', { COSMOS_ALLOW_SELF_SIGNED: 'maybe' }],
      ['COSMOS_ALLOW_SELF_SIGNED', { NODE_ENV: 'production', MicrosoftAppId: GUID, COSMOS_ALLOW_SELF_SIGNED: 'true' }],
      ['JOBS_KEY', { JOBS_KEY: 'short' }],
      ['SCHEDULER_ENABLED', { SCHEDULER_ENABLED: 'sometimes' }],
      ['SCHEDULER_INTERVAL_SECONDS', { SCHEDULER_INTERVAL_SECONDS: '1' }],
      ['JOB_LEASE_SECONDS', { JOB_LEASE_SECONDS: '5' }],
      ['PROACTIVE_TENANT_PER_SECOND', { PROACTIVE_TENANT_PER_SECOND: '500' }],
      [
        'ToBotFromChannelOpenIdMetadataUrl',
        { ToBotFromChannelOpenIdMetadataUrl: 'not a url', ToBotFromChannelTokenIssuer: 'https://api.botframework.com' },
      ],
      [
        'ToBotFromChannelTokenIssuer',
        { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/.well-known/openid-configuration' },
      ],
      ['ToBotFromChannelOpenIdMetadataUrl', { ToBotFromChannelTokenIssuer: 'https://api.botframework.com' }],
      ['TAB_SSO_OPENID_METADATA_URL', { TAB_SSO_OPENID_METADATA_URL: 'file:///etc/passwd' }],
      ['TEXT_RETENTION_DAYS', { TEXT_RETENTION_DAYS: '0' }],
      ['TEXT_RETENTION_DAYS', { TEXT_RETENTION_DAYS: 'a year' }],
      ['PUBLIC_URL', { PUBLIC_URL: 'tweetal.example.org' }],
      ['PUBLIC_URL', { PUBLIC_URL: 'https://tweetal.example.org/api' }],
      ['PUBLIC_URL', { PUBLIC_URL: 'ftp://tweetal.example.org' }],
    ];

    for (const [key, env] of cases) {
      it(`should refuse ${key} when the environment is ${JSON.stringify(env)}`, () => {
        const error = refusal(env);
        assert.equal(error.key, key);
        assert.ok(error.message.startsWith(`Configuration error: ${key} `), error.message);
        assert.ok(!error.message.includes('\n'), 'one line');
      });
    }

    it('should refuse to start in production without MicrosoftAppId, naming the key', () => {
      const error = refusal({ NODE_ENV: 'production' });
      assert.equal(error.key, 'MicrosoftAppId');
      assert.match(error.message, /NODE_ENV=production/);
    });

    it('should say what is expected when it refuses a value', () => {
      assert.match(refusal({ STORE: 'mongodb' }).message, /STORE must be one of sqlite, cosmos \(got "mongodb"\)/);
      assert.match(refusal({ PORT: 'abc' }).message, /PORT must be a whole number from 0 to 65535/);
      assert.match(
        refusal({ STORE: 'cosmos' }).message,
        /COSMOS_ENDPOINT must be set .* when STORE=cosmos \(got nothing\)/,
      );
    });

    it('should never echo the jobs key when it refuses a short one', () => {
      const error = refusal({ JOBS_KEY: 'hunter2' });
      assert.ok(!error.message.includes('hunter2'), error.message);
    });
  });

  describe('.env.example documents every key', () => {
    const configSource = fs.readFileSync(path.join(ROOT, 'src', 'config.ts'), 'utf8');
    const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split(/\r?\n/);

    /** Keys src/config.ts reads: `env, 'KEY'` in a helper call or `env.KEY` / `env['KEY']`. */
    function keysReadByConfig(): Set<string> {
      const keys = new Set<string>();
      for (const match of configSource.matchAll(/(?<![.\w])env,\s*'([A-Za-z_][A-Za-z0-9_]*)'/g)) keys.add(match[1]!);
      for (const match of configSource.matchAll(/(?<![.\w])env\.([A-Za-z_][A-Za-z0-9_]*)/g)) keys.add(match[1]!);
      for (const match of configSource.matchAll(/(?<![.\w])env\[\s*'([A-Za-z_][A-Za-z0-9_]*)'\s*\]/g))
        keys.add(match[1]!);
      return keys;
    }

    /** Keys set in .env.example, each with the line above it. */
    function documentedKeys(): Map<string, string> {
      const keys = new Map<string, string>();
      example.forEach((line, index) => {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
        if (match) keys.set(match[1]!, example[index - 1] ?? '');
      });
      return keys;
    }

    it('should find the keys the issue requires when it parses src/config.ts', () => {
      const keys = keysReadByConfig();
      for (const key of [
        'PORT',
        'MicrosoftAppId',
        'MicrosoftAppPassword',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'STORE',
        'SQLITE_PATH',
        'COSMOS_ENDPOINT',
        'COSMOS_KEY',
        'COSMOS_DATABASE',
        'DEFAULT_TIMEZONE',
        'DEFAULT_LOCALE',
        'ALLOWED_TENANTS',
        'LOG_LEVEL',
      ]) {
        assert.ok(keys.has(key), `${key} is read by src/config.ts`);
      }
    });

    it('should list each key config.ts reads in .env.example, with a comment line right above it', () => {
      const documented = documentedKeys();
      const missing: string[] = [];
      const uncommented: string[] = [];
      for (const key of keysReadByConfig()) {
        const above = documented.get(key);
        if (above === undefined) missing.push(key);
        else if (!/^#\s*\S/.test(above)) uncommented.push(key);
      }
      assert.deepEqual(missing, [], 'keys read by src/config.ts but missing from .env.example');
      assert.deepEqual(uncommented, [], 'keys in .env.example without a comment line right above them');
    });

    it('should document no key in .env.example that config.ts does not read', () => {
      const read = keysReadByConfig();
      const stale = [...documentedKeys().keys()].filter((key) => !read.has(key));
      assert.deepEqual(stale, []);
    });

    it('should leave process.env to src/config.ts when any other source file needs a setting', () => {
      const readers: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (
            entry.name.endsWith('.ts') &&
            full !== path.join(ROOT, 'src', 'config.ts') &&
            /process\.env\b/.test(fs.readFileSync(full, 'utf8'))
          ) {
            readers.push(path.relative(ROOT, full));
          }
        }
      };
      walk(path.join(ROOT, 'src'));
      assert.deepEqual(readers, []);
    });

    it('should load .env.example itself as a valid configuration', () => {
      const env = Object.fromEntries(
        [...example].flatMap((line) => {
          const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
          return match ? [[match[1]!, match[2]!]] : [];
        }),
      );
      const config = loadConfig(env);
      assert.equal(config.store.kind, 'sqlite');
      assert.equal(config.port, 3978);
    });
  });
});
