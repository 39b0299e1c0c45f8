// One guest (#/guests/<name>): what the inventory knows, what it uses of
// the host, who it talks to, its recent flows and its alerts.

import { get, list, type Alert, type Edge, type Flow, type Guest } from "./api";
import { h, replace, table, empty, errorBox } from "./dom";
import { fmtBytes, fmtCount, fmtTime } from "./format";
import { splitGuest } from "./fleet";
import { alertHead, alertRow, flowsTable, guestLink, kvTable } from "./render";
import { resourcesSection } from "./resources";
import type { Cleanup } from "./router";

// How far back the guest page looks.
const since = "24h";

export function guestPage(root: HTMLElement, id: string): Cleanup {
  // On a fleet server a guest is "host/name".
  const { host, name } = splitGuest(id);
  const section = (title: string, testid: string) => {
    const body = h("div", { "data-testid": testid }, h("p", { class: "muted" }, "loading…"));
    return [h("h2", null, title), body] as const;
  };
  const [infoH, info] = section("Inventory", "guest-info");
  const [peersH, peers] = section(`Peers (last ${since})`, "guest-peers");
  const [flowsH, flows] = section(`Recent flows (last ${since})`, "guest-flows");
  const [alertsH, alertsBox] = section(`Alerts (last ${since})`, "guest-alerts");
  const [resH, resBox] = section("Resources", "guest-resources");
  replace(
    root,
    h("p", null, h("a", { href: "#/map" }, "← map")),
    h("h1", null, host ? `${name} on ${host}` : name),
    infoH, info,
    resH, resBox,
    peersH, peers,
    flowsH, flows,
    alertsH, alertsBox,
  );

  const enc = encodeURIComponent(name);
  get<Guest>("guests/" + enc, { host }).then((g) => replace(info, guestInfo(g)), (err) => replace(info, errorBox(err)));
  list<Edge>("edges", { guest: name, since, limit: 1000, host }).then(
    (es) => replace(peers, es.length === 0 ? empty("No traffic in this range.") : peersTable(name, es, host)),
    (err) => replace(peers, errorBox(err)),
  );
  list<Flow>("flows", { guest: name, since, limit: 50 }).then(
    (fs) => replace(flows, fs.length === 0 ? empty("No flows in this range.") : flowsTable(fs),
      h("p", null, h("a", { href: `#/flows?guest=${enc}&since=${since}` }, "all flows of " + name + " →"))),
    (err) => replace(flows, errorBox(err)),
  );
  list<Alert>("alerts", { guest: name, since, limit: 200, host }).then(
    (as) => replace(alertsBox, as.length === 0 ? empty("No alerts.") : table(alertHead, as.map(alertRow), { class: "grid alerts" })),
    (err) => replace(alertsBox, errorBox(err)),
  );
  return resourcesSection(resBox, name, host);
}

function guestInfo(g: Guest): Node {
  const fields: Record<string, unknown> = { state: g.state || "unknown" };
  if (g.uuid) fields.uuid = g.uuid;
  if (g.host) fields.host = g.host;
  if (g.process) fields.process = g.process;
  if (g.sources?.length) fields.sources = g.sources;
  if (g.problems?.length) fields.problems = g.problems;
  const labels = g.labels ?? {};
  const ports = g.ports ?? [];
  return h(
    "div",
    null,
    kvTable(fields),
    h("h3", null, "Labels"),
    Object.keys(labels).length > 0 ? kvTable(labels, { class: "kv", "data-testid": "labels" }) : empty("No labels."),
    h("h3", null, "Ports"),
    ports.length === 0
      ? empty("No switch ports known.")
      : table(
          ["iface", "MAC", "IPs", "learned", "bridge", "model"],
          ports.map((p) =>
            h("tr", null,
              h("td", null, p.iface ?? ""),
              h("td", { class: "mono" }, p.mac ?? ""),
              h("td", { class: "mono" }, (p.ips ?? []).join(", ")),
              h("td", { class: "mono" }, (p.learned ?? []).join(", ")),
              h("td", null, p.bridge ?? ""),
              h("td", null, p.model ?? "")),
          ),
          { class: "grid", "data-testid": "ports" },
        ),
  );
}

// peersTable lists the guest's edges, one row per peer, service and verdict,
// with the direction from this guest's point of view.
function peersTable(name: string, es: Edge[], host?: string): Node {
  return table(
    ["", "peer", "service", "verdict", "flows", "packets", "bytes", "last"],
    es.map((e) => {
      const out = e.src === name;
      const peer = out ? e.dst : e.src;
      return h("tr", null,
        h("td", { title: out ? "this guest opened" : "the peer opened" }, out ? "→" : "←"),
        h("td", null, guestLink(peer, host)),
        h("td", null, `${e.proto}/${e.port}`),
        h("td", null, e.verdict ?? ""),
        h("td", { class: "num" }, fmtCount(e.flows)),
        h("td", { class: "num" }, fmtCount(e.packets)),
        h("td", { class: "num" }, fmtBytes(e.bytes)),
        h("td", { class: "nowrap" }, fmtTime(e.last)));
    }),
    { class: "grid" },
  );
}
