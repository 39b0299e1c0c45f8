// The flows page (#/flows?guest=&peer=&port=&verdict=&since=&until=&limit=):
// the flow records behind an alert or between two guests, as a table. The
// query is passed to GET /api/v1/flows as it is.

import { list, type Flow } from "./api";
import { h, replace, empty, errorBox } from "./dom";
import { fmtTime } from "./format";
import { flowsTable } from "./render";
import type { Cleanup } from "./router";

const params = ["guest", "peer", "port", "verdict", "since", "until", "limit"];

export function flowsPage(root: HTMLElement, query: URLSearchParams): Cleanup {
  const q: Record<string, string> = {};
  for (const k of params) {
    const v = query.get(k);
    if (v) q[k] = v;
  }
  if (!q.limit) q.limit = "1000";
  replace(root, h("h1", null, "Flows"), describe(q), h("p", { class: "muted" }, "loading…"));
  list<Flow>("flows", q).then(
    (flows) => {
      const limited = flows.length >= Number(q.limit);
      replace(
        root,
        h("h1", null, "Flows"),
        describe(q),
        flows.length === 0
          ? empty("No flows match. Flows are recorded when they end, so a connection still open is not here yet.")
          : flowsTable(flows),
        limited ? h("p", { class: "muted" }, `Showing the newest ${q.limit}; narrow the time range to see older ones.`) : null,
      );
    },
    (err) => replace(root, h("h1", null, "Flows"), describe(q), errorBox(err)),
  );
}

function describe(q: Record<string, string>): Node {
  const parts: (Node | string)[] = [];
  if (q.guest) parts.push("of ", h("a", { href: "#/guests/" + encodeURIComponent(q.guest) }, q.guest));
  if (q.peer) parts.push(" with ", h("b", null, q.peer));
  if (q.port) parts.push(` on port ${q.port}`);
  if (q.verdict) parts.push(`, ${q.verdict}`);
  if (q.since) parts.push(` from ${/^\d{4}-/.test(q.since) ? fmtTime(q.since) : q.since + " ago"}`);
  if (q.until) parts.push(` until ${/^\d{4}-/.test(q.until) ? fmtTime(q.until) : q.until + " ago"}`);
  return h("p", { class: "muted" }, parts.length > 0 ? parts : "all guests, newest first");
}
