// On a fleet server (crosstalk server) the UI shows every host: a host
// picker in the header chooses one host or the whole fleet. With the whole
// fleet, guests are named "host/guest" on the map (hosts may reuse guest
// names) and "host" is offered as a label to group by. On an agent
// (GET /api/v1/hosts answers 404) there is no picker and nothing changes.

import { list, type Alert, type Edge, type Endpoint, type Guest } from "./api";
import { h } from "./dom";

export interface HostView {
  name: string;
  up: boolean;
  guests: number;
  last_seen: string;
}

const hostStore = "crosstalk.host";

class Fleet {
  isFleet = false;
  hosts: HostView[] = [];
  // host is the host picked, "" for the whole fleet.
  host = "";
  private listeners: (() => void)[] = [];

  // init asks for the hosts; on a fleet server it puts the picker into
  // slot and returns true.
  async init(slot: HTMLElement): Promise<boolean> {
    try {
      this.hosts = await list<HostView>("hosts");
    } catch {
      return false; // an agent (404), or an older one
    }
    this.isFleet = true;
    const saved = localStorage.getItem(hostStore) ?? "";
    this.host = this.hosts.some((x) => x.name === saved) ? saved : "";
    const picker = h(
      "select",
      { "data-testid": "host-picker", title: "the host to show, or the whole fleet" },
      h("option", { value: "" }, `all hosts (${this.hosts.length})`),
      this.hosts.map((x) => h("option", { value: x.name }, x.name + (x.up ? "" : " (down)"))),
    ) as HTMLSelectElement;
    picker.value = this.host;
    picker.addEventListener("change", () => this.pick(picker.value));
    slot.replaceChildren(h("label", null, "host ", picker));
    return true;
  }

  pick(host: string): void {
    this.host = host;
    localStorage.setItem(hostStore, host);
    for (const f of this.listeners) f();
  }

  onChange(f: () => void): () => void {
    this.listeners.push(f);
    return () => (this.listeners = this.listeners.filter((g) => g !== f));
  }

  // whole is true when every host is shown at once (names qualified).
  get whole(): boolean {
    return this.isFleet && this.host === "";
  }

  // query is the host parameter of the history queries.
  query(): { host?: string } {
    return this.isFleet && this.host ? { host: this.host } : {};
  }

  // shows says whether an alert belongs to what is shown.
  shows(a: Alert): boolean {
    return !this.isFleet || this.host === "" || a.host === this.host;
  }

  // guests names each guest by its host when the whole fleet is shown,
  // with its host as a label.
  guests(gs: Guest[]): Guest[] {
    if (!this.whole) return gs;
    return gs.map((g) => ({ ...g, name: `${g.host}/${g.name}`, labels: { ...(g.labels ?? {}), host: g.host ?? "" } }));
  }

  // edges names the guests of each edge by its host (an address stays).
  edges(es: Edge[], gs: Guest[]): Edge[] {
    if (!this.whole) return es;
    const known = new Set(gs.map((g) => `${g.host}/${g.name}`));
    const q = (host: string | undefined, n: string) => (known.has(`${host}/${n}`) ? `${host}/${n}` : n);
    return es.map((e) => ({ ...e, src: q(e.host, e.src), dst: q(e.host, e.dst) }));
  }

  // alert names an alert's guests by its host.
  alert(a: Alert): Alert {
    if (!this.whole || !a.host) return a;
    const q = (e: Endpoint | undefined) => (e?.guest ? { ...e, guest: `${a.host}/${e.guest}` } : e);
    return { ...a, src: q(a.src), dst: q(a.dst), targets: a.targets?.map((e) => q(e)!) };
  }
}

export const fleet = new Fleet();

// splitGuest reads a guest route: "host/name" on a fleet server.
export function splitGuest(id: string): { host?: string; name: string } {
  const i = id.indexOf("/");
  return fleet.isFleet && i > 0 ? { host: id.slice(0, i), name: id.slice(i + 1) } : { name: id };
}
