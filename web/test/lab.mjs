// The web UI's end-to-end test, run by the lab's Go test against an agent
// watching real guests: the map shows the guests and their traffic; an nmap
// scan from one guest makes it light up on the map and its alert appear on
// the alerts page, both without a reload; the alert's evidence is shown.
//
// Environment:
//   CT_URL        the agent's UI, e.g. http://127.0.0.1:8099/
//   CT_TOKEN      the API token
//   CT_GUESTS     comma-separated guest names the map must show
//   CT_ROGUE      the guest that will scan
//   CT_ATTACK     a shell command that starts the scan from the rogue
//   CT_ARTIFACTS  where screenshots go (default: a temporary directory)
//   CT_HOSTS      on a fleet server: the hosts the host picker must offer;
//                 the first is picked and the map must show CT_HOST_GUESTS
//                 (comma-separated names), then the whole fleet again
//   CT_RESOURCES  1: CT_ROGUE's guest page must then chart its resource use
//   CHROMIUM      the browser (default /usr/bin/chromium)
//
// Exit 0 on success. On failure: one line saying what was not seen,
// failure.png, exit 1. Last line of output: JSON with timings.

import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const env = (k, d) => process.env[k] ?? d;
const url = env("CT_URL", "http://127.0.0.1:8099/");
const token = env("CT_TOKEN", "");
const guests = env("CT_GUESTS", "").split(",").map((s) => s.trim()).filter(Boolean);
const rogue = env("CT_ROGUE", "");
const attackCmd = env("CT_ATTACK", "");
const hosts = env("CT_HOSTS", "").split(",").map((s) => s.trim()).filter(Boolean);
const hostGuests = env("CT_HOST_GUESTS", "").split(",").map((s) => s.trim()).filter(Boolean);
const resources = env("CT_RESOURCES", "") === "1";
const artifacts = env("CT_ARTIFACTS", fs.mkdtempSync(path.join(os.tmpdir(), "crosstalk-lab-")));
const mapTimeout = Number(env("CT_MAP_TIMEOUT_MS", "60000"));
const alertTimeout = Number(env("CT_ALERT_TIMEOUT_MS", "60000"));
fs.mkdirSync(artifacts, { recursive: true });

const timings = {};
const log = [];
let step = "start";

// open goes to the UI signed in: #token= is taken once and removed.
const open = (page, route) => page.goto(`${url}#token=${encodeURIComponent(token)}${route ? "&" + route : ""}`);

