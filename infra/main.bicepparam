// Parameters for main.bicep. Secrets are read from the environment at deployment time, never committed:
//   SLACK_SIGNING_SECRET, SLACK_CLIENT_SECRET, BOT_APP_PASSWORD (SingleTenant only).
using 'main.bicep'

param name = readEnvironmentVariable('PEERBOT_NAME', 'peerbot')
param botAppType = 'UserAssignedMSI'
param botAppId = readEnvironmentVariable('BOT_APP_ID', '')
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD', '')
param botSku = 'F0'
param appServiceSku = 'B1'
param slackClientId = readEnvironmentVariable('SLACK_CLIENT_ID', '')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param slackClientSecret = readEnvironmentVariable('SLACK_CLIENT_SECRET', '')
