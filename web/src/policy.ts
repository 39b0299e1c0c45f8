// The policy page (#/policy): the segmentation policies the agent has loaded
// with their rules and hit counts, and the actions (quarantines, throttles)
// in force or expired.

import { get, list } from "./api";
import { h, replace, table, empty, errorBox } from "./dom";
import { value } from "./render";
import type { Policy } from "./api";
import type { Cleanup } from "./router";

export function policyPage(root: HTMLElement): Cleanup {
  const policies = h("div", null, h("p", { class: "muted" }, "loading…"));
  const actions = h("div", null, h("p", { class: "muted" }, "loading…"));
  replace(root, h("h1", null, "Policy"), policies, h("h2", null, "Actions"), actions);

  get<{ policies: Policy[] | null }>("policies").then(
    (r) => {
      const ps = r.policies ?? [];
      if (ps.length === 0) {
        replace(policies, empty(
          "No policy is loaded. crosstalk only watches for now: the segmentation policy engine, " +
          "which will allow or deny traffic between groups of guests, has not landed yet. " +
          "When it does, its policies and each rule's hits appear here.",
        ));
        return;
      }
      replace(policies, ps.map(policyBlock));
    },
    (err) => replace(policies, errorBox(err)),
  );

  list<Record<string, unknown>>("actions").then(
    (as) => {
      if (as.length === 0) {
        replace(actions, empty("No quarantines or throttles, in force or expired."));
        return;
      }
      // Actions have no documented shape yet: show every field seen.
      const keys = [...new Set(as.flatMap((a) => Object.keys(a)))];
      replace(actions, table(keys, as.map((a) => h("tr", null, keys.map((k) => h("td", null, value(a[k]))))), { class: "grid", "data-testid": "actions" }));
    },
    (err) => replace(actions, errorBox(err)),
  );
}

function policyBlock(p: Policy): Node {
  const rules = p.rules ?? [];
  return h(
    "section",
    { class: "policy", "data-testid": "policy" },
    h("h2", null, p.name, " ", h("span", { class: "badge" }, p.mode)),
    rules.length === 0
      ? empty("This policy has no rules.")
      : table(
          ["rule", "from", "to", "ports", "action", "hits"],
          rules.map((r) =>
            h("tr", null,
              h("td", null, r.name),
              h("td", null, value(r.from)),
              h("td", null, value(r.to)),
              h("td", null, value(r.ports)),
              h("td", { class: `action-${r.action}` }, r.action),
              h("td", { class: "num" }, value(r.hits))),
          ),
          { class: "grid" },
        ),
  );
}
