// A stand-in for the agent's API (docs/api.md) for working on the UI without
// a host full of guests: generated guests, edges and alerts, a trickle of
// live flows on the stream, and the UI from web/dist. bench/uiload serves the
// real handler and is what the benchmarks use; this is for when it is not at
// hand. No dependencies beyond Node.
//
//   node web/test/mockapi.mjs [-addr 127.0.0.1:8098] [-token devtoken] [-guests 40] [-edges 200]
//
// POST /__mock/attack?src=NAME makes NAME scan a peer: a few refused flows
// on the stream, then a portscan alert, as the agent would.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith("-") ? [...acc, [v.replace(/^-+/, ""), a[i + 1]]] : acc), []),
);
const [host, port] = (args.addr ?? "127.0.0.1:8098").split(":");
const token = args.token ?? "devtoken";
const nGuests = Number(args.guests ?? 40);
const nEdges = Number(args.edges ?? 200);
const webDir = path.resolve(fileURLToPath(import.meta.url), "../../dist");

// A deterministic generator, so two runs serve the same data.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const tiers = ["web", "app", "db", "cache", "queue", "batch", "infra", "edge", "auth", "search"];
const guests = [];
for (let i = 0; i < nGuests; i++) {
  const tier = tiers[i % tiers.length];
  const n = Math.floor(i / tiers.length) + 1;
  guests.push({
    name: `${tier}-${n}`,
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    host: "lab-host",
    labels: { tier, app: pick(["shop", "billing", "search"]) },
    ports: [{ iface: `vnet${i}`, ifindex: 10 + i, mac: `52:54:00:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`, ips: [`10.0.${i >> 8}.${(i & 255) + 1}`] }],
    state: "running",
    sources: ["libvirt"],
  });
}
const ip = (name) => guests.find((g) => g.name === name)?.ports[0].ips[0];

const now = () => Date.now();
const iso = (t) => new Date(t).toISOString();
const services = [["tcp", 443], ["tcp", 5432], ["tcp", 6379], ["udp", 53], ["tcp", 22], ["tcp", 8080]];
const edges = [];
for (let i = 0; i < nEdges; i++) {
  const s = pick(guests).name;
  const d = rnd() < 0.03 ? `203.0.113.${Math.floor(rnd() * 50)}` : pick(guests).name;
  if (s === d) continue;
  const [proto, p] = pick(services);
  const flows = 1 + Math.floor(rnd() * 200);
  const t = now() - Math.floor(rnd() * 3600e3);
  edges.push({
    src: s, dst: d, proto, port: p, verdict: rnd() < 0.05 ? "denied" : "allowed",
    flows, packets: flows * 20, bytes: Math.floor(flows * 2000 * Math.pow(10, rnd() * 3)),
    first: iso(t - 600e3), last: iso(t),
  });
}
edges.sort((a, b) => b.bytes - a.bytes);

let ulidSeq = 0;
const ulid = (t) => {
  const c = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let s = "";
  let ms = t;
  for (let i = 0; i < 10; i++) { s = c[ms % 32] + s; ms = Math.floor(ms / 32); }
  let r = ++ulidSeq;
  let tail = "";
  for (let i = 0; i < 16; i++) { tail = c[r % 32] + tail; r = Math.floor(r / 32); }
  return s + tail;
};
const ep = (name, port) => ({ guest: name, ip: ip(name), ...(port ? { port } : {}) });
const alerts = [];
function makeAlert(kind, src, dst, t) {
  return {
    id: ulid(t), time: iso(t), kind, severity: kind === "portscan" ? "high" : "medium",
    host: "lab-host", src: ep(src), dst: ep(dst),
    summary: `${ip(src)} probed 1000 ports of ${ip(dst)} (SYN, ports 1-1000): 997 closed or silent, 3 answered`,
    evidence: { duration_s: 1.2, llr: 5.55, method: "sequential-test", port_max: 1000, port_min: 1, ports_answered: 3, ports_failed: 997, ports_probed: 1000, probe_types: { syn: 1000 } },
    first_seen: iso(t - 1000), last_seen: iso(t + 1200), count: 2, mitre: "T1046", action: "none",
  };
}
for (let i = 0; i < 5; i++) alerts.push(makeAlert(pick(["new-edge", "beacon"]), pick(guests).name, pick(guests).name, now() - i * 600e3));

const flowOf = (src, dst, dport, outcome) => ({
  start: iso(now() - 2000), end: iso(now()), proto: "tcp",
  src: ep(src, 40000 + Math.floor(rnd() * 20000)), dst: ep(dst, dport),
  packets: { src: 10, dst: outcome === "answered" ? 8 : 1 }, bytes: { src: 1200, dst: outcome === "answered" ? 9000 : 40 },
  tcp_flags: { src: "SA", dst: outcome === "answered" ? "SA" : "RA" }, state: outcome === "answered" ? "SF" : "REJ", outcome,
  community_id: "1:mock",
});
const flows = [];

