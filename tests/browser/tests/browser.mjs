// Shared helpers: launch Debian's chromium headless with a fresh profile, inject axe-core.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const BASE = process.env.BASE_URL;
if (!BASE) throw new Error('BASE_URL is not set: run through run.sh');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser context (its own --user-data-dir). The CSP is bypassed only so that axe can be injected. */
export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'np-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** axe-core WCAG 2.1 A/AA violations of the page as loaded. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  // axe must actually have checked something: a run with no passing rule means it did not run.
  if (!result.passes.length) throw new Error(`axe checked nothing on ${page.url()}`);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** Every public page to check: fixed ones plus each action, indicator and focus area from the
 * API, with nynorsk and English variants of a few. */
export async function publicPaths() {
  const plan = await (await fetch(`${BASE}/api/plan`)).json();
  const actions = await (await fetch(`${BASE}/api/actions`)).json();
  return [
    '/', '/?lang=nn', '/?lang=en', '/tiltak', '/tiltak?status=in_progress', '/tiltak?lang=en',
    '/fremdrift', '/fremdrift?lang=nn', '/fremdrift?lang=en', '/logg-inn', '/forutsetninger', '/forutsetninger?lang=nn',
    '/rangering', '/rangering?fylke=32', '/rangering?lang=en', '/rapport', '/rapport?lang=nn', '/rapport?lang=en',
    '/nokkeltall', '/nokkeltall?lang=en', '/nokkeltall?kommune=3201&ar=2022', '/nokkeltall?kommune=3201&ar=2023&lang=en',
    '/anskaffelser', '/bedriftsbesok', '/investeringer', '/investeringer?lang=nn', '/partnere', '/partnere?lang=en', '/naeringsarealer', '/naeringsarealer?lang=en', '/kilder', '/kilder?lang=nn', '/planer',
    `/tiltak/${actions[0].id}`, `/tiltak/${actions[0].id}?lang=nn`,
    ...plan.indicators.map((i) => `/indikatorer/${i.id}`),
    ...plan.focus_areas.map((a) => `/innsatsomrader/${a.number}`),
  ];
}

/** Every staff page an editor may open. */
export const STAFF_PATHS = [
  '/intern', '/intern?lang=en', '/intern/tiltak/T1', '/intern/tiltak/ny', '/intern/import', '/intern/indikatorer/kortreist',
  '/intern/rapport', '/intern/rapport?aar=2023&periode=H1', '/intern/bedriftsbesok', '/intern/investeringer', '/intern/partnere', '/intern/planer',
];

/** The page's problems at its current width: how far the document scrolls sideways, tables
 * outside a focusable named scroll container or with a caption wider than it, and every chart
 * text rendered smaller than 11 px. The text size is the computed font size times the
 * scale of the text's transformation to the screen (`getScreenCTM`, which includes the svg's
 * viewBox scaling): the em box the glyphs are drawn in, independent of which glyphs they are. */
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const small = [];
    for (const t of document.querySelectorAll('svg text')) {
      if (!t.getClientRects().length) continue; // not rendered (display: none)
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < 11) small.push(`${t.textContent.trim().slice(0, 20)}: ${px.toFixed(1)} px`);
    }
    // Every table sits in a focusable, named scroll container, and its caption is no wider
    // than the container's visible part (never cut off).
    const tables = [];
    for (const t of document.querySelectorAll('main table')) {
      const wrap = t.closest('.table-wrap');
      if (!wrap || wrap.getAttribute('tabindex') !== '0' || wrap.getAttribute('role') !== 'region' || !wrap.getAttribute('aria-labelledby')) {
        tables.push(`not in a focusable named .table-wrap: ${(t.caption?.textContent ?? t.outerHTML).trim().slice(0, 40)}`);
        continue;
      }
      const c = t.caption;
      if (c && c.getClientRects().length && c.getBoundingClientRect().width > wrap.clientWidth + 1) {
        tables.push(`caption wider than its container: ${c.textContent.trim().slice(0, 40)}`);
      }
    }
    return { overflow, small: small.slice(0, 5), smallCount: small.length, tables };
  });
}

/** The pages only an administrator may open. */
export const ADMIN_PATHS = ['/intern/brukere', '/intern/brukere?lang=en'];

/** Logs in through the form (as the editor unless another user is given). */
export async function login(page, user = process.env.STAFF_USER, password = process.env.STAFF_PASSWORD) {
  await page.goto(`${BASE}/logg-inn`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${BASE}/intern`), page.click('button[type=submit]')]);
}
