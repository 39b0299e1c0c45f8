// The client side of docs/api.md: the record types the UI reads, the token,
// and one fetch wrapper that adds the token and turns a 401 into the token
// prompt. Only the fields the UI uses are typed; the records carry more.

export interface Endpoint {
  guest?: string;
  ip?: string;
  mac?: string;
  port?: number;
  iface?: string;
  labels?: Record<string, string>;
}

export interface Alert {
  id: string;
  time: string;
  kind: string;
  severity: string;
  host?: string;
  src?: Endpoint;
  dst?: Endpoint;
  targets?: Endpoint[];
  summary: string;
  evidence?: Record<string, unknown>;
  first_seen: string;
  last_seen: string;
  count: number;
  mitre?: string;
  action?: string;
}

export interface Pair {
  src: number;
  dst: number;
}

export interface Flow {
  start: string;
  end: string;
  proto: string;
  src: Endpoint;
  dst: Endpoint;
  packets?: Pair;
  bytes?: Pair;
  tcp_flags?: { src?: string; dst?: string };
  state?: string;
  outcome?: string;
  verdict?: string;
  community_id?: string;
}

export interface Edge {
  host?: string; // on a fleet server
  src: string;
  dst: string;
  proto: string;
  port: number;
  verdict?: string;
  flows: number;
  packets: number;
  bytes: number;
  first: string;
  last: string;
}

export interface Port {
  iface?: string;
  mac?: string;
  ips?: string[];
  learned?: string[];
  bridge?: string;
  model?: string;
}

export interface Guest {
  name: string;
  uuid?: string;
  host?: string;
  labels?: Record<string, string>;
  ports?: Port[];
  state?: string;
  process?: { pid: number; vcpu_threads?: number[]; cgroups?: string[] };
  sources?: string[];
  problems?: string[];
}

export interface GuestList {
  host?: string;
  providers?: unknown;
  guests: Guest[] | null;
  conflicts?: unknown;
  errors?: unknown;
  live?: unknown;
}

export interface Rule {
  name: string;
  from: unknown;
  to: unknown;
  ports: unknown;
  action: string;
  hits: number;
}

export interface Policy {
  name: string;
  mode: string;
  scope?: string;
  rules: Rule[] | null;
}

// PolicyView is GET /api/v1/policies.
export interface PolicyView {
  version?: number;
  applied?: string;
  enforcing?: boolean;
  policies: Policy[] | null;
}

const tokenKey = "crosstalk.token";

export function getToken(): string {
  return localStorage.getItem(tokenKey) ?? "";
}

export function setToken(t: string): void {
  localStorage.setItem(tokenKey, t.trim());
}

export function clearToken(): void {
  localStorage.removeItem(tokenKey);
}

// AuthError means the agent refused the token; the caller has already shown
// the prompt, so pages just stop.
export class AuthError extends Error {
  constructor() {
    super("the agent refused the API token");
  }
}

let onUnauthorized: () => void = () => {};

// setUnauthorizedHandler registers what to do on a 401 (show the prompt).
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

export function unauthorized(): never {
  clearToken();
  onUnauthorized();
  throw new AuthError();
}

export function authHeaders(): HeadersInit {
  return { Authorization: `Bearer ${getToken()}` };
}

// The API lives at the root of the agent's address (docs/api.md), whatever
// path the UI itself is served under.
export const apiBase = "/api/v1/";

// get fetches one API path and decodes its JSON. Errors carry the agent's
// one-sentence message (docs/api.md, Errors).
export async function get<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== "") q.set(k, String(v));
  }
  const qs = q.toString();
  const res = await fetch(apiBase + path + (qs ? "?" + qs : ""), { headers: authHeaders() });
  if (res.status === 401) unauthorized();
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string };
      if (body.error) msg = `${path}: ${body.error}`;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new Error(msg);
  }
  return (await res.json()) as T;
}

// list is get for endpoints answering an array, which Go may encode as null.
export async function list<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T[]> {
  return (await get<T[] | null>(path, params)) ?? [];
}

// endpointName is how the UI names an endpoint: its guest, else its address.
export function endpointName(e: Endpoint | undefined): string {
  if (!e) return "";
  return e.guest || e.ip || e.mac || "";
}
