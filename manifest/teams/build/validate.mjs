// Validates a Teams app manifest against the official JSON schema shipped in @microsoft/app-manifest.
//   node manifest/teams/build/validate.mjs path/to/manifest.json   (exit 1 and the errors when invalid)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const tools = createRequire(join(repositoryRoot, "tools", "package.json"));

export function schemaPath(manifestVersion) {
  const packageDir = dirname(tools.resolve("@microsoft/app-manifest/package.json"));
  return join(packageDir, "build", "json-schemas", "teams", `v${manifestVersion}`, "MicrosoftTeams.schema.json");
}

/** Errors of the manifest against the schema of its own manifestVersion; empty when valid. */
export function validate(manifest) {
  const Ajv = tools("ajv-draft-04");
  const addFormats = tools("ajv-formats");
  // strict off: Microsoft's schemas use keywords ajv does not know (e.g. "deprecationMessage").
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(schemaPath(manifest.manifestVersion), "utf8"));
  const check = ajv.compile(schema);
  return check(manifest) ? [] : check.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node validate.mjs manifest.json");
    process.exit(2);
  }
  const errors = validate(JSON.parse(readFileSync(file, "utf8")));
  for (const error of errors) console.error(error);
  console.log(errors.length === 0 ? `${file}: valid` : `${file}: ${errors.length} schema errors`);
  process.exit(errors.length === 0 ? 0 : 1);
}
