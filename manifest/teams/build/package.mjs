// Builds the Teams app package: fills manifest.template.json from settings, validates it against the
// official schema, and zips it with the icons.
//   node manifest/teams/build/package.mjs [--settings file.json] [--out dir]
// Values come from the settings file, then from environment variables of the same name (which win).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repositoryRoot, validate } from "./validate.mjs";
import { zip } from "./zip.mjs";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const host = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const rules = {
  APP_ID: [guid, "a GUID that identifies the Teams app (keep it stable across versions)"],
  BOT_ID: [guid, "the bot's Microsoft app id (client id of the app registration or managed identity)"],
  BOT_DOMAIN: [host, "the host name the bot is served from, without https:// or a path"],
  APP_VERSION: [/^\d{1,5}\.\d{1,5}\.\d{1,5}$/, "major.minor.patch"],
  DEVELOPER_NAME: [/^.{1,32}$/, "at most 32 characters"],
  WEBSITE_URL: [/^https:\/\/\S+$/, "an https URL"],
  PRIVACY_URL: [/^https:\/\/\S+$/, "an https URL"],
  TERMS_URL: [/^https:\/\/\S+$/, "an https URL"],
};

export function settingsFrom(file, env) {
  const given = file ? JSON.parse(readFileSync(file, "utf8")) : {};
  const pick = (name) => env[name] || given[name];
  const values = { APP_VERSION: "1.0.0", DEVELOPER_NAME: "PeerBot" };
  for (const name of Object.keys(rules)) values[name] = pick(name) ?? values[name];
  const site = values.BOT_DOMAIN ? `https://${values.BOT_DOMAIN}/` : undefined;
  values.WEBSITE_URL ??= site;
  values.PRIVACY_URL ??= values.WEBSITE_URL;
  values.TERMS_URL ??= values.WEBSITE_URL;
  const problems = Object.entries(rules)
    .filter(([name, [pattern]]) => !pattern.test(values[name] ?? ""))
    .map(([name, [, meaning]]) => `${name} is ${values[name] ? `'${values[name]}'` : "missing"}: expected ${meaning}`);
  return { values, problems };
}

export function fill(template, values) {
  const text = template.replace(/\$\{\{(\w+)\}\}/g, (match, name) => values[name] ?? match);
  const left = text.match(/\$\{\{\w+\}\}/g);
  if (left) throw new Error(`No value for ${[...new Set(left)].join(", ")}`);
  return JSON.parse(text);
}

const { values: args } = parseArgs({ options: { settings: { type: "string" }, out: { type: "string" } } });
const { values, problems } = settingsFrom(args.settings, process.env);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
const teams = join(repositoryRoot, "manifest", "teams");
const manifest = fill(readFileSync(join(teams, "manifest.template.json"), "utf8"), values);
const errors = validate(manifest);
if (errors.length > 0) {
  console.error("manifest.json does not match its schema:\n" + errors.join("\n"));
  process.exit(1);
}
const out = args.out ?? join(repositoryRoot, "artifacts");
mkdirSync(out, { recursive: true });
const manifestJson = Buffer.from(JSON.stringify(manifest, null, 2) + "\n");
writeFileSync(join(out, "manifest.json"), manifestJson);
writeFileSync(join(out, "peerbot-teams.zip"), zip([
  { name: "manifest.json", data: manifestJson },
  { name: "color.png", data: readFileSync(join(teams, "color.png")) },
  { name: "outline.png", data: readFileSync(join(teams, "outline.png")) },
]));
console.log(`Wrote ${join(out, "peerbot-teams.zip")} (app ${values.APP_ID}, bot ${values.BOT_ID}, ${values.BOT_DOMAIN})`);
