// Parameters for main.bicep, read from the environment at deployment time so that no secret is committed:
//   PEERBOT_NAME, BOT_APP_TYPE (UserAssignedMSI or SingleTenant), BOT_APP_ID and BOT_APP_PASSWORD (SingleTenant only),
//   BOT_SKU (F0 or S1), SLACK_CLIENT_ID, SLACK_SIGNING_SECRET, SLACK_CLIENT_SECRET,
//   ORGANIZATIONS_IDENTIFY_BY (Tenant, EmailDomain or Declared), COMMUNITY_TENANTS (comma-separated tenant ids),
//   UNINSTALLED_TENANT_RETENTION_DAYS (30).
using 'main.bicep'

param name = readEnvironmentVariable('PEERBOT_NAME', 'peerbot')
param botAppType = readEnvironmentVariable('BOT_APP_TYPE', 'UserAssignedMSI')
param botAppId = readEnvironmentVariable('BOT_APP_ID', '')
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD', '')
param botSku = readEnvironmentVariable('BOT_SKU', 'F0')
param appServiceSku = 'B1'
param slackClientId = readEnvironmentVariable('SLACK_CLIENT_ID', '')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param slackClientSecret = readEnvironmentVariable('SLACK_CLIENT_SECRET', '')
param organizationsIdentifyBy = readEnvironmentVariable('ORGANIZATIONS_IDENTIFY_BY', 'Tenant')
param communityTenants = readEnvironmentVariable('COMMUNITY_TENANTS', '')
param uninstalledTenantRetentionDays = int(readEnvironmentVariable('UNINSTALLED_TENANT_RETENTION_DAYS', '30'))
