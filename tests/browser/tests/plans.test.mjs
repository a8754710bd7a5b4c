// A plan's life (issue 22 item 5): run.sh loads a second Asker plan (tests/plans/asker-2025-2030.toml,
// period 2025–2030) after the server has started with the embedded 2021–2024 plan, so the site
// serves the old plan at / and the new one under /planer/3203-2025-2030. The plan list, the other
// version's pages and the staff page have 0 axe violations and do not scroll sideways, at 1280 and
// 390 px; the old plan's pages say the period has ended and link to the new plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axeViolations, login, BASE } from './browser.mjs';

const NEW = '/planer/3203-2025-2030';
const PUBLIC = ['/planer', '/planer?lang=en', NEW, `${NEW}/tiltak`, `${NEW}/tiltak/N1`, `${NEW}/fremdrift`, '/tiltak/T1'];
const STAFF = ['/intern/planer'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function check(page, paths) {
  const failures = {};
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      const res = await page.goto(BASE + path);
      assert.equal(res.status(), 200, path);
      const v = await axeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (v.length || overflow > 0) failures[`${path} @${width}px`] = { violations: v, overflow };
    }
  }
  assert.deepEqual(failures, {}, JSON.stringify(failures, null, 2));
}

test('plan versions: public pages at 1280 and 390 px', async () => {
  const page = await browser.context.newPage();
  await check(page, PUBLIC);
  await page.goto(BASE + '/tiltak');
  const notice = await page.textContent('.period-notice');
  assert.match(notice, /Planperioden er avsluttet/);
  const link = await page.getAttribute('.period-notice a', 'href');
  assert.equal(link, NEW);
  await page.close();
});

test('plan versions: staff page at 1280 and 390 px', async () => {
  const page = await browser.context.newPage();
  await login(page);
  await check(page, STAFF);
  await page.close();
});
