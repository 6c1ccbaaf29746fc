// Checks the compiled ARM template (modules inlined) for the settings PeerBot's security relies on.
//   node policy.mjs main.json
import { readFileSync } from "node:fs";

const template = JSON.parse(readFileSync(process.argv[2], "utf8"));
const resources = [];
(function collect(t) {
  for (const r of Object.values(t.resources ?? {})) {
    resources.push(r);
    if (r.properties?.template) collect(r.properties.template);
  }
})(template);

const failures = [];
function expect(type, description, test) {
  const found = resources.filter((r) => r.type === type && !r.existing);
  if (found.length === 0) failures.push(`no ${type} resource`);
  for (const r of found) if (!test(r.properties ?? {}, r)) failures.push(`${type}: ${description}`);
}

expect("Microsoft.Web/sites", "Linux .NET 10, HTTPS only, always on, health check /healthz, TLS 1.2+", (p) =>
  p.httpsOnly === true && p.siteConfig?.linuxFxVersion === "DOTNETCORE|10.0" && p.siteConfig.alwaysOn === true &&
  p.siteConfig.healthCheckPath === "/healthz" && p.siteConfig.minTlsVersion === "1.2" && p.siteConfig.ftpsState === "Disabled");
expect("Microsoft.Storage/storageAccounts", "TLS 1.2, HTTPS only, no public blob access", (p) =>
  p.minimumTlsVersion === "TLS1_2" && p.supportsHttpsTrafficOnly === true && p.allowBlobPublicAccess === false);
expect("Microsoft.KeyVault/vaults", "RBAC authorization, soft delete and purge protection", (p) =>
  p.enableRbacAuthorization === true && p.enableSoftDelete === true && p.enablePurgeProtection === true);
expect("Microsoft.BotService/botServices/channels", "the Microsoft Teams channel, enabled", (p) =>
  p.channelName === "MsTeamsChannel" && p.properties?.isEnabled === true);
expect("Microsoft.Insights/components", "workspace-based", (p) => typeof p.WorkspaceResourceId === "string");
const allowedTypes = template.parameters?.botAppType?.allowedValues ?? [];
if (allowedTypes.includes("MultiTenant") || !allowedTypes.includes("UserAssignedMSI") || !allowedTypes.includes("SingleTenant")) {
  failures.push("botAppType must allow UserAssignedMSI and SingleTenant only (no new multi-tenant bots; a multi-tenant Entra app goes behind SingleTenant)");
}
if (!template.outputs?.adminConsentUrl) failures.push("no adminConsentUrl output for the multi-tenant Entra app");
const identifyBy = template.parameters?.organizationsIdentifyBy?.allowedValues ?? [];
if (["Tenant", "EmailDomain", "Declared"].some((v) => !identifyBy.includes(v))) {
  failures.push("organizationsIdentifyBy must offer Tenant, EmailDomain and Declared");
}
const text = JSON.stringify(template);
for (const key of ["MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "MicrosoftAppPassword", "Storage__ConnectionString", "Slack__SigningSecret", "Slack__ClientSecret", "Slack__ClientId", "@Microsoft.KeyVault(SecretUri=", "Graph__AuthorityHost", "Organizations__IdentifyBy", "Organizations__CommunityTenants", "Privacy__UninstalledTenantRetentionDays"]) {
  if (!text.includes(key)) failures.push(`app settings never mention ${key}`);
}

for (const failure of failures) console.error(failure);
console.log(failures.length === 0 ? `template policy: ${resources.length} resources checked, clean` : `template policy: ${failures.length} failures`);
process.exit(failures.length === 0 ? 0 : 1);
