// Every public page and every staff page has 0 axe-core violations for WCAG 2.1 A and AA, at desktop
// and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axeViolations, publicPaths, login, layoutProblems, STAFF_PATHS, ADMIN_PATHS, BASE } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

// Every public and staff page at desktop and phone width (issue 19 item 3): 0 violations, the
// document never scrolls sideways, every table scrolls in its own focusable named container with
// its caption in view, chart text at least 11 px. All failures are reported together.
test('every public and staff page at 1280 and 390 px: 0 violations, no sideways scroll, tables in named scroll containers with their captions in view, chart text ≥ 11 px', async () => {
  const page = await browser.context.newPage();
  const failures = {};
  const visit = async (paths) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        const res = await page.goto(BASE + path);
        if (res.status() !== 200) { failures[`${path} @${width}px`] = { status: res.status() }; continue; }
        const v = await axeViolations(page);
        const { overflow, small, smallCount, tables } = await layoutProblems(page);
        const f = {};
        if (v.length) f.violations = v;
        if (overflow > 0) f.overflow = `${overflow} px too wide`;
        if (smallCount) f.smallChartText = { count: smallCount, first: small };
        if (tables.length) f.tables = tables;
        if (Object.keys(f).length) failures[`${path} @${width}px`] = f;
      }
    }
  };
  await visit(await publicPaths());
  await login(page);
  await visit(STAFF_PATHS);
  await page.context().clearCookies();
  await login(page, process.env.ADMIN_USER, process.env.ADMIN_PASSWORD);
  await visit(ADMIN_PATHS);
  assert.deepEqual(failures, {}, `${Object.keys(failures).length} page/width failures:\n${JSON.stringify(failures, null, 2)}`);
  await page.close();
});

// The key figures' year and municipality are chosen with the GET form, no script needed (the
// page itself is checked at both widths with every other page above).
test('key figures: the year is chosen with the form alone', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/nokkeltall`);
  await page.selectOption('#ar', '2021');
  await Promise.all([page.waitForURL(/ar=2021/), page.click('form.filters button[type=submit]')]);
  assert.match(await page.textContent('h1'), /2021/);
  await page.close();
});
