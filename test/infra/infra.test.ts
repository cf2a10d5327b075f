import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { bicepParams, configKeys, objectProperty, resourceBody, topLevelEntries } from './bicep-text';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const BICEP = read('infra/main.bicep');
const CONFIG = read('src/config.ts');
const PARAMETERS = read('infra/main.parameters.json');

/**
 * Keys src/config.ts reads that the Azure template deliberately does not set, and why.
 * A key added to the config must be set in main.bicep's app settings or be listed here.
 */
const NOT_SET_IN_AZURE: Readonly<Record<string, string>> = {
  PORT: 'App Service sets PORT itself',
  HOST: 'the default 0.0.0.0 is right in App Service',
  COSMOS_KEY: 'the app uses its managed identity; keys are disabled on the account',
  COSMOS_ALLOW_SELF_SIGNED: 'only for a local emulator; refused in production',
  SQLITE_PATH: 'STORE=cosmos in Azure',
  ToBotFromChannelOpenIdMetadataUrl: 'only for local tests and sovereign clouds',
  ToBotFromChannelTokenIssuer: 'only for local tests and sovereign clouds',
  TAB_SSO_OPENID_METADATA_URL: 'Microsoft Entra ID defaults apply',
};

/** Settings for App Service itself, not read by the app. */
const PLATFORM_SETTINGS = ['WEBSITE_NODE_DEFAULT_VERSION', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

function appSettings(bicep: string): Map<string, string> {
  return topLevelEntries(objectProperty(resourceBody(bicep, 'webAppSettings'), 'properties'));
}

/** Config keys that the template neither sets nor lists as deliberately unset. */
function missingSettings(configSource: string, bicep: string): string[] {
  const settings = appSettings(bicep);
  return configKeys(configSource).filter((key) => !settings.has(key) && !(key in NOT_SET_IN_AZURE));
}

/** Mismatches between the parameters file and the template's params. */
function parameterProblems(bicep: string, parametersJson: string): string[] {
  const params = bicepParams(bicep);
  const given = Object.keys((JSON.parse(parametersJson) as { parameters: Record<string, unknown> }).parameters);
  const names = new Set(params.map((p) => p.name));
  return [
    ...params
      .filter((p) => !p.hasDefault && !given.includes(p.name))
      .map((p) => `required parameter ${p.name} has no value in main.parameters.json`),
    ...given
      .filter((name) => !names.has(name))
      .map((name) => `main.parameters.json sets ${name}, which main.bicep does not declare`),
  ];
}

describe('Azure infrastructure (infra/main.bicep)', () => {
  describe('app settings', () => {
    it('should read the config keys from src/config.ts, the calls and the direct env reads', () => {
      const keys = configKeys(CONFIG);
      assert.ok(keys.length >= 20, `only ${keys.length} keys found: the parser no longer understands src/config.ts`);
      for (const key of ['MicrosoftAppId', 'STORE', 'COSMOS_ENDPOINT', 'JOBS_KEY', 'PUBLIC_HOSTNAME', 'NODE_ENV'])
        assert.ok(keys.includes(key), key);
    });

    it('should set every key the config reads in production, except the listed ones', () => {
      assert.deepEqual(missingSettings(CONFIG, BICEP), []);
    });

    it('should fail when a key is added to the config but not to the template', () => {
      const config = CONFIG.replace(
        'export function loadConfig(env: Env): Config {',
        "export function loadConfig(env: Env): Config {\n  const extra = integer(env, 'NEW_LIMIT', 3, 1, 9);",
      );
      assert.deepEqual(missingSettings(config, BICEP), ['NEW_LIMIT']);
      const bicep = BICEP.replace(/^\s*LOG_LEVEL: logLevel\n/m, '');
      assert.notEqual(bicep, BICEP);
      assert.deepEqual(missingSettings(CONFIG, bicep), ['LOG_LEVEL']);
    });

    it('should list only real config keys as deliberately unset, and not set them anyway', () => {
      const keys = configKeys(CONFIG);
      const settings = appSettings(BICEP);
      for (const key of Object.keys(NOT_SET_IN_AZURE)) {
        assert.ok(keys.includes(key), `${key} is no longer read by src/config.ts; drop it from the allow-list`);
        assert.ok(!settings.has(key), `${key} is allow-listed as unset but main.bicep sets it`);
      }
    });

    it('should set no unknown keys (a typo in a setting name would be silently ignored by the app)', () => {
      const keys = configKeys(CONFIG);
      const unknown = [...appSettings(BICEP).keys()].filter((k) => !keys.includes(k) && !PLATFORM_SETTINGS.includes(k));
      assert.deepEqual(unknown, []);
    });

    it('should run in production on Cosmos DB with managed identity and the bot identity of the Azure Bot', () => {
      const settings = appSettings(BICEP);
      assert.equal(settings.get('NODE_ENV'), "'production'");
      assert.equal(settings.get('STORE'), "'cosmos'");
      assert.ok(!settings.has('COSMOS_KEY'));
      assert.equal(settings.get('COSMOS_ENDPOINT'), 'cosmos.properties.documentEndpoint');
      assert.equal(settings.get('MicrosoftAppId'), 'botAppId');
      const bot = topLevelEntries(objectProperty(resourceBody(BICEP, 'bot'), 'properties'));
      assert.equal(bot.get('msaAppId'), 'botAppId');
      assert.equal(bot.get('msaAppType'), settings.get('MicrosoftAppType'));
      assert.equal(bot.get('msaAppTenantId'), settings.get('MicrosoftAppTenantId'));
      assert.match(bot.get('endpoint') ?? '', /^'https:\/\/\$\{publicHostname\}\/api\/messages'$/);
      assert.equal(settings.get('PUBLIC_HOSTNAME'), 'publicHostname');
      assert.equal(settings.get('PUBLIC_URL'), "'https://${publicHostname}'", 'export links on the public host');
    });

    it('should default every regional resource, Cosmos DB included, to an EU region and say so (docs/privacy.md)', () => {
      assert.match(BICEP, /^param location string = 'westeurope'$/m);
      const decorators = bicepParams(BICEP).find((p) => p.name === 'location')?.decorators ?? [];
      assert.ok(
        decorators.some((d) => /EU region/.test(d)),
        'the description says it is an EU region',
      );
      const cosmos = resourceBody(BICEP, 'cosmos');
      assert.match(cosmos, /locationName: location/, 'Cosmos DB is in that region');
      assert.match(read('docs/privacy.md'), /westeurope/);
    });

    it('should keep secrets in Key Vault: JOBS_KEY and MicrosoftAppPassword are Key Vault references, their params @secure()', () => {
      const settings = appSettings(BICEP);
      for (const key of ['JOBS_KEY', 'MicrosoftAppPassword']) {
        assert.match(
          settings.get(key) ?? '',
          /^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'$/,
          key,
        );
      }
      const params = bicepParams(BICEP);
      for (const name of ['botAppPassword', 'jobsKey']) {
        assert.ok(params.find((p) => p.name === name)?.decorators.includes('@secure()'), `${name} must be @secure()`);
      }
      assert.match(BICEP, /Key Vault Secrets User|4633458b-17de-408a-b874-0445c86b69e6/);
    });
  });

  describe('resources', () => {
    it('should declare App Service on Linux with Node 22 LTS, a managed identity and the start command', () => {
      const site = resourceBody(BICEP, 'webApp');
      assert.match(site, /identity:\s*\{\s*type:\s*'SystemAssigned'/);
      const siteConfig = topLevelEntries(objectProperty(objectProperty(site, 'properties'), 'siteConfig'));
      assert.equal(siteConfig.get('linuxFxVersion'), "'NODE|22-lts'");
      assert.equal(siteConfig.get('appCommandLine'), "'node dist/src/index.js'");
      assert.equal(topLevelEntries(objectProperty(resourceBody(BICEP, 'plan'), 'properties')).get('reserved'), 'true');
    });

    it('should declare serverless Cosmos DB with the /schoolId container and the Data Contributor role for the app', () => {
      assert.match(resourceBody(BICEP, 'cosmos'), /capabilities:\s*\[\{\s*name:\s*'EnableServerless'\s*\}\]/);
      assert.match(resourceBody(BICEP, 'cosmosContainer'), /paths:\s*\['\/schoolId'\]/);
      const role = resourceBody(BICEP, 'cosmosDataRole');
      assert.match(BICEP, /cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
      assert.match(
        role,
        /roleDefinitionId:\s*'\$\{cosmos\.id\}\/sqlRoleDefinitions\/\$\{cosmosDataContributorRoleId\}'/,
      );
      assert.match(role, /principalId:\s*webApp\.identity\.principalId/);
    });

    it('should declare the Azure Bot with the Teams channel, Application Insights on Log Analytics and a Key Vault', () => {
      for (const type of [
        'Microsoft.BotService/botServices@',
        'Microsoft.BotService/botServices/channels@',
        'Microsoft.Insights/components@',
        'Microsoft.OperationalInsights/workspaces@',
        'Microsoft.KeyVault/vaults@',
        'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@',
        'Microsoft.Web/serverfarms@',
      ]) {
        assert.ok(BICEP.includes(`'${type}`), type);
      }
      assert.match(resourceBody(BICEP, 'teamsChannel'), /channelName:\s*'MsTeamsChannel'/);
    });
  });

  describe('main.parameters.json', () => {
    it('should give a value to every parameter without a default and name no unknown parameter', () => {
      assert.deepEqual(parameterProblems(BICEP, PARAMETERS), []);
    });

    it('should report a missing required parameter and an unknown one', () => {
      const parameters = JSON.parse(PARAMETERS) as { parameters: Record<string, unknown> };
      delete parameters.parameters.botAppId;
      parameters.parameters.cosmosKey = { value: 'x' };
      assert.deepEqual(parameterProblems(BICEP, JSON.stringify(parameters)), [
        'required parameter botAppId has no value in main.parameters.json',
        'main.parameters.json sets cosmosKey, which main.bicep does not declare',
      ]);
    });

    it('should be a deployment parameters document', () => {
      const doc = JSON.parse(PARAMETERS) as Record<string, unknown>;
      assert.match(String(doc.$schema), /deploymentParameters\.json#$/);
      assert.equal(doc.contentVersion, '1.0.0.0');
    });
  });

  describe('infra/README.md', () => {
    it('should show the deploy commands', () => {
      const readme = read('infra/README.md');
      assert.match(readme, /^#+ Deploy to Azure/m);
      for (const command of [
        'az group create',
        'az deployment group create',
        '-f infra/main.bicep',
        '-p @infra/main.parameters.json',
        'az webapp deploy',
        'npm run package',
      ]) {
        assert.ok(readme.includes(command), command);
      }
    });
  });
});
