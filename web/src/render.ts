// Renderers shared by several pages: values of unknown shape (evidence,
// policy rules), endpoints, alert rows and flow tables.

import { fleet } from "./fleet";
import { endpointName, type Alert, type Endpoint, type Flow } from "./api";
import { h, table } from "./dom";
import { fmtBytes, fmtTime } from "./format";

// value renders any JSON value readably: scalars as text, arrays of scalars
// as a comma-separated list, objects (and arrays of objects) as nested
// key/value tables.
export function value(v: unknown): Node {
  if (v === null || v === undefined) return h("span", { class: "muted" }, "—");
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== "object")) {
      return document.createTextNode(v.map((x) => String(x)).join(", "));
    }
    return h("div", { class: "nested-list" }, v.map((x) => value(x)));
  }
  if (typeof v === "object") return kvTable(v as Record<string, unknown>, { class: "kv nested" });
  // Numbers as they are: evidence holds ports and ids, which separators garble.
  if (typeof v === "number") return document.createTextNode(String(v));
  return document.createTextNode(String(v));
}

export function kvTable(obj: Record<string, unknown>, attrs: Record<string, string> = { class: "kv" }): HTMLTableElement {
  const keys = Object.keys(obj).sort();
  return h(
    "table",
    attrs,
    h("tbody", null, keys.map((k) => h("tr", null, h("th", null, k), h("td", null, value(obj[k]))))),
  );
}

// guestLink links a name to its guest page unless it is an address: edges
// and flows name peers by address where no guest is known.
export function guestLink(name: string, host?: string): Node {
  if (!name) return h("span", { class: "muted" }, "—");
  if (looksLikeAddress(name)) return h("span", { class: "addr" }, name);
  // On a fleet server the guest page is "host/name".
  return h("a", { href: "#/guests/" + encodeURIComponent(host ? `${host}/${name}` : name) }, name);
}

function looksLikeAddress(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || s.includes(":");
}

export function endpoint(e: Endpoint | undefined, withPort = false, host?: string): Node {
  const name = endpointName(e);
  if (!e || !name) return h("span", { class: "muted" }, "—");
  const port = withPort && e.port !== undefined ? `:${e.port}` : "";
  const title = [e.ip, e.mac, e.iface].filter(Boolean).join(" ");
  return h("span", { title }, guestLink(name, e.guest ? host : undefined), port);
}

// fleetHost is an alert's host on a fleet server (its guests' pages are
// "host/name" there), undefined on an agent.
function fleetHost(a: Alert): string | undefined {
  return fleet.isFleet ? a.host : undefined;
}

export function severity(s: string): HTMLElement {
  return h("span", { class: `sev sev-${s}` }, s);
}

// alertDst is the target column: the one destination, or how many targets.
function alertDst(a: Alert): Node {
  if (a.dst) return endpoint(a.dst, false, fleetHost(a));
  const n = a.targets?.length ?? 0;
  if (n > 0) return h("span", null, `${n} target${n === 1 ? "" : "s"}`);
  return h("span", { class: "muted" }, "—");
}

export const alertHead = ["time", "severity", "kind", "src", "dst", "summary"];

export function alertRow(a: Alert): HTMLTableRowElement {
  const tr = h(
    "tr",
    {
      class: "clickable",
      "data-testid": "alert-row",
      "data-id": a.id,
      "data-kind": a.kind,
      "data-severity": a.severity,
      "data-src": endpointName(a.src),
    },
    h("td", { class: "nowrap" }, fmtTime(a.time)),
    h("td", null, severity(a.severity)),
    h("td", null, a.kind),
    h("td", null, fleet.whole && a.host ? h("span", { class: "muted" }, a.host + " · ") : null, endpoint(a.src, false, fleetHost(a))),
    h("td", null, alertDst(a)),
    h("td", null, a.summary),
  );
  // Clicking a link inside the row (a guest) goes to the guest, not the alert.
  tr.addEventListener("click", (ev) => {
    if ((ev.target as Element).closest("a")) return;
    location.hash = "#/alerts/" + encodeURIComponent(a.id);
  });
  return tr;
}

function pair(p: { src?: number; dst?: number } | undefined, fmt: (n: number) => string): string {
  if (!p) return "";
  return `${fmt(p.src ?? 0)} / ${fmt(p.dst ?? 0)}`;
}

export function flowsTable(flows: Flow[]): HTMLTableElement {
  return table(
    ["start", "end", "proto", "src", "dst", "state", "outcome", "verdict", "packets →/←", "bytes →/←", "flags"],
    flows.map((f) =>
      h(
        "tr",
        { "data-testid": "flow-row" },
        h("td", { class: "nowrap" }, fmtTime(f.start)),
        h("td", { class: "nowrap" }, fmtTime(f.end)),
        h("td", null, f.proto),
        h("td", null, endpoint(f.src, true)),
        h("td", null, endpoint(f.dst, true)),
        h("td", null, f.state ?? ""),
        h("td", null, f.outcome ?? ""),
        h("td", null, f.verdict ?? ""),
        h("td", { class: "num" }, pair(f.packets, (n) => String(n))),
        h("td", { class: "num" }, pair(f.bytes, fmtBytes)),
        h("td", null, f.tcp_flags ? `${f.tcp_flags.src ?? ""} / ${f.tcp_flags.dst ?? ""}` : ""),
      ),
    ),
    { class: "grid", "data-testid": "flows" },
  );
}
