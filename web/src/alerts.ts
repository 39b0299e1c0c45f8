// The alerts list (#/alerts) and one alert (#/alerts/<id>).

import { fleet } from "./fleet";
import { get, endpointName, type Alert } from "./api";
import { alerts, historySince } from "./alerts-store";
import { h, replace, table, empty, errorBox } from "./dom";
import { fmtTime, shiftISO } from "./format";
import { alertHead, alertRow, endpoint, kvTable, severity } from "./render";
import type { Cleanup } from "./router";

// The kinds of docs/records.md, so the filter offers them before any is seen.
const knownKinds = ["portscan", "sweep", "worm", "synflood", "udpflood", "bandwidth", "spoof", "new-edge", "beacon"];
const severities = ["low", "medium", "high", "critical"];

export function alertsPage(root: HTMLElement, query: URLSearchParams): Cleanup {
  const filter = { kind: query.get("kind") ?? "", severity: query.get("severity") ?? "" };
  const matches = (a: Alert) =>
    fleet.shows(a) && (!filter.kind || a.kind === filter.kind) && (!filter.severity || a.severity === filter.severity);

  const kindSelect = h("select", { "data-testid": "filter-kind" });
  const sevSelect = h(
    "select",
    { "data-testid": "filter-severity" },
    h("option", { value: "" }, "any severity"),
    severities.map((s) => h("option", { value: s }, s)),
  );
  sevSelect.value = filter.severity;
  const count = h("span", { class: "muted" });
  const body = h("div", null, h("p", { class: "muted" }, "loading…"));
  replace(
    root,
    h("h1", null, "Alerts"),
    h("div", { class: "toolbar" },
      h("label", null, "kind ", kindSelect),
      h("label", null, "severity ", sevSelect),
      h("span", { class: "spacer" }),
      count),
    body,
  );

  let tbody: HTMLTableSectionElement | null = null;

  const fillKinds = () => {
    const kinds = new Set(knownKinds);
    for (const a of alerts.all()) kinds.add(a.kind);
    replace(kindSelect, h("option", { value: "" }, "any kind"), [...kinds].sort().map((k) => h("option", { value: k }, k)));
    kindSelect.value = filter.kind;
  };

  const updateCount = () => {
    const n = tbody?.rows.length ?? 0;
    count.textContent = `${n} alert${n === 1 ? "" : "s"} in the last ${historySince} and since`;
  };

  const draw = () => {
    if (alerts.loadError) {
      replace(body, errorBox(alerts.loadError));
      return;
    }
    const rows = alerts.all().filter(matches).map(alertRow);
    const t = table(alertHead, rows, { class: "grid alerts", "data-testid": "alerts" });
    tbody = t.tBodies[0]!;
    replace(body, t, rows.length === 0 ? empty("No alerts match. New ones appear here as the agent raises them.") : null);
    updateCount();
  };

  const onChange = () => {
    filter.kind = kindSelect.value;
    filter.severity = sevSelect.value;
    // Keep the filter in the address so it survives a reload and can be shared.
    const q = new URLSearchParams();
    if (filter.kind) q.set("kind", filter.kind);
    if (filter.severity) q.set("severity", filter.severity);
    const qs = q.toString();
    history.replaceState(null, "", "#/alerts" + (qs ? "?" + qs : ""));
    draw();
  };
  kindSelect.addEventListener("change", onChange);
  sevSelect.addEventListener("change", onChange);

  // Stream updates go straight into the table: a new alert on top, a
  // closing one (same id) in place of its row.
  const unsubscribe = alerts.subscribe((a, isNew) => {
    if (!tbody) return;
    if (isNew && !knownKinds.includes(a.kind)) fillKinds();
    const old = tbody.querySelector(`tr[data-id="${CSS.escape(a.id)}"]`);
    if (!matches(a)) {
      old?.remove();
    } else if (old) {
      old.replaceWith(alertRow(a));
    } else {
      const row = alertRow(a);
      row.classList.add("fresh");
      tbody.prepend(row);
      body.querySelector(".empty")?.remove();
    }
    updateCount();
  });

  fillKinds();
  void alerts.load().then(() => {
    fillKinds();
    draw();
  });
  return unsubscribe;
}

