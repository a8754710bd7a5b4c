// Every public page (and the staff forms) has 0 axe-core violations for WCAG 2.1 A and AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axeViolations, publicPaths, login, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('public pages: 0 WCAG 2.1 A/AA violations', async () => {
  const page = await browser.context.newPage();
  const failures = {};
  for (const path of await publicPaths()) {
    const res = await page.goto(BASE + path);
    assert.equal(res.status(), 200, path);
    const v = await axeViolations(page);
    if (v.length) failures[path] = v;
  }
  assert.deepEqual(failures, {}, JSON.stringify(failures, null, 2));
  await page.close();
});

test('staff pages: 0 WCAG 2.1 A/AA violations', async () => {
  const page = await browser.context.newPage();
  await login(page);
  const failures = {};
  for (const path of ['/intern', '/intern/tiltak/T1', '/intern/tiltak/ny', '/intern/import', '/intern/indikatorer/kortreist', '/intern/rapport', '/intern/rapport?aar=2023&periode=H1']) {
    const res = await page.goto(BASE + path);
    assert.equal(res.status(), 200, path);
    const v = await axeViolations(page);
    if (v.length) failures[path] = v;
  }
  assert.deepEqual(failures, {}, JSON.stringify(failures, null, 2));
  await page.close();
});
