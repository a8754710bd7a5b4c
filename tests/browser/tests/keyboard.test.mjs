// The main pages work with the keyboard alone: a skip link first, the tab order reaches the main
// links and form controls, and the focused element is visibly outlined.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

/** Tabs up to `max` times; returns what got focus, each with whether its focus is visible. */
async function tabThrough(page, max) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        id: el.id,
        text: (el.innerText || el.value || '').trim().slice(0, 60),
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
        onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0,
      };
    });
    if (info) seen.push(info);
  }
  return seen;
}

test('home: skip link first, then the menu and the indicator cards, all visibly focused', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/`);
  const seen = await tabThrough(page, 32);
  assert.equal(seen[0].href, '#main', 'the first stop is the skip link');
  assert.ok(seen[0].onScreen, 'the skip link shows when focused');
  const hrefs = seen.map((s) => s.href);
  for (const h of ['/tiltak', '/fremdrift', '/intern']) assert.ok(hrefs.includes(h), `reaches ${h}: ${hrefs}`);
  assert.ok(hrefs.some((h) => h && h.startsWith('/indikatorer/')), 'reaches an indicator');
  for (const s of seen) assert.ok(s.outline, `visible focus on ${s.tag} ${s.href ?? s.id}`);
  // Enter follows the focused link.
  await page.goto(`${BASE}/`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#main$/);
  assert.ok(page.url().endsWith('#main'));
});

test('home at 390 px: the menu folds into «Meny»; opened and followed with the keyboard alone', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/`);
  const seen = await tabThrough(page, 5);
  assert.equal(seen[0].href, '#main', 'the first stop is the skip link');
  const hrefs = seen.map((s) => s.href);
  const menu = seen.findIndex((s) => s.tag === 'summary');
  assert.ok(menu > 0 && /Meny/.test(seen[menu].text), `reaches the «Meny» summary: ${JSON.stringify(seen)}`);
  assert.ok(!hrefs.includes('/tiltak'), `the folded menu's links are not in the tab order: ${hrefs}`);
  for (const h of ['/?lang=nn', '/?lang=en']) assert.ok(hrefs.includes(h), `the language switch stays reachable: ${hrefs}`);
  for (const s of seen) assert.ok(s.outline && s.onScreen, `visible focus on ${s.tag} ${s.href ?? s.id}`);
  // Enter opens the menu (no script), Tab walks into it, Enter follows a link.
  await page.focus('header.site summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.querySelector('header.site details').open), 'Enter opens the menu');
  const inside = await tabThrough(page, 14);
  const i = inside.findIndex((s) => s.href === '/tiltak');
  assert.ok(i >= 0, `reaches /tiltak in the open menu: ${inside.map((s) => s.href)}`);
  for (const s of inside.slice(0, i + 1)) assert.ok(s.outline && s.onScreen, `visible focus on ${s.tag} ${s.href}`);
  await page.focus('header.site details a[href="/tiltak"]');
  await Promise.all([page.waitForURL(/\/tiltak$/), page.keyboard.press('Enter')]);
  await page.close();
});

test('action plan: filter with the keyboard alone', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/tiltak`);
  const seen = await tabThrough(page, 26); // skip link, the menu's links (21 with /investeringer and /partnere), then the filters
  const ids = seen.map((s) => s.id);
  for (const id of ['f-omrade', 'f-strategi', 'f-status', 'f-ansvarlig']) assert.ok(ids.includes(id), `reaches #${id}: ${ids}`);
  for (const s of seen) assert.ok(s.outline, `visible focus on ${s.tag} ${s.href ?? s.id}`);
  await page.focus('#f-status');
  await page.keyboard.press('ArrowDown'); // first status after "Alle"
  await page.keyboard.press('Tab'); // owner
  await page.keyboard.press('Tab'); // the Vis button
  await Promise.all([page.waitForURL(/status=/), page.keyboard.press('Enter')]);
  assert.match(page.url(), /status=not_started/);
});

test('login form: keyboard only', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/logg-inn`);
  const seen = await tabThrough(page, 24); // skip link, the menu's links, then the form
  const ids = seen.map((s) => s.id);
  assert.ok(ids.includes('username') && ids.includes('password'), ids.join(','));
  await page.focus('#username');
  await page.keyboard.type(process.env.STAFF_USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(process.env.STAFF_PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/intern`), page.keyboard.press('Enter')]);
});
