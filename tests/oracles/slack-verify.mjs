// Judges Slack request signatures with @slack/bolt's own verifier, the reference our C# check must agree with.
// Usage: node tests/oracles/slack-verify.mjs < cases.json
//   stdin:  [{ "signingSecret": "...", "body": "...", "timestamp": 1700000000, "signature": "v0=...", "nowMs": 1700000000000 }, ...]
//   stdout: [{ "valid": true } | { "valid": false, "error": "..." }, ...]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'tools', 'node_modules', 'noop.js'));
const { verifySlackRequest } = require('@slack/bolt');

const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = cases.map(({ signingSecret, body, timestamp, signature, nowMs }) => {
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return { valid: true };
  } catch (error) {
    return { valid: false, error: String(error && error.message ? error.message : error) };
  }
});
process.stdout.write(JSON.stringify(results));
