// Tweetal on Azure: App Service (Linux, Node 22 LTS) with a system-assigned managed identity,
// an Azure Bot with the Teams channel, Cosmos DB (serverless, NoSQL API) reached with that identity,
// Log Analytics + Application Insights, and a Key Vault that holds the secrets the app settings
// refer to. Deploy: see infra/README.md ("Deploy to Azure").
//
// The app settings below are checked by test/infra/infra.test.ts against the keys src/config.ts
// reads: a key added to the config must be set here or be added to that test's allow-list.

targetScope = 'resourceGroup'

@description('Azure region for every regional resource, Cosmos DB (all stored data) included. Default: westeurope (Netherlands), an EU region, so that schools\' data stays in the EU; choose another EU region (e.g. northeurope, swedencentral) only deliberately.')
param location string = 'westeurope'

@description('Short lowercase prefix of resource names.')
@minLength(2)
@maxLength(12)
param namePrefix string = 'tweetal'

@description('Name of the Web App; its default host name <name>.azurewebsites.net becomes PUBLIC_HOSTNAME. Must be globally unique.')
param webAppName string = '${namePrefix}-${uniqueString(resourceGroup().id)}'

@description('App Service plan SKU (B1 or higher: Always On keeps the scheduler running).')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'B1'

@description('Entra app id (client id) of the bot\'s single-tenant app registration. It is also the SSO app of the personal tab (Application ID URI api://<host>/<app id>).')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Id of the app in Teams when the Teams admin published it under another id than the bot\'s (an org catalog app); empty: the bot\'s app id.')
param teamsAppId string = ''

@description('Client secret of that app registration. Stored in Key Vault; the Web App reads it through a Key Vault reference.')
@secure()
@minLength(1)
param botAppPassword string

@description('Secret for POST /api/jobs/* (header x-jobs-key), at least 16 characters. Default: a new GUID on every deployment (the key rotates).')
@secure()
@minLength(16)
param jobsKey string = newGuid()

@description('Azure Bot pricing tier. F0 is free (standard channels such as Teams are free on both).')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Tweetal'

@description('Comma-separated tenant GUIDs allowed to use the bot. Default: this deployment\'s tenant only.')
param allowedTenants string = tenant().tenantId

@description('IANA time zone of schools that have not set their own.')
param defaultTimezone string = 'Europe/Amsterdam'

@description('Language when Teams does not tell the user\'s locale.')
@allowed(['nl', 'en'])
param defaultLocale string = 'nl'

@description('Days after a programme ends when its texts are erased (TEXT_RETENTION_DAYS).')
@minValue(1)
@maxValue(3650)
param textRetentionDays int = 365

@description('Log level of the app.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Run digests and nudges from the in-process timer. Keep true unless an external scheduler calls /api/jobs/*.')
param schedulerEnabled bool = true

@description('Seconds between scheduler ticks (5..86400).')
@minValue(5)
@maxValue(86400)
param schedulerIntervalSeconds int = 300

@description('Seconds a job run holds its lease (renewed while it runs); a crashed run is taken over after this (30..86400).')
@minValue(30)
@maxValue(86400)
param jobLeaseSeconds int = 600

@description('Proactive messages per second per tenant (1..44: bursts stay within Teams\' limit of about 50).')
@minValue(1)
@maxValue(44)
param proactiveTenantPerSecond int = 40

@description('Days after a programme ends before its teachers\' texts are erased (TEXT_RETENTION_DAYS; counts and completion stay).')
@minValue(1)
@maxValue(3650)
param textRetentionDays int = 365

@description('Cosmos DB database and container names (the container is partitioned by /schoolId).')
param cosmosDatabaseName string = 'tweetal'
param cosmosContainerName string = 'documents'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

var suffix = uniqueString(resourceGroup().id)
var tags = { app: 'tweetal' }
var publicHostname = '${webAppName}.azurewebsites.net'
// Built-in role ids.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------- monitoring

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------- Cosmos DB (serverless, NoSQL)

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: '${namePrefix}-cosmos-${suffix}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    // Keys are switched off: the app authenticates with its managed identity (no COSMOS_KEY).
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
  }
}

resource cosmosContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: cosmosDatabase
  name: cosmosContainerName
  properties: {
    resource: {
      id: cosmosContainerName
      partitionKey: { paths: ['/schoolId'], kind: 'Hash', version: 2 }
      // -1: TTL enabled per document, nothing expires by default.
      defaultTtl: -1
    }
  }
}

// Data-plane role "Cosmos DB Built-in Data Contributor" for the Web App's identity.
resource cosmosDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, webApp.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: webApp.identity.principalId
    scope: cosmos.id
  }
}

// ---------------------------------------------------------------- Key Vault (secrets)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${namePrefix}-${take(suffix, 8)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource jobsKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'jobs-key'
  properties: { value: jobsKey }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

// "Key Vault Secrets User" for the Web App's identity, so its Key Vault references resolve.
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// The app settings are a separate resource so they are written after the identity has its roles:
// the Key Vault references then resolve on the first start.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [vaultSecretsUser, cosmosDataRole, cosmosContainer]
  properties: {
    // --- platform (read by App Service, not by the app) ---
    WEBSITE_NODE_DEFAULT_VERSION: '~22'
    // The zip that is deployed is already built (dist/ + production node_modules, see infra/README.md).
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    // --- the app's configuration (src/config.ts, documented in .env.example) ---
    NODE_ENV: 'production'
    MicrosoftAppId: botAppId
    TEAMS_APP_ID: teamsAppId
    MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
    MicrosoftAppType: 'SingleTenant'
    MicrosoftAppTenantId: tenant().tenantId
    STORE: 'cosmos'
    COSMOS_ENDPOINT: cosmos.properties.documentEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    COSMOS_CONTAINER: cosmosContainerName
    DEFAULT_TIMEZONE: defaultTimezone
    DEFAULT_LOCALE: defaultLocale
    ALLOWED_TENANTS: allowedTenants
    LOG_LEVEL: logLevel
    JOBS_KEY: '@Microsoft.KeyVault(SecretUri=${jobsKeySecret.properties.secretUri})'
    SCHEDULER_ENABLED: string(schedulerEnabled)
    SCHEDULER_INTERVAL_SECONDS: string(schedulerIntervalSeconds)
    JOB_LEASE_SECONDS: string(jobLeaseSeconds)
    PROACTIVE_TENANT_PER_SECOND: string(proactiveTenantPerSecond)
    TEXT_RETENTION_DAYS: string(textRetentionDays)
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    TAB_SSO_AUDIENCE: 'api://${publicHostname}/${botAppId}'
    PUBLIC_HOSTNAME: publicHostname
    PUBLIC_URL: 'https://${publicHostname}'
    TEXT_RETENTION_DAYS: string(textRetentionDays)
  }
}

// ---------------------------------------------------------------- Azure Bot + Teams channel

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${publicHostname}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenant().tenantId
    developerAppInsightKey: appInsights.properties.InstrumentationKey
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------- outputs

output webAppName string = webApp.name
output publicHostname string = publicHostname
output messagingEndpoint string = 'https://${publicHostname}/api/messages'
output tabSsoAudience string = 'api://${publicHostname}/${botAppId}'
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output keyVaultName string = vault.name
output botResourceName string = bot.name
