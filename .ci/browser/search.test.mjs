// Behaviour test of the search box and search page in headless Chromium, run by
// tests/browser.rs for each of BASE_URLS (the site served on 127.0.0.1, and the same
// folder as file://). SEARCH_EXPECT (JSON) holds what to search for and what must be
// found, worked out by the Rust test from the sample's content files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASES = (process.env.BASE_URLS || '').split(/\s+/).filter(Boolean);
const EXPECT = JSON.parse(process.env.SEARCH_EXPECT || '{}');
let browser, page;
const jsErrors = [];

before(async () => {
  assert.ok(BASES.length, 'BASE_URLS must name at least one site');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
  });
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => jsErrors.push(e.message));
});
after(() => browser?.close());

const results = () => page.locator('#search-results > li');
const titles = () => page.locator('#search-results h2 a').allTextContents();

// Results for `q` are shown (the list says which query it holds) and the live region
// describes them.
async function settled(q) {
  await page.waitForFunction(
    (want) => document.getElementById('search-results')?.dataset.query === want
      && (document.getElementById('search-status')?.textContent || '').includes(`“${want.trim()}”`),
    q, { timeout: 30000 }); // generous: the machine may be busy
}

async function searchFor(q) {
  const box = page.locator('#search-q');
  await box.fill('');
  await box.pressSequentially(q, { delay: 10 }); // typed, as a person would
  await settled(q);
}

for (const base of BASES) {
  const mode = base.startsWith('file:') ? 'file://' : base;

  test(`${mode}: the header box on any page finds the one paper with a rare word`, async () => {
    await page.goto(new URL('meetings/index.html', base).href);
    const box = page.getByRole('searchbox', { name: 'Search the archive' });
    await box.fill(EXPECT.word);
    await box.press('Enter');
    await page.waitForURL(/search\/(index\.html)?\?q=/); // relative links, or pretty ones with base_url
    await settled(EXPECT.word);
    assert.deepEqual(await titles(), [EXPECT.title]);
    const status = await page.getByRole('status').textContent();
    assert.match(status, /^1 result for/);
    const marks = await page.locator('#search-results mark').allTextContents();
    assert.ok(marks.some((m) => m.toLowerCase() === EXPECT.word), `snippet marks ${EXPECT.word}: ${marks}`);
    await page.locator('#search-results h2 a').first().click();
    await page.waitForURL((u) => decodeURI(u.pathname).includes(EXPECT.path));
    assert.equal((await page.locator('h1').textContent()).trim(), EXPECT.title);
    assert.deepEqual(jsErrors, []);
  });

  test(`${mode}: a quoted phrase finds only the paper with those words together`, async () => {
    await page.goto(new URL('search/index.html', base).href);
    await searchFor(EXPECT.phrase + ' ');
    const loose = await titles();
    assert.ok(loose.length > 1, `both words apart should find more than one result: ${loose}`);
    assert.ok(loose.includes(EXPECT.phraseTitle));
    await searchFor(`"${EXPECT.phrase}"`);
    assert.deepEqual(await titles(), [EXPECT.phraseTitle]);
    assert.deepEqual(jsErrors, []);
  });

  test(`${mode}: the year filter narrows results and the URL keeps the query`, async () => {
    await page.goto(new URL(`search/index.html?q=${EXPECT.common}`, base).href);
    await settled(EXPECT.common);
    const count = async () => Number((await page.getByRole('status').textContent()).match(/^\d+/)?.[0] || 0);
    const shownYears = () => page.locator('#search-results time').evaluateAll((ts) => ts.map((t) => t.dateTime.slice(0, 4)));
    const all = await count();
    const year = (await shownYears())[0];
    await page.getByLabel('Year').selectOption(year);
    await page.waitForFunction((y) => document.getElementById('search-status').textContent.includes(`(${y})`), year);
    const some = await count();
    assert.ok(some > 0 && some < all, `${some} results in ${year}, of ${all}`);
    const years = await shownYears();
    assert.ok(years.length > 0 && years.every((y) => y === year), `all results from ${year}: ${years}`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), EXPECT.common);
    assert.equal(url.searchParams.get('year'), year);
    assert.deepEqual(jsErrors, []);
  });

  test(`${mode}: the last word matches as a prefix while typing`, async () => {
    await page.goto(new URL('search/index.html', base).href);
    const stem = Array.from(EXPECT.word).slice(0, Math.max(3, EXPECT.word.length - 2)).join('');
    await searchFor(stem);
    assert.ok((await titles()).includes(EXPECT.title), `"${stem}" should find ${EXPECT.title}`);
    await searchFor(stem + ' ');
    assert.ok(!(await titles()).includes(EXPECT.title) || stem === EXPECT.word,
      'a finished word matches whole words only');
    assert.deepEqual(jsErrors, []);
  });

  test(`${mode}: results are reachable by keyboard`, async () => {
    await page.goto(new URL(`search/index.html?q=${EXPECT.word}`, base).href);
    await settled(EXPECT.word);
    await page.locator('#search-q').focus();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement.textContent), EXPECT.title);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => decodeURI(u.pathname).includes(EXPECT.path));
    assert.deepEqual(jsErrors, []);
  });
}

