// Parses Adaptive Cards with the npm adaptivecards package (dist/adaptivecards.js) and reports every parse and validation event.
// Usage: node tests/oracles/validate-cards.mjs < cards.json
//   stdin:  [<card JSON>, ...]
//   stdout: [{ "events": ["parse: ...", "validate: ..."] }, ...]  (an empty list means the card is clean)
// No DOM shim: parsing and validateProperties() in adaptivecards 3.0.6 touch neither window nor document
// (only rendering does), so the bundle runs in plain Node. If a future version needs them, loading fails loudly here.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'tools', 'node_modules', 'noop.js'));
const AC = require('adaptivecards/dist/adaptivecards.js');

const cards = JSON.parse(readFileSync(0, 'utf8'));
const results = cards.map((json) => {
  const events = [];
  try {
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    context.targetVersion = AC.Versions.v1_5;
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
      events.push(`parse: ${context.getEventAt(i).message}`);
    }
    for (const event of card.validateProperties().validationEvents) {
      events.push(`validate: ${event.message}`);
    }
  } catch (error) {
    events.push(`exception: ${error && error.message ? error.message : error}`);
  }
  return { events };
});
process.stdout.write(JSON.stringify(results));
