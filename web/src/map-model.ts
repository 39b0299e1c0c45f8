// MapModel is the communication map as plain data: guests, the addresses
// seen without a guest, and the traffic between them summed per
// (source, destination) pair. It knows nothing of cytoscape, so that the
// rules (what is a node, what counts as denied, which group a node is in)
// read in one place.

import { endpointName, type Alert, type Edge, type Flow, type Guest } from "./api";
import type { LayoutNode } from "./layout";

// Group keys for the catch-all groups start with a space so that they sort
// after the named groups (layout.compareGroups).
export const unknownGroup = " unknown";
export const unlabelled = " unlabelled";
export const noGroup = " all";

// Parent node ids carry a control character no guest name has, so a guest
// cannot collide with a group.
const groupPrefix = "\u001fgroup:";
const pairSep = "\u001f";

// The verdicts of docs/records.md: denied (dropped by an enforcing
// policy) and would-deny (an observing policy denies it; it passed).
export function isDenied(verdict: string | undefined): boolean {
  return verdict === "denied";
}

export function isWouldDeny(verdict: string | undefined): boolean {
  return verdict === "would-deny";
}

// edgeWidth maps bytes to a line width on a log scale: 1 kB and 1 GB both
// stay visible without the large ones hiding everything else.
export function edgeWidth(bytes: number): number {
  const w = 1 + (Math.log10(bytes + 1) - 2) * 1.2;
  return Math.round(Math.min(12, Math.max(1, w)) * 10) / 10;
}

export interface MapNode {
  id: string;
  unknown: boolean;
  parent?: string;
}

export interface MapGroup {
  id: string;
  label: string;
}

export interface MapEdge {
  id: string;
  src: string;
  dst: string;
  bytes: number;
  packets: number;
  flows: number;
  denied: number; // flows (or summed edges) with a denying verdict
  would: number; // flows an observing policy would deny
  services: Set<string>; // "tcp/5432"
}

export interface FlowChange {
  newNodes: MapNode[];
  newGroups: MapGroup[];
  edges: MapEdge[];
}

export class MapModel {
  groupKey = "";
  loaded = false;
  private guests = new Map<string, Guest>();
  private byIP = new Map<string, string>();
  private unknown = new Set<string>();
  private pairs = new Map<string, MapEdge>();
  private alerting = new Set<string>();

  setGuests(gs: Guest[]): void {
    this.guests = new Map(gs.map((g) => [g.name, g]));
    this.byIP = new Map();
    for (const g of gs) {
      for (const p of g.ports ?? []) {
        for (const ip of p.ips ?? []) this.byIP.set(ip, g.name);
        if (p.mac) this.byIP.set(p.mac, g.name);
      }
    }
  }

  // setEdges replaces the traffic with the API's edges for a new range.
  setEdges(edges: Edge[]): void {
    this.unknown = new Set();
    this.pairs = new Map();
    for (const e of edges) {
      const n = e.flows || 1;
      this.add(e.src, e.dst, e.bytes, e.packets, e.flows, isDenied(e.verdict) ? n : 0, isWouldDeny(e.verdict) ? n : 0, `${e.proto}/${e.port}`);
    }
    this.loaded = true;
  }

  // setAlerts marks the sources of the alerts still going on since sinceMs.
  setAlerts(all: Alert[], sinceMs: number): void {
    this.alerting = new Set();
    for (const a of all) {
      const t = Date.parse(a.last_seen || a.time);
      if (!(t >= sinceMs)) continue;
      const id = this.resolve(endpointName(a.src));
      if (id) this.alerting.add(id);
    }
  }

  // addAlerts marks the sources of alerts from the stream (they are
  // current by definition) and returns the node ids to highlight.
  addAlerts(as: Alert[]): string[] {
    const out: string[] = [];
    for (const a of as) {
      const id = this.resolve(endpointName(a.src));
      if (!id || this.alerting.has(id)) continue;
      this.alerting.add(id);
      if (this.hasNode(id)) out.push(id);
    }
    return out;
  }

  addFlows(flows: Flow[]): FlowChange {
    const unknownBefore = this.unknown.size;
    const groupsBefore = new Set(this.groups().map((g) => g.id));
    const newUnknown: string[] = [];
    const touched = new Map<string, MapEdge>();
    for (const f of flows) {
      const src = this.resolve(endpointName(f.src));
      const dst = this.resolve(endpointName(f.dst));
      if (!src || !dst) continue;
      for (const n of [src, dst]) {
        if (!this.guests.has(n) && !this.unknown.has(n)) newUnknown.push(n);
      }
      const bytes = (f.bytes?.src ?? 0) + (f.bytes?.dst ?? 0);
      const packets = (f.packets?.src ?? 0) + (f.packets?.dst ?? 0);
      const port = f.dst.port ?? 0;
      const e = this.add(src, dst, bytes, packets, 1, isDenied(f.verdict) ? 1 : 0, isWouldDeny(f.verdict) ? 1 : 0, `${f.proto}/${port}`);
      touched.set(e.id, e);
    }
    const change: FlowChange = { newNodes: [], newGroups: [], edges: [...touched.values()] };
    if (this.unknown.size !== unknownBefore) {
      change.newNodes = [...new Set(newUnknown)].map((id) => this.node(id));
      change.newGroups = this.groups().filter((g) => !groupsBefore.has(g.id));
    }
    return change;
  }

