// Key Vault (RBAC) with the app's secrets; the app's identity may read them and nothing more.
param vaultName string
param location string
param tags object

@description('Name of the user-assigned identity the web app uses for Key Vault references.')
param readerIdentityName string

param storageAccountName string

@description('Which of the optional secrets were given (their values are not needed to know that).')
param hasBotAppPassword bool
param hasSlackSigningSecret bool
param hasSlackClientSecret bool

@secure()
param botAppPassword string

@secure()
param slackSigningSecret string

@secure()
param slackClientSecret string

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: readerIdentityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Key Vault Secrets User: read secret values, nothing else.
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, reader.id, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: reader.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (hasBotAppPassword) {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource slackSigningSecretValue 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (hasSlackSigningSecret) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

resource slackClientSecretValue 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (hasSlackClientSecret) {
  parent: vault
  name: 'slack-client-secret'
  properties: {
    value: slackClientSecret
  }
}

func reference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

@description('App settings that point at the secrets (Key Vault references, not values); only secrets that were given.')
output referenceSettings object = union(
  {
    Storage__ConnectionString: reference(storageSecret.properties.secretUri)
  },
  !hasBotAppPassword ? {} : { MicrosoftAppPassword: reference(botSecret!.properties.secretUri) },
  !hasSlackSigningSecret ? {} : { Slack__SigningSecret: reference(slackSigningSecretValue!.properties.secretUri) },
  !hasSlackClientSecret ? {} : { Slack__ClientSecret: reference(slackClientSecretValue!.properties.secretUri) }
)

output vaultName string = vault.name