async function main() {
  if (!token) throw new Failure("CT_TOKEN is not set");
  if (!rogue) throw new Failure("CT_ROGUE is not set");
  if (!attackCmd) throw new Failure("CT_ATTACK is not set");

  const browser = await chromium.launch({
    executablePath: env("CHROMIUM", "/usr/bin/chromium"),
    args: ["--no-sandbox"],
    headless: true,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const mapPage = await context.newPage();
  const alertsPage = await context.newPage();
  for (const [name, p] of [["map", mapPage], ["alerts", alertsPage]]) {
    p.on("console", (m) => log.push(`[${name}] ${m.type()}: ${m.text()}`));
    p.on("pageerror", (e) => log.push(`[${name}] pageerror: ${e.message}`));
  }
  try {
    await run(mapPage, alertsPage);
  } catch (err) {
    await mapPage.screenshot({ path: path.join(artifacts, "failure.png") }).catch(() => {});
    await alertsPage.screenshot({ path: path.join(artifacts, "failure-alerts.png") }).catch(() => {});
    throw err;
  } finally {
    fs.writeFileSync(path.join(artifacts, "console.log"), log.join("\n") + "\n");
    await browser.close();
  }
}

async function run(mapPage, alertsPage) {
  const t0 = Date.now();

  step = "map";
  await open(mapPage, "");
  const seen = await waitFor(mapPage, mapTimeout, (names) => {
    const cy = window.__crosstalk?.cy;
    if (!cy) return null;
    const missing = names.filter((n) => cy.$id(n).empty());
    const edges = cy.edges().length;
    return missing.length === 0 && edges > 0 ? { edges } : null;
  }, guests);
  if (!seen.ok) {
    const state = await mapPage.evaluate((names) => {
      const cy = window.__crosstalk?.cy;
      if (!cy) return "the map never drew (no cytoscape instance)";
      const missing = names.filter((n) => cy.$id(n).empty());
      return `missing guests [${missing.join(", ")}], ${cy.edges().length} edges`;
    }, guests);
    throw new Failure(`the map did not show every guest and an edge within ${mapTimeout} ms: ${state}`);
  }
  timings.map_ready_ms = Date.now() - t0;
  timings.map_edges = seen.value.edges;
  await mapPage.screenshot({ path: path.join(artifacts, "map.png") });

  if (hosts.length > 0) {
    step = "host picker";
    const offered = await mapPage.$$eval("[data-testid=host-picker] option", (os) => os.map((o) => o.value));
    const absent = hosts.filter((x) => !offered.includes(x));
    if (absent.length > 0) throw new Failure(`the host picker does not offer [${absent.join(", ")}] (it offers [${offered.join(", ")}])`);
    const tp = Date.now();
    await mapPage.selectOption("[data-testid=host-picker]", hosts[0]);
    const one = await waitFor(mapPage, mapTimeout, ([names, all]) => {
      const cy = window.__crosstalk?.cy;
      const missing = names.filter((n) => cy.$id(n).empty());
      const others = all.filter((n) => !cy.$id(n).empty());
      return missing.length === 0 && others.length === 0 ? { nodes: cy.nodes().not(".group").length } : null;
    }, [hostGuests, guests]);
    if (!one.ok) throw new Failure(`picking host ${hosts[0]} did not show just its guests [${hostGuests.join(", ")}] within ${mapTimeout} ms`);
    timings.host_pick_ms = Date.now() - tp;
    await mapPage.screenshot({ path: path.join(artifacts, "map-host.png") });
    await mapPage.selectOption("[data-testid=host-picker]", "");
    const back = await waitFor(mapPage, mapTimeout, (names) => names.every((n) => !window.__crosstalk.cy.$id(n).empty()) || null, guests);
    if (!back.ok) throw new Failure(`back to all hosts, the map did not show every host's guests within ${mapTimeout} ms`);
  }

  // The alerts page is opened before the attack too, so the row has to
  // arrive over the stream.
  step = "alerts page";
  await open(alertsPage, "/alerts");
  await alertsPage.waitForSelector("[data-testid=alerts]", { timeout: 30_000 });
  const before = await alertsPage.$$eval("[data-testid=alert-row]", (rows) => rows.map((r) => r.dataset.id));
  const alreadyAlerting = await mapPage.evaluate((r) => window.__crosstalk.cy.$id(r).hasClass("alerting"), rogue);
  timings.rogue_alerting_before_attack = alreadyAlerting;

  step = "attack";
  const attack = spawn(attackCmd, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
  const attackLog = fs.createWriteStream(path.join(artifacts, "attack.log"));
  attack.stdout.pipe(attackLog);
  attack.stderr.pipe(attackLog);
  let attackExit = null;
  attack.on("exit", (code, signal) => (attackExit = code ?? signal));
  const ta = Date.now();

  step = "alert";
  const onMap = waitFor(mapPage, alertTimeout, (r) => window.__crosstalk.cy.$id(r).hasClass("alerting") || null, rogue)
    .then((res) => { if (res.ok) timings.alert_on_map_ms = Date.now() - ta; return res; });
  const onList = waitFor(alertsPage, alertTimeout, ([r, old]) => {
    const rows = [...document.querySelectorAll("[data-testid=alert-row]")];
    const row = rows.find((x) => !old.includes(x.dataset.id) && (x.dataset.kind === "portscan" || x.dataset.src === r));
    return row ? { id: row.dataset.id, kind: row.dataset.kind } : null;
  }, [rogue, before]).then((res) => { if (res.ok) timings.alert_row_ms = Date.now() - ta; return res; });
  const [mapRes, listRes] = await Promise.all([onMap, onList]);
  if (attackExit !== null && attackExit !== 0) log.push(`attack command exited ${attackExit}`);
  if (!listRes.ok) {
    const why = attackExit !== null && attackExit !== 0 ? ` (the attack command exited ${attackExit}, see attack.log)` : "";
    throw new Failure(`no new portscan alert (or alert from ${rogue}) appeared live on the alerts page within ${alertTimeout} ms of the attack${why}`);
  }
  if (!mapRes.ok) throw new Failure(`the alert arrived but ${rogue} did not get class "alerting" on the map within ${alertTimeout} ms`);
  timings.alert_id = listRes.value.id;
  timings.alert_kind = listRes.value.kind;
  await mapPage.screenshot({ path: path.join(artifacts, "map-alert.png") });
  await alertsPage.screenshot({ path: path.join(artifacts, "alerts.png") });

  step = "alert detail";
  await alertsPage.click(`[data-testid=alert-row][data-id="${listRes.value.id}"] td:nth-child(6)`);
  const evidence = await alertsPage.waitForSelector("[data-testid=evidence]", { state: "visible", timeout: 15_000 }).catch(() => null);
  if (!evidence) throw new Failure(`the detail page of alert ${listRes.value.id} shows no evidence table`);
  const rows = await alertsPage.$$eval("[data-testid=evidence] > tbody > tr", (trs) => trs.length);
  if (rows === 0) throw new Failure(`the evidence table of alert ${listRes.value.id} is empty`);
  timings.evidence_rows = rows;
  await alertsPage.screenshot({ path: path.join(artifacts, "alert-detail.png"), fullPage: true });

  if (resources) {
    // The guest page of the guest that scanned: the newest resource round
    // and charts of the last minutes, from the agent's sampler.
    step = "guest resources";
    const tg = Date.now();
    await alertsPage.evaluate((r) => { location.hash = "#/guests/" + encodeURIComponent(r); }, rogue);
    const charts = await waitFor(alertsPage, 30_000, () => {
      const box = document.querySelector("[data-testid=guest-resources]");
      const now = box?.querySelector("[data-testid=resource-now]");
      const n = box?.querySelectorAll("[data-testid=resource-chart] polyline").length ?? 0;
      return now && n > 0 ? n : null;
    });
    if (!charts.ok) {
      const text = await alertsPage.$eval("[data-testid=guest-resources]", (el) => el.textContent).catch(() => "(no section)");
      throw new Failure(`the guest page of ${rogue} drew no resource charts within 30 s: ${text}`);
    }
    timings.resource_charts = charts.value;
    timings.resource_charts_ms = Date.now() - tg;
    await alertsPage.screenshot({ path: path.join(artifacts, "guest-resources.png"), fullPage: true });
  }

  if (attackExit === null) attack.kill("SIGTERM");
  timings.total_ms = Date.now() - t0;
}

// waitFor polls fn in the page until it returns something truthy or the
// time is up. Polling rather than page.waitForFunction so a timeout is an
// answer, not an exception, and the caller can say what was missing.
async function waitFor(page, timeoutMs, fn, arg) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn, arg).catch(() => null);
    if (v) return { ok: true, value: v };
    if (Date.now() > deadline) return { ok: false };
    await new Promise((r) => setTimeout(r, 250));
  }
}

class Failure extends Error {}

main().then(
  () => {
    console.log(JSON.stringify({ ok: true, artifacts, ...timings }));
    process.exit(0);
  },
  (err) => {
    const msg = err instanceof Failure ? err.message : `${step}: ${err?.message ?? err}`;
    console.log(`lab.mjs: FAIL: ${msg}`);
    console.log(JSON.stringify({ ok: false, step, error: msg, artifacts, ...timings }));
    process.exit(1);
  },
);
