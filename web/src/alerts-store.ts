// The alerts the UI knows about: the recent history loaded at start, merged
// with the stream. An alert is sent again with the same id when its episode
// closes, so the store is keyed by id and an update replaces the record.

import { list, type Alert } from "./api";

type Listener = (a: Alert, isNew: boolean) => void;

// The history the UI starts with: enough to colour the map and fill the
// alerts page without asking for everything the store ever kept.
export const historySince = "24h";
export const historyLimit = 1000;

class AlertStore {
  private byId = new Map<string, Alert>();
  private listeners = new Set<Listener>();
  loaded = false;
  loadError: unknown = null;
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.loading ??= list<Alert>("alerts", { since: historySince, limit: historyLimit }).then(
      (alerts) => {
        for (const a of alerts) this.put(a);
        this.loaded = true;
      },
      (err) => {
        this.loadError = err;
        this.loaded = true;
      },
    );
    return this.loading;
  }

  // catchUp reads the alerts that opened or changed since a moment the
  // stream was down (it has no event ids to resume from).
  async catchUp(since: Date): Promise<void> {
    const missed = await list<Alert>("alerts", { since: since.toISOString().replace(/\.\d+Z$/, "Z"), limit: historyLimit });
    for (const a of missed) this.put(a);
  }

  put(a: Alert): void {
    if (!a || typeof a.id !== "string") return;
    const isNew = !this.byId.has(a.id);
    this.byId.set(a.id, a);
    for (const l of this.listeners) l(a, isNew);
  }

  get(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  // all returns the alerts newest first: by time, then by id (a ULID, so
  // ties break by time too).
  all(): Alert[] {
    return [...this.byId.values()].sort(newestFirst);
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export const alerts = new AlertStore();

function newestFirst(a: Alert, b: Alert): number {
  const ta = Date.parse(a.time), tb = Date.parse(b.time);
  if (ta !== tb) return tb - ta;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