const streams = new Set();
function emit(event, obj) {
  const msg = `event: ${event}\ndata: ${JSON.stringify(obj)}\n\n`;
  for (const res of streams) res.write(msg);
}
setInterval(() => {
  const e = pick(edges);
  if (!guests.find((g) => g.name === e.src) || !guests.find((g) => g.name === e.dst)) return;
  const f = flowOf(e.src, e.dst, e.port, "answered");
  flows.unshift(f);
  flows.length = Math.min(flows.length, 5000);
  emit("flow", f);
}, 250);
setInterval(() => { for (const res of streams) res.write(": keepalive\n\n"); }, 15000);

function attack(src) {
  const victim = guests.find((g) => g.name !== src).name;
  for (let p = 1; p <= 20; p++) {
    const f = flowOf(src, victim, p, "refused-rst");
    flows.unshift(f);
    setTimeout(() => emit("flow", f), p * 50);
  }
  setTimeout(() => {
    const a = makeAlert("portscan", src, victim, now());
    alerts.unshift(a);
    emit("alert", a);
  }, 3000);
}

function since(q) {
  const s = q.get("since");
  if (!s) return 0;
  const m = /^(\d+)(m|h|s)$/.exec(s);
  if (m) return now() - Number(m[1]) * { s: 1e3, m: 60e3, h: 3600e3 }[m[2]];
  return Date.parse(s);
}
const involves = (q, s, d) => {
  const g = q.get("guest"), p = q.get("peer");
  if (g && s !== g && d !== g) return false;
  if (p && s !== p && d !== p) return false;
  return true;
};

const json = (res, code, v) => { res.writeHead(code, { "content-type": "application/json" }); res.end(JSON.stringify(v)); };
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

http.createServer((req, res) => {
  const u = new URL(req.url, "http://x");
  const q = u.searchParams;
  if (u.pathname === "/__mock/attack" && req.method === "POST") { attack(q.get("src")); return json(res, 202, { ok: true }); }
  if (!u.pathname.startsWith("/api/")) {
    const f = path.join(webDir, path.normalize(u.pathname === "/" ? "/index.html" : u.pathname));
    if (!f.startsWith(webDir) || !fs.existsSync(f)) return json(res, 404, { error: "no such file" });
    res.writeHead(200, { "content-type": types[path.extname(f)] ?? "application/octet-stream" });
    return res.end(fs.readFileSync(f));
  }
  if (req.headers.authorization !== `Bearer ${token}`) {
    res.setHeader("WWW-Authenticate", "Bearer");
    return json(res, 401, { error: "missing or wrong token" });
  }
  const p = u.pathname.replace("/api/v1/", "");
  const limit = Number(q.get("limit") ?? 1000);
  if (p === "guests") return json(res, 200, { host: "lab-host", providers: ["libvirt"], guests, conflicts: [], errors: [], live: true });
  if (p.startsWith("guests/")) {
    const g = guests.find((x) => x.name === decodeURIComponent(p.slice(7)));
    return g ? json(res, 200, g) : json(res, 404, { error: "no such guest" });
  }
  if (p === "edges") return json(res, 200, edges.filter((e) => Date.parse(e.last) >= since(q) && involves(q, e.src, e.dst)).slice(0, limit));
  if (p === "flows") return json(res, 200, flows.filter((f) => involves(q, f.src.guest, f.dst.guest)).slice(0, Number(q.get("limit") ?? 100)));
  if (p === "alerts") return json(res, 200, alerts.filter((a) => involves(q, a.src.guest, a.dst.guest)).slice(0, limit));
  if (p.startsWith("alerts/")) {
    const a = alerts.find((x) => x.id === p.slice(7));
    return a ? json(res, 200, a) : json(res, 404, { error: "no such alert" });
  }
  if (p === "policies") return json(res, 200, { policies: [] });
  if (p === "actions") return json(res, 200, []);
  if (p === "resources") {
    // Two minutes of rounds: a slow sine of CPU, delay that crosses the 5 % line.
    const now = Date.now(), rounds = [];
    for (let i = 119; i >= 0; i--) {
      const k = (now / 1000 - i) / 20;
      rounds.push({ time: new Date(now - i * 1000).toISOString(), guests: guests.filter((g) => !q.get("guest") || g.name === q.get("guest")).map((g) => ({
        guest: g.name, cpu: 0.5 + 0.4 * Math.sin(k), throttled: 0, delay: 0.04 + 0.03 * Math.sin(k / 2), io_read: 1e6, io_write: 4e6 * (1 + Math.cos(k)),
        io_ops: 80, pressure_cpu: 0.1, pressure_io: 0.02, pressure_memory: 0, memory_bytes: 512 << 20,
        sent_packets: 300, sent_bytes: 4e5, recv_packets: 280, recv_bytes: 3e5, drops: 0 })) });
    }
    return json(res, 200, { interval: "1s", sources: "mock", rounds });
  }
  if (p === "events") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    res.write(": hello\n\n");
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return undefined;
  }
  return json(res, 404, { error: "no such path" });
}).listen(Number(port), host, () => console.log(`mockapi on http://${host}:${port}/ token ${token}`));
