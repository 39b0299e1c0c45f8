// Hash routing: #/path?query. The hash keeps the Go side to one static
// handler (every page is index.html) and survives the token fragment.

export type Cleanup = (() => void) | void;

export interface Route {
  path: string[]; // "#/alerts/01H..." → ["alerts", "01H..."]
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = (q < 0 ? raw : raw.slice(0, q)).split("/").filter(Boolean).map(decodeURIComponent);
  return { path, query: new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)) };
}