test('the search page with results fits 320 px without sideways scrolling', async () => {
  const narrow = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  await narrow.goto(new URL(`search/index.html?q=${EXPECT.common}`, BASES[0]).href);
  await narrow.waitForFunction((q) => document.getElementById('search-results').dataset.query === q, EXPECT.common);
  const wide = await narrow.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `page is ${wide} px wide at a 320 px viewport`);
  await narrow.close();
});

test('results come twenty a page, with previous and next links kept in the URL', async () => {
  await page.goto(new URL(`search/index.html?q=${EXPECT.common}`, BASES[0]).href);
  await settled(EXPECT.common);
  const total = Number((await page.getByRole('status').textContent()).match(/^\d+/)?.[0]);
  assert.ok(total > 20, `the common word should find more than twenty results: ${total}`);
  const hrefs = () => page.locator('#search-results h2 a').evaluateAll((as) => as.map((a) => a.href));
  const first = await hrefs();
  assert.equal(first.length, 20);
  assert.equal(await page.getByRole('link', { name: 'Previous page' }).count(), 0, 'no previous page on page 1');
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForFunction(() => document.getElementById('search-results').dataset.page === '2');
  assert.equal(new URL(page.url()).searchParams.get('page'), '2');
  assert.equal(new URL(page.url()).searchParams.get('q'), EXPECT.common);
  const second = await hrefs();
  assert.equal(second.length, Math.min(20, total - 20));
  assert.ok(second.every((h) => !first.includes(h)), 'page 2 shows other results');
  assert.equal(await page.locator('#search-results').getAttribute('start'), '21');
  assert.match(await page.getByRole('status').textContent(), /Page 2 of \d+: results 21 to/);
  assert.equal(await page.evaluate(() => document.activeElement.closest('li') === document.querySelector('#search-results > li')), true,
    'focus moves to the first result of the new page');
  // Back returns to the first page; the address opens the same page again.
  const url = page.url();
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('search-results').dataset.page === '1');
  assert.deepEqual(await hrefs(), first);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('search-results').dataset.page === '2');
  assert.deepEqual(await hrefs(), second);
  // A new query starts again at page 1.
  await searchFor(EXPECT.common + ' ');
  assert.equal(new URL(page.url()).searchParams.get('page'), null);
  assert.deepEqual(jsErrors, []);
});

test('a meeting pack shows a Print button only with script, and it prints', async () => {
  const url = new URL(EXPECT.pack, BASES[0]).href;
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.goto(url);
  assert.equal(await plain.getByRole('button', { name: 'Print this pack' }).count(), 0,
    'without script there is no button that would do nothing');
  await plain.close();
  await page.goto(url);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  const button = page.getByRole('button', { name: 'Print this pack' });
  assert.ok(await button.isVisible());
  await button.click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.deepEqual(jsErrors, []);
});