export function alertPage(root: HTMLElement, id: string): Cleanup {
  replace(root, h("p", { class: "muted" }, "loading…"));
  let loaded = false;
  const unsubscribe = alerts.subscribe((a) => {
    if (a.id === id && loaded) renderAlert(root, a);
  });
  get<Alert>("alerts/" + encodeURIComponent(id)).then(
    (a) => {
      loaded = true;
      renderAlert(root, a);
    },
    (err) => {
      // The store may not have written it yet; the stream's copy will do.
      const a = alerts.get(id);
      if (a) {
        loaded = true;
        renderAlert(root, a);
      } else {
        replace(root, h("h1", null, "Alert"), errorBox(err), h("p", null, h("a", { href: "#/alerts" }, "all alerts")));
      }
    },
  );
  return unsubscribe;
}

function renderAlert(root: HTMLElement, a: Alert): void {
  const fields: [string, Node | string][] = [
    ["id", a.id],
    ["kind", a.kind],
    ["severity", severity(a.severity)],
    ["time", fmtTime(a.time)],
    ["first seen", fmtTime(a.first_seen)],
    ["last seen", fmtTime(a.last_seen)],
    ["count", String(a.count)],
    ["source", endpointDetail(a.src)],
    ["target", endpointDetail(a.dst)],
    ["MITRE ATT&CK", mitre(a.mitre)],
    ["action", a.action ?? "none"],
  ];
  if (a.host) fields.push(["host", a.host]);

  const evidence = a.evidence ?? {};
  const targets = a.targets ?? [];
  replace(
    root,
    h("p", null, h("a", { href: "#/alerts" }, "← all alerts")),
    h("h1", null, a.kind, " ", severity(a.severity)),
    h("p", { class: "summary", "data-testid": "alert-summary" }, a.summary),
    h("table", { class: "kv", "data-testid": "alert-fields" },
      h("tbody", null, fields.map(([k, v]) => h("tr", null, h("th", null, k), h("td", null, v))))),
    flowsLink(a),
    h("h2", null, "Evidence"),
    Object.keys(evidence).length > 0
      ? kvTable(evidence, { class: "kv evidence", "data-testid": "evidence" })
      : empty("This alert carries no evidence."),
    targets.length > 0 ? h("h2", null, `Targets (${targets.length})`) : null,
    targets.length > 0
      ? table(
          ["guest", "ip", "mac", "port", "iface"],
          targets.map((t) =>
            h("tr", null,
              h("td", null, endpoint({ guest: t.guest ?? "" })),
              h("td", null, t.ip ?? ""),
              h("td", null, t.mac ?? ""),
              h("td", null, t.port !== undefined ? String(t.port) : ""),
              h("td", null, t.iface ?? "")),
          ),
          { class: "grid", "data-testid": "targets" },
        )
      : null,
  );
}

function endpointDetail(e: Alert["src"]): Node {
  if (!e) return h("span", { class: "muted" }, "—");
  const parts = [e.ip, e.mac, e.port !== undefined ? `port ${e.port}` : "", e.iface].filter(Boolean).join(" · ");
  return h("span", null, endpoint(e), parts && endpointName(e) !== parts ? h("span", { class: "muted" }, "  ", parts) : null);
}

// mitre links an ATT&CK technique id (T1498.001) to its page.
function mitre(id: string | undefined): Node {
  if (!id) return h("span", { class: "muted" }, "—");
  if (!/^T\d{4}(\.\d{3})?$/.test(id)) return document.createTextNode(id);
  const href = "https://attack.mitre.org/techniques/" + id.replace(".", "/") + "/";
  return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, id);
}

// flowsLink points at the flows between the alert's source and target from a
// minute before the evidence began to a minute after the last finding.
function flowsLink(a: Alert): Node {
  const guest = endpointName(a.src);
  if (!guest) return h("span");
  const q = new URLSearchParams({ guest });
  const peer = endpointName(a.dst);
  if (peer) q.set("peer", peer);
  q.set("since", shiftISO(a.first_seen || a.time, -60_000));
  q.set("until", shiftISO(a.last_seen || a.time, 60_000));
  return h("p", null, h("a", { href: "#/flows?" + q.toString(), "data-testid": "flows-link" }, "flows behind it →"));
}
