// Times search queries in headless Chromium on a built site opened from disk (file://),
// and counts the index bytes each query loads. Each query runs in a fresh page, so it
// starts from nothing loaded: the cost of a first search.
// Usage: node bench/search_query.mjs SITE_OUTPUT_DIR QUERY...
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(new URL('../.ci/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [dir, ...queries] = process.argv.slice(2);
if (!dir || !queries.length) {
  console.error('usage: node bench/search_query.mjs SITE_OUTPUT_DIR QUERY...');
  process.exit(2);
}
const page_url = pathToFileURL(`${dir.replace(/\/$/, '')}/search/index.html`).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
});
const context = await browser.newContext();
console.log('query\tresults\tshards\tbytes\tms');
for (const q of queries) {
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const page = await context.newPage();
    const loaded = [];
    page.on('request', (r) => {
      if (/\/search\/(manifest\.js|stats\.js|[tpd]\/\d+\.js)$/.test(r.url())) loaded.push(r.url());
    });
    await page.goto(page_url, { waitUntil: 'load' });
    // From submitting the form to the list showing this query's results.
    const ms = await page.evaluate((query) => new Promise((resolve) => {
      const list = document.getElementById('search-results');
      const start = performance.now();
      new MutationObserver(() => {
        if (list.dataset.query === query) resolve(performance.now() - start);
      }).observe(list, { attributes: true });
      document.getElementById('search-q').value = query;
      document.getElementById('search-form').requestSubmit();
    }), q);
    const status = await page.locator('#search-status').textContent();
    const bytes = loaded.reduce((n, u) => n + statSync(fileURLToPath(u)).size, 0);
    runs.push({ ms, bytes, shards: loaded.length, results: status.match(/^\d+|^No/)?.[0] });
    await page.close();
  }
  runs.sort((a, b) => a.ms - b.ms);
  const r = runs[1]; // the median of three
  console.log(`${q}\t${r.results}\t${r.shards}\t${r.bytes}\t${r.ms.toFixed(0)}`);
}
await browser.close();
