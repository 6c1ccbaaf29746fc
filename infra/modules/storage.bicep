// The account for PeerBot's tables and queues: TLS 1.2 or higher, HTTPS only, no public blob access.
param accountName string
param location string
param tags object

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app connects with a connection string today (kept in Key Vault), so shared keys stay on.
    allowSharedKeyAccess: true
    accessTier: 'Hot'
  }
}

output accountName string = account.name
