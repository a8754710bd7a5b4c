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

test('key figures at 1280 and 390 px: 0 violations, the page itself never wider than the screen', async () => {
  const page = await browser.context.newPage();
  const failures = {};
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/nokkeltall', '/nokkeltall?kommune=3201&ar=2023&lang=en', '/innsatsomrader/5.7']) {
      const res = await page.goto(BASE + path);
      assert.equal(res.status(), 200, path);
      const v = await axeViolations(page);
      if (v.length) failures[`${width} ${path}`] = v;
      // Wide tables scroll inside their own focusable wrapper; the page does not scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} at ${width} px is ${overflow} px too wide`);
    }
  }
  // The year and municipality are chosen with the GET form, no script needed.
  await page.goto(`${BASE}/nokkeltall`);
  await page.selectOption('#ar', '2021');
  await Promise.all([page.waitForURL(/ar=2021/), page.click('form.filters button[type=submit]')]);
  assert.match(await page.textContent('h1'), /2021/);
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
