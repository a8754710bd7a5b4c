// A staff member logs in, edits an action, and the change appears in its public history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('log in, edit an action, see it in the public history', async () => {
  const page = await browser.context.newPage();
  await login(page);
  await page.goto(`${BASE}/intern/tiltak/T1`);
  const title = `Bedriftsbesøk – oppdatert i nettleseren ${Date.now()}`;
  await page.fill('#title', title);
  await page.selectOption('#status', 'delayed');
  await page.fill('#progress', '35');
  await page.fill('#comment', 'Flyttet til høsten');
  // The full edit form (the short status form above it has its own fields, q-*).
  await Promise.all([
    page.waitForURL(/\/intern\/tiltak\/T1\?lagret/),
    page.click('form:has(#title) button[type=submit]'),
  ]);
  // Back on the staff page with the confirmation (issue 19 item 5).
  assert.match(await page.locator('#lagret').innerText(), /Lagret/);

  // The public action page shows the change and who made it: by public name (the role word
  // «redaktør» for an editor without a display name), never the login name (issue 21).
  await page.goto(`${BASE}/tiltak/T1`);
  assert.equal(await page.locator('h1').innerText(), `T1 ${title}`);
  const history = await page.locator('#historikk + div table').innerText();
  assert.match(history, /redaktør/);
  assert.doesNotMatch(history, new RegExp(`\\b${process.env.STAFF_USER}\\b`));
  assert.match(history, /Forsinket/);
  assert.match(history, /35/);
  assert.match(history, /Flyttet til høsten/);
  // And so does the same page for an anonymous visitor (no cookies at all).
  const anon = await (await fetch(`${BASE}/tiltak/T1`)).text();
  assert.ok(anon.includes('Flyttet til høsten') && anon.includes('redaktør'));
  assert.ok(!anon.includes(`>${process.env.STAFF_USER}<`));
  await page.close();
});
