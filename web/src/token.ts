// The token prompt, shown on a first visit and whenever the agent answers
// 401. The token is kept in localStorage: it is the agent's one shared
// secret, readable on the host by whoever can read the token file anyway.

import { getToken, setToken } from "./api";
import { h } from "./dom";

export function showTokenPrompt(reason: string): void {
  if (document.querySelector("[data-testid=token-form]")) return;
  const input = h("input", {
    type: "password",
    name: "token",
    autocomplete: "current-password",
    required: true,
    autofocus: true,
    spellcheck: "false",
    "aria-label": "API token",
  });
  const form = h(
    "form",
    {
      class: "token-form",
      "data-testid": "token-form",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        setToken(input.value);
        // A fresh start: every page and the stream pick up the new token.
        location.reload();
      },
    },
    h("h1", null, "crosstalk"),
    h("p", null, reason),
    h("p", null,
      "The token is in ", h("code", null, "/var/lib/crosstalk/api.token"),
      " on the host (or the agent's ", h("code", null, "api.token_file"), "). Read it as root, for example with ",
      h("code", null, "sudo cat /var/lib/crosstalk/api.token"), "."),
    h("label", null, "API token ", input),
    h("button", { type: "submit" }, "Sign in"),
    h("p", { class: "muted" }, "The token is kept in this browser's local storage."),
  );
  document.body.appendChild(h("div", { class: "overlay" }, form));
  input.focus();
}

// takeTokenFromURL accepts #token=... once, so that tests and
// `crosstalk` can open the page signed in, then removes it from the
// address bar and the history.
export function takeTokenFromURL(): void {
  const m = /^#token=([^&]*)(?:&(.*))?$/.exec(location.hash);
  if (!m) return;
  setToken(decodeURIComponent(m[1]!));
  const rest = m[2] ? "#" + m[2] : "#/map";
  history.replaceState(null, "", location.pathname + location.search + rest);
}

export function haveToken(): boolean {
  return getToken() !== "";
}
