// The Azure Bot registration with the Microsoft Teams channel.
param botName string
param displayName string
param sku string
param endpoint string

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param appType string

param appId string

@description('Entra tenant of the bot identity.')
param tenantId string

@description('Resource id of the user-assigned identity (UserAssignedMSI only, else empty).')
param identityId string

param appInsightsAppId string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: empty(identityId) ? null : identityId
    developerAppInsightsApplicationId: appInsightsAppId
    disableLocalAuth: true
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
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
