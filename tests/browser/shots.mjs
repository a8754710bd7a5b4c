// Ad-hoc screenshots (not part of the suite): node shots.mjs BASE OUTDIR path...
import { chromium } from 'playwright-core';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const width of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/logg-inn`);
  await page.fill('#username', 'redaktor');
  await page.fill('#password', 'nettleser-test-passord');
  await Promise.all([page.waitForURL(`${base}/intern`), page.click('button[type=submit]')]);
  for (const p of paths) {
    await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, '_') + `_${width}.png`;
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(p, width, 'scrollWidth', w);
    await page.screenshot({ path: `${out}/${name}`, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
