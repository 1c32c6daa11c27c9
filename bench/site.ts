// Lighthouse on the built site (dist/), offline: serves dist/ on 127.0.0.1, runs Lighthouse's
// default (mobile, simulated throttling) on lessons 1 and 2 in Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium), and prints performance and accessibility scores
// and the JavaScript the page loads before any interaction (gzip transfer bytes).
// Builds nothing: run `npm run build:site` first.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from '../test/e2e/static-server.ts';
import { CHROMIUM_ARGS } from '../test/support/chromium.ts';

const DIST = resolve(import.meta.dirname, '../dist');
const PAGES = [
  { name: 'lesson 1', path: '/01-why-lambda/' },
  { name: 'lesson 2', path: '/02-boundary-map/' },
];
const TARGETS = { performance: 95, accessibility: 100, jsKb: 150 };

export interface SiteBenchResult {
  page: string;
  performance: number;
  accessibility: number;
  /** JavaScript transferred during the load (gzip bytes / 1024). */
  jsKb: number;
  /** Everything transferred during the load (bytes / 1024). */
  totalKb: number;
  failedA11yAudits: string[];
}

interface NetworkRequestItem {
  resourceType?: string;
  transferSize?: number;
}

export async function measureSite(pages = PAGES): Promise<SiteBenchResult[]> {
  if (!existsSync(resolve(DIST, '01-why-lambda/index.html'))) {
    throw new Error(`No built site in ${DIST}: run \`npm run build:site\` first.`);
  }
  process.env.CHROME_PATH ??= '/usr/bin/chromium';
  if (!existsSync(process.env.CHROME_PATH)) {
    throw new Error(
      `No Chromium at ${process.env.CHROME_PATH}: install Debian's \`chromium\` package or set CHROME_PATH.`,
    );
  }
  const server = await serveStatic(DIST);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const results: SiteBenchResult[] = [];
  try {
    for (const { name, path } of pages) {
      const runnerResult = await lighthouse(`${server.url}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      if (!runnerResult) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = runnerResult;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${path}: ${lhr.runtimeError.message}`);
      const items = ((lhr.audits['network-requests']?.details as { items?: NetworkRequestItem[] } | undefined)?.items ??
        []) as NetworkRequestItem[];
      const sum = (list: NetworkRequestItem[]) => list.reduce((n, item) => n + (item.transferSize ?? 0), 0);
      const a11yRefs = lhr.categories.accessibility?.auditRefs ?? [];
      results.push({
        page: name,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        jsKb: sum(items.filter((item) => item.resourceType === 'Script')) / 1024,
        totalKb: sum(items) / 1024,
        failedA11yAudits: a11yRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => ref.id),
      });
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  return results;
}

export async function runSiteBench(): Promise<void> {
  const results = await measureSite();
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log('Site (Lighthouse, mobile defaults, served from dist/ on 127.0.0.1)');
  console.log('page      performance  accessibility  JS before interaction (gzip)  all bytes');
  for (const r of results) {
    console.log(
      `${r.page.padEnd(9)} ${String(r.performance).padStart(5)} ${mark(r.performance >= TARGETS.performance).padEnd(6)}` +
        ` ${String(r.accessibility).padStart(6)} ${mark(r.accessibility >= TARGETS.accessibility).padEnd(6)}` +
        `   ${r.jsKb.toFixed(1).padStart(7)} KB ${mark(r.jsKb <= TARGETS.jsKb).padEnd(6)}` +
        `              ${r.totalKb.toFixed(1).padStart(7)} KB`,
    );
    if (r.failedA11yAudits.length > 0)
      console.log(`          accessibility audits failing: ${r.failedA11yAudits.join(', ')}`);
  }
  console.log(
    `targets: performance >= ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, JS <= ${TARGETS.jsKb} KB gzip`,
  );
}

if (import.meta.main) {
  await runSiteBench();
}
