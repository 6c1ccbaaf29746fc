// Expands Adaptive Card templates with the npm adaptivecards-templating package, the reference our C# engine must match.
// Usage: node tests/oracles/expand-templates.mjs < cases.json
//   stdin:  [{ "template": <card template JSON>, "data": <view data JSON> }, ...]
//   stdout: [{ "ok": true, "card": <expanded JSON> } | { "ok": true, "undefined": true } | { "ok": false, "error": "..." }, ...]
// Dates are formatted in UTC and numbers in en-US, whatever the machine's settings.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.TZ = 'UTC';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'tools', 'node_modules', 'noop.js'));
const { Template } = require('adaptivecards-templating');

const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map(({ template, data }) => {
  try {
    const card = new Template(template).expand({ $root: data });
    return card === undefined ? { ok: true, undefined: true } : { ok: true, card };
  } catch (error) {
    return { ok: false, error: String(error && error.message ? error.message : error) };
  }
});
process.stdout.write(JSON.stringify(results));
