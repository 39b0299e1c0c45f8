// The UI benchmark: the map against a server full of generated data
// (bench/uiload: 500 guests, 5,000 edges). For each run it loads the page
// afresh and reads when the map first drew with data
// (window.__crosstalk.firstRenderMs, from navigation start), then zooms and
// pans with the mouse and measures how long the main thread was unavailable:
// the longest gap between animation frames, the long tasks, a
// page.evaluate round trip right after the input; and the cost of one full
// redraw after a scripted zoom.
//
// Environment:
//   CT_URL, CT_TOKEN  the server and its token
//   CT_RUNS           page loads (default 5); the medians are reported
//   CT_ARTIFACTS      where scale.png goes (default: a temporary directory)
//   CT_MAX_FIRST_RENDER_MS, CT_MAX_FRAME_GAP_MS, CT_MAX_EVAL_MS
//                     bounds; over any of them (medians) is a failure
//   CHROMIUM          the browser (default /usr/bin/chromium)
//
// Prints one JSON line; exit 1 when a bound is exceeded or the map never
// becomes ready.

import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const env = (k, d) => process.env[k] ?? d;
const url = env("CT_URL", "http://127.0.0.1:8099/");
const token = env("CT_TOKEN", "devtoken");
const runs = Number(env("CT_RUNS", "5"));
const artifacts = env("CT_ARTIFACTS", fs.mkdtempSync(path.join(os.tmpdir(), "crosstalk-scale-")));
const bounds = {
  first_render_ms: Number(env("CT_MAX_FIRST_RENDER_MS", "5000")),
  max_frame_gap_ms: Number(env("CT_MAX_FRAME_GAP_MS", "1000")),
  eval_rtt_ms: Number(env("CT_MAX_EVAL_MS", "500")),
};
fs.mkdirSync(artifacts, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

async function main() {
  const browser = await chromium.launch({
    executablePath: env("CHROMIUM", "/usr/bin/chromium"),
    args: ["--no-sandbox"],
    headless: true,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh navigation each run: the token fragment on the first, a
      // plain reload of the map after (the token is in localStorage).
      if (i === 0) await page.goto(`${url}#token=${encodeURIComponent(token)}`);
      else await page.reload();
      await page.waitForFunction(() => window.__crosstalk?.ready === true, null, { timeout: 60_000, polling: 50 });
      const counts = await page.evaluate(() => {
        const cy = window.__crosstalk.cy;
        // What the first drawing held: the stream's trickle adds edges after.
        const fr = window.__crosstalk.firstRender;
        const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
        return {
          data_ms: mark("crosstalk:map-data"),
          cy_ms: mark("crosstalk:map-cy"),
          first_render_ms: window.__crosstalk.firstRenderMs,
          guests: fr.guests,
          unknown: fr.nodes - fr.guests,
          edges: fr.edges,
          edges_now: cy.edges().length,
          guest_nodes_now: cy.nodes(".guest").length,
        };
      });
      results.push({ ...counts, ...(await interact(page)) });
    }
    await page.screenshot({ path: path.join(artifacts, "scale.png") });
  } finally {
    await browser.close();
  }

  // Counts from the first load, the closest to the generated data: the
  // stream's trickle adds edges (and the server keeps them) as runs go on.
  const first = results[0];
  const last = results[results.length - 1];
  const out = {
    guests: first.guests,
    unknown_nodes: first.unknown,
    edges: first.edges,
    edges_after_runs: last.edges_now,
    runs,
    first_render_ms: round(median(results.map((r) => r.first_render_ms))),
    first_render_runs_ms: results.map((r) => round(r.first_render_ms)),
    // Where the first render's time goes (medians, ms since navigation):
    // the API answered (guests, edges, alerts), cytoscape was built.
    data_loaded_ms: round(median(results.map((r) => r.data_ms))),
    cy_built_ms: round(median(results.map((r) => r.cy_ms))),
    max_frame_gap_ms: round(median(results.map((r) => r.max_frame_gap_ms))),
    p95_frame_ms: round(median(results.map((r) => r.p95_frame_ms))),
    frames_per_s: round(median(results.map((r) => r.frames_per_s))),
    long_tasks: median(results.map((r) => r.long_tasks)),
    long_task_ms: round(median(results.map((r) => r.long_task_ms))),
    eval_rtt_ms: round(median(results.map((r) => r.eval_rtt_ms))),
    api_redraw_ms: round(median(results.map((r) => r.api_redraw_ms))),
    page_errors: errors.length,
    screenshot: path.join(artifacts, "scale.png"),
  };
  const over = Object.entries(bounds).filter(([k, b]) => !(out[k] <= b)).map(([k, b]) => `${k} ${out[k]} > ${b}`);
  if (errors.length > 0) over.push(`page errors: ${errors[0]}`);
  if (out.guests === 0) over.push("the map shows no guests");
  if (last.guest_nodes_now !== last.guests) over.push(`the map has ${last.guest_nodes_now} guest nodes, the data ${last.guests}`);
  out.ok = over.length === 0;
  if (!out.ok) console.log(`scale.mjs: FAIL: ${over.join("; ")}`);
  console.log(JSON.stringify(out));
  process.exit(out.ok ? 0 : 1);
}

// interact zooms with the wheel and pans by dragging, as a person would,
// while the page records the gaps between animation frames and the long
// tasks. Real input matters: cytoscape hides edges and draws from a texture
// only while the user moves the viewport (hideEdgesOnViewport,
// textureOnViewport); cy.zoom() from a script always redraws everything,
// which apiRedraw measures separately.
async function interact(page) {
  await page.evaluate(() => {
    const rec = (window.__scale = { gaps: [], longTasks: 0, longTaskMs: 0, stop: false, start: performance.now() });
    rec.obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        rec.longTasks++;
        rec.longTaskMs += e.duration;
      }
    });
    try {
      rec.obs.observe({ type: "longtask", buffered: false });
    } catch {
      // longtask is Chromium-only; the frame gaps still tell.
    }
    let prev = performance.now();
    const frame = (t) => {
      rec.gaps.push(t - prev);
      prev = t;
      if (!rec.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const box = await page.locator("[data-testid=map]").boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, i < 6 ? -120 : 120);
    await sleep(40);
  }
  await page.mouse.down();
  for (let i = 0; i < 40; i++) await page.mouse.move(cx + Math.sin(i / 6) * 250, cy + Math.cos(i / 6) * 120);
  await page.mouse.up();
  // The page.evaluate round trip right after the input: how long a click
  // would wait for the main thread.
  const te = performance.now();
  await page.evaluate(() => 1);
  const evalRtt = performance.now() - te;
  await sleep(300); // let the redraw that follows the last move land
  const rec = await page.evaluate(() => {
    const r = window.__scale;
    r.stop = true;
    r.obs.disconnect();
    const gaps = [...r.gaps].sort((a, b) => a - b);
    return {
      max_frame_gap_ms: gaps[gaps.length - 1],
      p95_frame_ms: gaps[Math.floor(gaps.length * 0.95)],
      frames_per_s: (gaps.length / (performance.now() - r.start)) * 1000,
      long_tasks: r.longTasks,
      long_task_ms: r.longTaskMs,
    };
  });
  return { ...rec, eval_rtt_ms: evalRtt, api_redraw_ms: await apiRedraw(page) };
}

// apiRedraw is the median time from a scripted zoom to the frame drawn
// after it: a full redraw, edges and all.
function apiRedraw(page) {
  return page.evaluate(async () => {
    const cy = window.__crosstalk.cy;
    const z0 = cy.zoom();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await new Promise((done) => {
        cy.one("render", done);
        cy.zoom({ level: z0 * (i % 2 ? 1 : 1.25), renderedPosition: { x: 700, y: 400 } });
      });
      times.push(performance.now() - t);
    }
    cy.fit(undefined, 30);
    times.sort((a, b) => a - b);
    return times[2];
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

main().catch((err) => {
  console.log(`scale.mjs: FAIL: ${err?.message ?? err}`);
  process.exit(1);
});
