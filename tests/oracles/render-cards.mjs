// Usage: node tests/oracles/render-cards.mjs   (writes docs/cards/SAMPLE.png for every cards/samples/SAMPLE.json, using /usr/bin/chromium)
// Each sample is expanded into its cards/teams template with adaptivecards-templating, rendered by the adaptivecards
// package in headless Chromium (driven by playwright-core, which never downloads a browser here), and screenshotted.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.TZ = 'UTC';
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const modules = path.join(root, 'tools', 'node_modules');
const require = createRequire(path.join(modules, 'noop.js'));
const { Template } = require('adaptivecards-templating');
const { chromium } = require('playwright-core');

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const outputDirectory = path.join(root, 'docs', 'cards');
mkdirSync(outputDirectory, { recursive: true });

// A host config close to Teams' light theme, so the pictures resemble what users see.
const hostConfig = {
  fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#7579EB' },
        attention: { default: '#C4314B', subtle: '#D74654' },
        good: { default: '#237B4B', subtle: '#2D8B57' },
        warning: { default: '#835C00', subtle: '#9A6A00' },
      },
    },
    emphasis: { backgroundColor: '#F5F5F5' },
    attention: {
      backgroundColor: '#FCF4F6',
      foregroundColors: { attention: { default: '#C4314B', subtle: '#D74654' }, default: { default: '#242424', subtle: '#616161' } },
    },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline' } },
  inputs: { label: { requiredInputs: { suffix: ' *', suffixColor: 'attention' }, optionalInputs: { color: 'default' } } },
  factSet: { title: { weight: 'bolder', size: 'default', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 },
};

const page = `<!doctype html><html><head><meta charset="utf-8"><style>
  ${readFileSync(path.join(modules, 'adaptivecards', 'dist', 'adaptivecards.css'), 'utf8')}
  body { margin: 0; padding: 16px; background: #F5F5F5; font-family: ${hostConfig.fontFamily}; }
  #card { width: 480px; background: #FFFFFF; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,0.15); overflow: hidden; }
  .ac-pushButton { border-radius: 4px; border: 1px solid #D1D1D1; color: #242424; background: #FFFFFF; padding: 5px 12px; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-input { font-family: inherit; font-size: 14px; }
  .ac-textInput, .ac-numberInput, .ac-choiceSetInput-compact { border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 8px; box-sizing: border-box; }
</style></head><body><div id="card"></div></body></html>`;

const samples = readdirSync(path.join(root, 'cards', 'samples')).filter((f) => f.endsWith('.json')).sort();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 512, height: 800 }, deviceScaleFactor: 1 });
  for (const file of samples) {
    const sample = file.replace(/\.json$/, '');
    const template = JSON.parse(readFileSync(path.join(root, 'cards', 'teams', `${sample.split('.')[0]}.json`), 'utf8'));
    const data = JSON.parse(readFileSync(path.join(root, 'cards', 'samples', file), 'utf8'));
    const card = new Template(template).expand({ $root: data });

    await tab.setContent(page);
    await tab.addScriptTag({ path: path.join(modules, 'adaptivecards', 'dist', 'adaptivecards.min.js') });
    const problems = await tab.evaluate(({ card, hostConfig }) => {
      const adaptiveCard = new AdaptiveCards.AdaptiveCard();
      adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
      const context = new AdaptiveCards.SerializationContext();
      adaptiveCard.parse(card, context);
      const rendered = adaptiveCard.render();
      document.getElementById('card').appendChild(rendered);
      const events = [];
      for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
      return events;
    }, { card, hostConfig });
    if (problems.length > 0) {
      throw new Error(`${sample}: ${problems.join('; ')}`);
    }
    const target = path.join(outputDirectory, `${sample}.png`);
    await tab.locator('#card').screenshot({ path: target });
    console.log(`wrote ${path.relative(root, target)}`);
  }
} finally {
  await browser.close();
}
