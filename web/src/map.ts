// The communication map (#/map): guests as nodes grouped by a label, the
// traffic between them as edges, kept current by the live stream.
//
// The map is built once and kept while other pages are shown, so that it
// keeps following the stream and coming back to it costs nothing. The graph
// lives in MapModel (plain data); this file turns the model into cytoscape
// elements and applies the stream's changes in batches.

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { get, list, type Alert, type Edge, type Flow, type GuestList } from "./api";
import { alerts } from "./alerts-store";
import { h, replace, download, errorBox } from "./dom";
import { layout } from "./layout";
import { MapModel, edgeWidth, type MapEdge } from "./map-model";
import { mapStyle } from "./map-style";
import { toSVG } from "./svg";
import { fmtBytes, fmtCount } from "./format";
import { debugState } from "./debug";
import { fleet } from "./fleet";

const ranges = ["5m", "15m", "1h", "6h", "24h"];
const rangeMs: Record<string, number> = { "5m": 3e5, "15m": 9e5, "1h": 36e5, "6h": 216e5, "24h": 864e5 };

// Past these sizes cytoscape's per-frame cost shows, so the map trades
// fidelity while panning for frame rate (see cytoscape's performance notes).
const largeNodes = 200;
const largeEdges = 1000;

// Stream updates are applied at most this often: a busy host ends hundreds
// of flows a second, and one batch redraws once.
const flushEveryMs = 500;

// A fleet server has no live flows (agents send their traffic every few
// seconds as per-minute totals): its map reads the edges again this often.
const fleetReloadMs = 15_000;

const groupKeyStore = "crosstalk.map.group";
const rangeStore = "crosstalk.map.range";

export class MapView {
  private readonly model = new MapModel();
  private cy: Core | null = null;
  private readonly canvas: HTMLElement;
  private readonly status: HTMLElement;
  private readonly groupSelect: HTMLSelectElement;
  private readonly rangeSelect: HTMLSelectElement;
  private pending: Flow[] = [];
  private pendingAlerts: Alert[] = [];
  private flushTimer: number | null = null;
  private loadSeq = 0;
  private host = "";

  constructor(root: HTMLElement) {
    this.groupSelect = h("select", { "data-testid": "group-by", onchange: () => this.regroup() });
    this.rangeSelect = h(
      "select",
      { "data-testid": "range", onchange: () => this.changeRange() },
      ranges.map((r) => h("option", { value: r }, `last ${r}`)),
    );
    this.rangeSelect.value = localStorage.getItem(rangeStore) ?? "1h";
    if (!ranges.includes(this.rangeSelect.value)) this.rangeSelect.value = "1h";
    this.status = h("span", { class: "map-status" }, "loading…");
    this.canvas = h("div", { class: "cy", "data-testid": "map" });
    replace(
      root,
      h(
        "div",
        { class: "toolbar" },
        h("label", null, "group by ", this.groupSelect),
        h("label", null, "traffic ", this.rangeSelect),
        h("span", { class: "spacer" }),
        this.status,
        h("span", { class: "legend" },
          h("i", { class: "sw allowed" }), "traffic ",
          h("i", { class: "sw denied" }), "denied ",
          h("i", { class: "sw would" }), "would deny ",
          h("i", { class: "sw alerting" }), "alert source"),
        h("button", { type: "button", onclick: () => this.exportPNG() }, "PNG"),
        h("button", { type: "button", onclick: () => this.exportSVG() }, "SVG"),
        h("button", { type: "button", onclick: () => this.exportJSON() }, "JSON"),
      ),
      this.canvas,
    );
    alerts.subscribe((a) => this.alert(a));
    if (fleet.isFleet) {
      window.setInterval(() => {
        if (!root.hidden && !document.hidden) this.reload();
      }, fleetReloadMs);
    }
  }

  // show is called each time the map page is shown.
  show(): void {
    if (this.loadSeq === 0) {
      void this.load();
    } else {
      this.cy?.resize();
    }
  }

  // reload reads guests and edges again (after the stream was down: flows
  // that ended meanwhile are only in the store).
  reload(): void {
    if (this.loadSeq > 0) void this.load();
  }

