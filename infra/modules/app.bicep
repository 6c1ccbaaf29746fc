// The bot's web app: Linux App Service on .NET 10, HTTPS only, always on, health-checked at /healthz.
param siteName string
param location string
param tags object
param sku string

@description('Resource id of the user-assigned identity the app runs as (and reads Key Vault with).')
param identityId string

param appInsightsConnectionString string

@description('Plain app settings.')
param settings object

@description('App settings whose values are Key Vault references.')
param referenceSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${siteName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

var allSettings = union(settings, referenceSettings, {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  ASPNETCORE_ENVIRONMENT: 'Production'
})

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(allSettings): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

output hostName string = site.properties.defaultHostName
output siteName string = site.name