  // resolve names an endpoint by its guest where the address belongs to one.
  private resolve(name: string): string {
    if (!name || this.guests.has(name)) return name;
    return this.byIP.get(name) ?? name;
  }

  private add(src: string, dst: string, bytes: number, packets: number, flows: number, denied: number, would: number, service: string): MapEdge {
    for (const n of [src, dst]) {
      if (!this.guests.has(n)) this.unknown.add(n);
    }
    const id = src + pairSep + dst;
    let e = this.pairs.get(id);
    if (!e) {
      e = { id, src, dst, bytes: 0, packets: 0, flows: 0, denied: 0, would: 0, services: new Set() };
      this.pairs.set(id, e);
    }
    e.bytes += bytes;
    e.packets += packets;
    e.flows += flows;
    e.denied += denied;
    e.would += would;
    e.services.add(service);
    return e;
  }

  private hasNode(id: string): boolean {
    return this.guests.has(id) || this.unknown.has(id);
  }

  isAlerting(id: string): boolean {
    return this.alerting.has(id);
  }

  private groupOf(id: string): string {
    if (!this.guests.has(id)) return unknownGroup;
    if (!this.groupKey) return noGroup;
    return this.guests.get(id)?.labels?.[this.groupKey] ?? unlabelled;
  }

  private groupLabel(g: string): string {
    if (g === unknownGroup) return "addresses without a guest";
    if (g === unlabelled) return `no ${this.groupKey}`;
    return `${this.groupKey}: ${g}`;
  }

  // Guests are in compound parents only when grouping is on; addresses
  // without a guest always are, to set them apart.
  private parentOf(group: string): string | undefined {
    return group === noGroup ? undefined : groupPrefix + group;
  }

  private node(id: string): MapNode {
    const parent = this.parentOf(this.groupOf(id));
    return { id, unknown: !this.guests.has(id), ...(parent ? { parent } : {}) };
  }

  groups(): MapGroup[] {
    const seen = new Set<string>();
    for (const id of this.guests.keys()) seen.add(this.groupOf(id));
    if (this.unknown.size > 0) seen.add(unknownGroup);
    seen.delete(noGroup);
    return [...seen].map((g) => ({ id: groupPrefix + g, label: this.groupLabel(g) }));
  }

  nodes(): MapNode[] {
    return [...this.guests.keys(), ...this.unknown].map((id) => this.node(id));
  }

  layoutNodes(): LayoutNode[] {
    return [...this.guests.keys(), ...this.unknown].map((id) => ({ id, group: this.groupOf(id) }));
  }

  edges(): MapEdge[] {
    return [...this.pairs.values()];
  }

  labelKeys(): string[] {
    const keys = new Set<string>();
    for (const g of this.guests.values()) for (const k of Object.keys(g.labels ?? {})) keys.add(k);
    return [...keys].sort();
  }

  guestCount(): number {
    return this.guests.size;
  }

  nodeCount(): number {
    return this.guests.size + this.unknown.size;
  }

  edgeCount(): number {
    return this.pairs.size;
  }

  totalBytes(): number {
    let n = 0;
    for (const e of this.pairs.values()) n += e.bytes;
    return n;
  }

  alertingCount(): number {
    let n = 0;
    for (const id of this.alerting) if (this.hasNode(id)) n++;
    return n;
  }

  // toJSON is the JSON export: the map as data, without positions.
  toJSON(host: string, range: string): unknown {
    return {
      host,
      range,
      group_by: this.groupKey,
      nodes: this.nodes().map((n) => ({
        id: n.id,
        guest: !n.unknown,
        group: this.groupOf(n.id).trim(),
        labels: this.guests.get(n.id)?.labels ?? {},
        alerting: this.alerting.has(n.id),
      })),
      edges: this.edges().map((e) => ({
        src: e.src,
        dst: e.dst,
        bytes: e.bytes,
        packets: e.packets,
        flows: e.flows,
        denied_flows: e.denied,
        would_deny_flows: e.would,
        services: [...e.services].sort(),
      })),
    };
  }
}
