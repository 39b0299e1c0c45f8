// The policy page (#/policy): the segmentation policies the agent has loaded
// with their rules and hit counts, and the actions (quarantines, throttles)
// in force or expired.

import { get, list } from "./api";
import { h, replace, table, empty, errorBox } from "./dom";
import { value } from "./render";
import type { Policy, PolicyView } from "./api";
import type { Cleanup } from "./router";

export function policyPage(root: HTMLElement): Cleanup {
  const policies = h("div", null, h("p", { class: "muted" }, "loading…"));
  const actions = h("div", null, h("p", { class: "muted" }, "loading…"));
  replace(root, h("h1", null, "Policy"), policies, h("h2", null, "Actions"), actions);

  get<PolicyView>("policies").then(
    (r) => {
      const ps = r.policies ?? [];
      if (ps.length === 0) {
        replace(policies, empty(
          "No policy is in force. Write one (docs/policy.md), preview it with " +
          "`crosstalk policy diff FILE`, then `crosstalk policy apply FILE`; its rules and their hits appear here.",
        ));
        return;
      }
      const facts = [`version ${r.version ?? 0}`];
      if (r.applied) facts.push(`applied ${new Date(r.applied).toLocaleString()}`);
      const head = h("p", { class: "muted", "data-testid": "policy-version" }, facts.join(" · "));
      const note = r.enforcing
        ? null
        : h("p", { class: "muted" },
            "This agent's datapath (AF_PACKET) cannot drop: enforcing policies are observed, their denies reported as would-deny.");
      replace(policies, head, ...(note ? [note] : []), ...ps.map(policyBlock));
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
    p.scope ? h("p", { class: "muted" }, "governs ", h("code", null, p.scope)) : null,
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
