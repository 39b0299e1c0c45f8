// A guest's resource use (GET /api/v1/resources?guest=): the newest round
// as a table and, when there are several rounds, a small chart per
// measure. The charts are inline SVG built here, no chart library: four
// polylines over at most a few hundred points.

import { get } from "./api";
import { h, replace, empty, errorBox } from "./dom";
import { fmtBytes, fmtTime } from "./format";

export interface Use {
  guest: string;
  cpu: number;
  throttled: number;
  delay: number;
  io_read: number;
  io_write: number;
  io_ops: number;
  pressure_cpu: number;
  pressure_io: number;
  pressure_memory: number;
  memory_bytes: number;
  sent_packets: number;
  sent_bytes: number;
  recv_packets: number;
  recv_bytes: number;
  drops: number;
  capped?: boolean;
}

export interface Round {
  time: string;
  host?: string;
  guests: Use[] | null;
}

export interface ResourcesView {
  interval?: string;
  sources?: string;
  rounds: Round[] | null;
}

// How far back the charts look, and how often the section reloads.
const window_ = "10m";
const refreshMs = 5000;

// resourcesSection fills box with the guest's resources and keeps them
// fresh; the returned function stops the refresh.
export function resourcesSection(box: HTMLElement, name: string, host: string | undefined): () => void {
  let stopped = false;
  let timer = 0;
  const load = () => {
    get<ResourcesView>("resources", { guest: name, host, since: window_ }).then(
      (v) => {
        if (!stopped) replace(box, render(v, name));
      },
      (err) => {
        if (!stopped) replace(box, errorBox(err));
      },
    ).finally(() => {
      if (!stopped) timer = window.setTimeout(load, refreshMs);
    });
  };
  load();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

interface Point {
  t: number;
  u: Use;
}

function render(v: ResourcesView, name: string): Node {
  if (!v.interval && (v.rounds ?? []).length === 0) {
    return empty("This agent does not sample resources (its resources.interval is 0).");
  }
  const points: Point[] = [];
  for (const r of v.rounds ?? []) {
    const u = (r.guests ?? []).find((g) => g.guest === name);
    if (u) points.push({ t: new Date(r.time).getTime(), u });
  }
  if (points.length === 0) {
    return empty(`No samples of ${name} in the last ${window_} (it is not running, or the sampler cannot find its process or ports).`);
  }
  const last = points[points.length - 1];
  const ms = (s: number) => `${(s * 1000).toFixed(0)} ms/s`;
  const pct = (f: number) => `${(f * 100).toFixed(0)} %`;
  const rate = (b: number) => `${fmtBytes(b)}/s`;
  const u = last.u;
  const now = rows(
    {
      at: fmtTime(new Date(last.t).toISOString()) + (u.capped ? " (a throttle is on it)" : ""),
      "CPU (cores)": u.cpu.toFixed(2),
      "held back by its own quota": ms(u.throttled),
      "run-queue delay per vCPU": ms(u.delay),
      "storage read / write": `${rate(u.io_read)} / ${rate(u.io_write)} (${u.io_ops.toFixed(0)} ops/s)`,
      "pressure cpu / io / memory": `${pct(u.pressure_cpu)} / ${pct(u.pressure_io)} / ${pct(u.pressure_memory)}`,
      memory: fmtBytes(u.memory_bytes),
      sent: `${u.sent_packets.toFixed(0)} pkt/s, ${rate(u.sent_bytes)}`,
      received: `${u.recv_packets.toFixed(0)} pkt/s, ${rate(u.recv_bytes)}`,
      drops: `${u.drops.toFixed(0)} /s`,
    },
    { class: "kv", "data-testid": "resource-now" },
  );
  const charts =
    points.length < 2
      ? empty("One round so far: the charts need two.")
      : h(
          "div",
          { class: "charts" },
          chart("CPU (cores)", points, (p) => p.u.cpu, (x) => x.toFixed(2), 1),
          chart("run-queue delay per vCPU (ms/s)", points, (p) => p.u.delay * 1000, (x) => x.toFixed(0), 60, 50),
          chart("storage (bytes/s, read + write)", points, (p) => p.u.io_read + p.u.io_write, fmtBytes, 1e6),
          chart("sent into the switch (packets/s)", points, (p) => p.u.sent_packets, (x) => x.toFixed(0), 100),
        );
  return h(
    "div",
    null,
    now,
    charts,
    h("p", { class: "muted" }, `Per second, sampled every ${v.interval ?? "?"} from ${v.sources || "what the host offers"}; the last ${window_}.`),
  );
}

// rows is a key-value table in the order given.
function rows(obj: Record<string, string>, attrs: Record<string, string>): HTMLTableElement {
  return h("table", attrs, h("tbody", null, Object.entries(obj).map(([k, v]) => h("tr", null, h("th", null, k), h("td", null, v)))));
}

const svgNS = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// chart draws one measure over time, scaled from 0 to its maximum but at
// least to floor (so an idle guest's noise stays a flat line near 0);
// warn draws a dashed level (the 5 % ready warning for delay).
function chart(title: string, points: Point[], value: (p: Point) => number, fmt: (x: number) => string, floor: number, warn?: number): Node {
  const W = 320, H = 90, pad = 4;
  const t0 = points[0].t, t1 = points[points.length - 1].t;
  const vals = points.map(value);
  const top = Math.max(...vals, floor);
  const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (W - 2 * pad);
  const y = (v: number) => H - pad - (v / top) * (H - 2 * pad);
  const el = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img" });
  el.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, class: "chart-bg" }));
  if (warn !== undefined) {
    el.appendChild(svg("line", { x1: pad, x2: W - pad, y1: y(warn), y2: y(warn), class: "chart-warn" }));
  }
  const line = points.map((p, i) => `${x(p.t).toFixed(1)},${y(vals[i]).toFixed(1)}`).join(" ");
  el.appendChild(svg("polyline", { points: line, class: "chart-line" }));
  const label = document.createElementNS(svgNS, "title");
  label.textContent = `${title}: max ${fmt(Math.max(...vals))}`;
  el.appendChild(label);
  return h(
    "figure",
    { class: "chart-box", "data-testid": "resource-chart" },
    el,
    h("figcaption", null, `${title}: now ${fmt(vals[vals.length - 1])}, max ${fmt(Math.max(...vals))} (scale 0–${fmt(top)})`),
  );
}