  flow(f: Flow): void {
    this.pending.push(f);
    this.schedule();
  }

  private alert(a: Alert): void {
    if (!fleet.shows(a)) return;
    this.pendingAlerts.push(fleet.alert(a));
    this.schedule();
  }

  private schedule(): void {
    if (this.flushTimer !== null || !this.model.loaded) return;
    this.flushTimer = window.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, flushEveryMs);
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const range = this.rangeSelect.value;
    this.status.textContent = "loading…";
    try {
      const [gl, edges] = await Promise.all([
        get<GuestList>("guests", fleet.query()),
        list<Edge>("edges", { since: range, limit: 10_000, ...fleet.query() }),
        alerts.load(),
      ]);
      if (seq !== this.loadSeq) return; // a newer range was chosen meanwhile
      performance.mark("crosstalk:map-data");
      this.host = gl.host ?? fleet.host;
      const guests = gl.guests ?? [];
      this.model.setGuests(fleet.guests(guests));
      this.model.setEdges(fleet.edges(edges, guests));
      this.pickGroupKey();
      const since = Date.now() - (rangeMs[range] ?? 36e5);
      this.model.setAlerts(alerts.all().filter((a) => fleet.shows(a)).map((a) => fleet.alert(a)), since);
      this.pending = [];
      this.pendingAlerts = [];
      this.render();
      if (edges.length >= 10_000) {
        this.status.textContent += " (edge limit reached: the busiest 10,000 shown)";
      }
    } catch (err) {
      if (seq === this.loadSeq) replace(this.status, errorBox(err));
    }
  }

  // pickGroupKey fills the group select with the label keys seen and keeps
  // the user's choice when it still exists; otherwise "tier", otherwise the
  // first key, otherwise none.
  private pickGroupKey(): void {
    const keys = this.model.labelKeys();
    const chosen = localStorage.getItem(groupKeyStore); // null: never chosen
    replace(
      this.groupSelect,
      h("option", { value: "" }, "none"),
      keys.map((k) => h("option", { value: k }, k)),
    );
    let key: string;
    if (chosen !== null && (chosen === "" || keys.includes(chosen))) key = chosen;
    else if (fleet.whole && keys.includes("host")) key = "host";
    else if (keys.includes("tier")) key = "tier";
    else key = keys[0] ?? "";
    this.groupSelect.value = key;
    this.model.groupKey = key;
  }

  private regroup(): void {
    localStorage.setItem(groupKeyStore, this.groupSelect.value);
    this.model.groupKey = this.groupSelect.value;
    this.render();
  }

  private changeRange(): void {
    localStorage.setItem(rangeStore, this.rangeSelect.value);
    void this.load();
  }

  // elements turns the whole model into cytoscape elements with positions.
  private elements(): ElementDefinition[] {
    const m = this.model;
    const pos = layout(m.layoutNodes());
    const els: ElementDefinition[] = [];
    for (const g of m.groups()) {
      els.push({ group: "nodes", data: { id: g.id, label: g.label }, classes: "group" });
    }
    for (const n of m.nodes()) {
      els.push({
        group: "nodes",
        data: { id: n.id, label: n.id, ...(n.parent ? { parent: n.parent } : {}) },
        position: pos.get(n.id) ?? { x: 0, y: 0 },
        classes: (n.unknown ? "unknown" : "guest") + (m.isAlerting(n.id) ? " alerting" : ""),
      });
    }
    for (const e of m.edges()) els.push(edgeElement(e));
    return els;
  }

  private render(): void {
    const els = this.elements();
    const large = this.model.nodeCount() > largeNodes || this.model.edgeCount() > largeEdges;
    if (!this.cy) {
      this.cy = cytoscape({
        container: this.canvas,
        elements: els,
        layout: { name: "preset", fit: true, padding: 30 },
        style: mapStyle(large),
        minZoom: 0.05,
        maxZoom: 4,
        boxSelectionEnabled: false,
        autoungrabify: true,
        hideEdgesOnViewport: large,
        textureOnViewport: large,
        pixelRatio: large ? 1 : "auto",
        motionBlur: false,
      });
      this.cy.on("tap", "node.guest", (ev) => {
        location.hash = "#/guests/" + encodeURIComponent(ev.target.id());
      });
      performance.mark("crosstalk:map-cy");
      debugState.cy = this.cy;
      // The benchmark's number: navigation start to the first frame drawn
      // with the data in it.
      const firstRender = { guests: this.model.guestCount(), nodes: this.model.nodeCount(), edges: this.model.edgeCount() };
      this.cy.one("render", () => {
        debugState.firstRenderMs = performance.now();
        debugState.firstRender = firstRender;
        debugState.ready = true;
      });
    } else {
      const cy = this.cy;
      cy.batch(() => {
        cy.elements().remove();
        cy.add(els);
      });
      cy.fit(undefined, 30);
    }
    this.updateStatus();
  }

  // flush applies the stream's flows and alerts since the last flush.
  private flush(): void {
    const cy = this.cy;
    if (!cy) return;
    const flows = this.pending;
    const fresh = this.pendingAlerts;
    this.pending = [];
    this.pendingAlerts = [];
    const change = this.model.addFlows(flows);
    const marked = this.model.addAlerts(fresh);
    cy.batch(() => {
      if (change.newNodes.length > 0 || change.newGroups.length > 0) {
        for (const g of change.newGroups) {
          cy.add({ group: "nodes", data: { id: g.id, label: g.label }, classes: "group" });
        }
        for (const n of change.newNodes) {
          cy.add({
            group: "nodes",
            data: { id: n.id, label: n.id, ...(n.parent ? { parent: n.parent } : {}) },
            classes: (n.unknown ? "unknown" : "guest") + (this.model.isAlerting(n.id) ? " alerting" : ""),
          });
        }
        // A new node shifts its group's grid; moving 500 nodes is cheap.
        const pos = layout(this.model.layoutNodes());
        cy.nodes().forEach((n) => {
          const p = pos.get(n.id());
          if (p && !n.isParent()) n.position(p);
        });
      }
      for (const e of change.edges) {
        const el = cy.getElementById(e.id);
        if (el.nonempty()) {
          el.data({ w: edgeWidth(e.bytes), bytes: e.bytes, flows: e.flows });
          el.toggleClass("denied", e.denied > 0);
          el.toggleClass("would", e.denied === 0 && e.would > 0);
        } else {
          cy.add(edgeElement(e));
        }
      }
      for (const id of marked) cy.getElementById(id).addClass("alerting");
    });
    if (change.edges.length > 0 || marked.length > 0) this.updateStatus();
  }

  private updateStatus(): void {
    const m = this.model;
    this.status.textContent =
      `${fmtCount(m.guestCount())} guests · ${fmtCount(m.edgeCount())} links · ${fmtBytes(m.totalBytes())}` +
      (m.alertingCount() > 0 ? ` · ${m.alertingCount()} alerting` : "");
  }

  private exportPNG(): void {
    if (!this.cy) return;
    const blob = this.cy.png({ output: "blob", full: true, bg: "#ffffff", scale: 1, maxWidth: 8000, maxHeight: 8000 });
    download(this.fileName("png"), blob);
  }

  private exportSVG(): void {
    if (!this.cy) return;
    download(this.fileName("svg"), new Blob([toSVG(this.cy)], { type: "image/svg+xml" }));
  }

  private exportJSON(): void {
    const doc = this.model.toJSON(this.host, this.rangeSelect.value);
    download(this.fileName("json"), new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
  }

  private fileName(ext: string): string {
    return `crosstalk-map${this.host ? "-" + this.host : ""}-${this.rangeSelect.value}.${ext}`;
  }
}

function edgeElement(e: MapEdge): ElementDefinition {
  return {
    group: "edges",
    data: { id: e.id, source: e.src, target: e.dst, w: edgeWidth(e.bytes), bytes: e.bytes, flows: e.flows },
    classes: e.denied > 0 ? "denied" : e.would > 0 ? "would" : "",
  };
}
