// PeerBot on Azure: App Service (Linux, .NET 10), Storage (tables and queues), Azure Bot with the Teams
// channel, Application Insights, and Key Vault for every secret the app reads.
targetScope = 'resourceGroup'

@description('Short name used in every resource name (letters, digits and hyphens).')
@minLength(3)
@maxLength(20)
param name string = 'peerbot'

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('How the bot authenticates. The Azure Bot is always single-tenant (new multi-tenant bot registrations are not allowed). UserAssignedMSI: a managed identity created here, for one tenant only. SingleTenant: an Entra app registration with a client secret; register that app as multi-tenant ("Accounts in any organizational directory") and one deployment serves every tenant that installs the Teams app.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the client id of the bot\'s Entra app registration (multi-tenant to serve many tenants).')
param botAppId string = ''

@description('SingleTenant only: a client secret of that app registration (stored in Key Vault). It also gets the Microsoft Graph token of each tenant that consented.')
@secure()
param botAppPassword string = ''

@description('What counts as one organization: the Teams tenant (guests and community tenants aside), the email domain, or the organization members declare.')
@allowed([
  'Tenant'
  'EmailDomain'
  'Declared'
])
param organizationsIdentifyBy string = 'Tenant'

@description('Tenant ids whose members come from many employers (a community or association), comma-separated: grouped by employer email domain, then by declared organization.')
param communityTenants string = ''

@description('Days the members of a tenant that removed PeerBot are kept (hidden from search) before they are erased.')
@minValue(1)
param uninstalledTenantRetentionDays int = 30

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan SKU (Basic or higher: the app runs always on).')
param appServiceSku string = 'B1'

@description('Slack app client id (empty until the Slack app exists).')
param slackClientId string = ''

@description('Slack signing secret (stored in Key Vault; empty until the Slack app exists).')
@secure()
param slackSigningSecret string = ''

@description('Slack client secret (stored in Key Vault; empty until the Slack app exists).')
@secure()
param slackClientSecret string = ''

@description('Tags on every resource.')
param tags object = {
  app: 'peerbot'
}

var suffix = uniqueString(resourceGroup().id, name)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${name}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    location: location
    tags: tags
  }
}

var storageAccountName = take('st${toLower(replace(name, '-', ''))}${suffix}', 24)

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    accountName: storageAccountName
    location: location
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    vaultName: take('kv-${name}-${suffix}', 24)
    location: location
    tags: tags
    readerIdentityName: identity.name
    storageAccountName: storageAccountName
    botAppPassword: botAppType == 'SingleTenant' ? botAppPassword : ''
    hasBotAppPassword: botAppType == 'SingleTenant' && !empty(botAppPassword)
    slackSigningSecret: slackSigningSecret
    hasSlackSigningSecret: !empty(slackSigningSecret)
    slackClientSecret: slackClientSecret
    hasSlackClientSecret: !empty(slackClientSecret)
  }
  // Reads the account's keys (an existing reference), so it must wait for the account.
  dependsOn: [
    storage
  ]
}

var appId = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    siteName: 'app-${name}-${suffix}'
    location: location
    tags: tags
    sku: appServiceSku
    identityId: identity.id
    appInsightsConnectionString: monitoring.outputs.connectionString
    settings: {
      MicrosoftAppType: botAppType
      MicrosoftAppId: appId
      MicrosoftAppTenantId: tenant().tenantId
      Slack__ClientId: slackClientId
      // Links the bot hands out (data exports) point at the app's own host.
      PublicBaseUrl: 'https://app-${name}-${suffix}.azurewebsites.net'
      // Each tenant's Graph token comes from its own authority, in this cloud.
      Graph__AuthorityHost: environment().authentication.loginEndpoint
      Graph__BaseUrl: '${environment().graph}v1.0'
      Organizations__IdentifyBy: organizationsIdentifyBy
      Organizations__CommunityTenants: communityTenants
      Privacy__UninstalledTenantRetentionDays: string(uninstalledTenantRetentionDays)
    }
    referenceSettings: vault.outputs.referenceSettings
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    botName: 'bot-${name}-${suffix}'
    displayName: 'PeerBot'
    sku: botSku
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    appType: botAppType
    appId: appId
    tenantId: tenant().tenantId
    identityId: botAppType == 'UserAssignedMSI' ? identity.id : ''
    appInsightsAppId: monitoring.outputs.appId
    tags: tags
  }
}

@description('The bot\'s host name: BOT_DOMAIN for the Teams package.')
output botDomain string = app.outputs.hostName

@description('The bot\'s Microsoft app id: BOT_ID for the Teams package.')
output botId string = appId

@description('The web app to deploy the build to.')
output webAppName string = app.outputs.siteName

@description('The Key Vault holding the secrets.')
output keyVaultName string = vault.outputs.vaultName

@description('SingleTenant (multi-tenant Entra app) only: the link a tenant\'s admin opens to consent to the app; empty for a managed identity.')
output adminConsentUrl string = botAppType == 'SingleTenant' ? '${environment().authentication.loginEndpoint}organizations/adminconsent?client_id=${appId}' : ''
