// Lighthouse (npm `lighthouse`, its mobile setup: slow 4G and a 4× slower
// CPU) against the release build served under /rapport/
// with gzip, as GitHub Pages serves it, in Debian's Chromium. Prints the
// category scores and the load metrics twice: as Lighthouse simulates them
// by default (from an unthrottled load: what PageSpeed Insights reports),
// and with the throttling applied to the load itself ("devtools"), the
// page's real timeline on such a phone. Not a test: run through
// scripts/lighthouse.sh, which builds first.
//
//   node tests/lighthouse/run.mjs <dist> [runs]

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, startServer } from '../e2e/support.mjs';

const [dist = 'dist', runs = '3'] = process.argv.slice(2);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer(dist, { gzip: true });
try {
  for (const method of ['simulate', 'devtools']) report(method, await measure(method));
} finally {
  await server.close();
}

/** `runs` first visits with Lighthouse's throttling `method`. */
async function measure(method) {
  const results = [];
  for (let i = 0; i < Number(runs); i++) {
    // A fresh browser and profile each run: a first visit, nothing cached.
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium', chromeFlags: CHROMIUM_ARGS });
    try {
      // The site's root: a deep link answers 404 with the app, as Pages does, which Lighthouse refuses.
      const { lhr } = await lighthouse(server.url(''), {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      }, { extends: 'lighthouse:default', settings: { throttlingMethod: method } });
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      const audit = (id) => lhr.audits[id].numericValue;
      results.push({
        version: lhr.lighthouseVersion,
        scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, Math.round(c.score * 100)])),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        si: audit('speed-index'),
        tti: lhr.audits.interactive?.numericValue,
        // Lighthouse's long tasks (over 50 ms; simulated when simulating): [script, start, duration].
        longTasks: (lhr.audits['long-tasks'].details?.items ?? []).map((t) => [
          t.url?.replace(/^.*\//, '') || 'the page',
          Math.round(t.startTime),
          Math.round(t.duration),
        ]),
        lcpElement: lhr.audits['lcp-breakdown-insight']?.details?.items?.find((i) => i.type === 'node')?.selector,
        failed: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id),
      });
    } finally {
      chrome.kill();
    }
  }
  return results;
}

/** Prints the medians of `results` as a Markdown table. */
function report(method, results) {
  const s = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
  const pick = (f) => median(results.map(f));
  const how = method === 'simulate' ? 'simulated from an unthrottled load' : 'applied to the load';
  console.log(`Lighthouse ${results[0].version} mobile (slow 4G, 4× CPU, ${how}), ${results.length} runs, medians:`);
  console.log('| performance | accessibility | best practices | SEO | first contentful paint | largest contentful paint | total blocking time | speed index | time to interactive |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${pick((r) => r.scores.performance)} | ${pick((r) => r.scores.accessibility)} | ${pick((r) => r.scores['best-practices'])} | ` +
      `${pick((r) => r.scores.seo)} | ${s(pick((r) => r.fcp))} | ${s(pick((r) => r.lcp))} | ${Math.round(pick((r) => r.tbt))} ms | ` +
      `${s(pick((r) => r.si))} | ${s(results[0].tti === undefined ? undefined : pick((r) => r.tti))} |`,
  );
  console.log(`Each run (performance, largest contentful paint): ${results.map((r) => `${r.scores.performance} ${s(r.lcp)}`).join(', ')}`);
  const failed = [...new Set(results.flatMap((r) => r.failed))];
  const tasks = (r) => r.longTasks.map(([what, at, ms]) => `${what} at ${s(at)}: ${ms} ms`).join(', ') || 'none';
  console.log(`Each run's total blocking time, and its long tasks (over 50 ms, from any start): ${results.map((r) => `${Math.round(r.tbt)} ms (${tasks(r)})`).join('; ')}`);
  console.log(`Largest contentful paint: ${[...new Set(results.map((r) => r.lcpElement))].join(' / ')}`);
  if (failed.length) console.log(`Audits not passed: ${failed.join(', ')}`);
}
