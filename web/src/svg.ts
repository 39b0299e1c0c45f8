// toSVG writes the map as an SVG document. The cytoscape-svg plugin is
// GPL-3.0, which would bind every binary that embeds web/dist, so this is a
// small serializer of our own: group boxes, straight edges, circles and
// labels, from the positions and computed styles cytoscape already has. It
// builds the document with the DOM, so names are escaped by the serializer.

import type { Core } from "cytoscape";

const ns = "http://www.w3.org/2000/svg";

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(ns, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function toSVG(cy: Core): string {
  const bb = cy.elements().boundingBox();
  const pad = 20;
  const svg = el("svg", {
    xmlns: ns,
    width: Math.ceil(bb.w + 2 * pad),
    height: Math.ceil(bb.h + 2 * pad),
    viewBox: `${bb.x1 - pad} ${bb.y1 - pad} ${bb.w + 2 * pad} ${bb.h + 2 * pad}`,
    "font-family": "sans-serif",
  });
  svg.appendChild(el("rect", { x: bb.x1 - pad, y: bb.y1 - pad, width: bb.w + 2 * pad, height: bb.h + 2 * pad, fill: "#ffffff" }));

  cy.nodes(":parent").forEach((n) => {
    const b = n.boundingBox({ includeLabels: false });
    svg.appendChild(el("rect", {
      x: b.x1, y: b.y1, width: b.w, height: b.h, rx: 6,
      fill: n.style("background-color"), stroke: n.style("border-color"), "stroke-width": 1,
    }));
    svg.appendChild(el("text", { x: (b.x1 + b.x2) / 2, y: b.y1 - 6, "text-anchor": "middle", "font-size": 14, "font-weight": "bold", fill: "#4b5360" }, n.data("label")));
  });

  const edges = el("g", { "stroke-linecap": "round" });
  cy.edges().forEach((e) => {
    const s = e.source().position(), t = e.target().position();
    edges.appendChild(el("line", {
      x1: s.x, y1: s.y, x2: t.x, y2: t.y,
      stroke: e.style("line-color"), "stroke-width": parseFloat(e.style("width")) || 1, "stroke-opacity": e.style("opacity"),
    }));
  });
  svg.appendChild(edges);

  cy.nodes(":childless").forEach((n) => {
    const p = n.position();
    const r = n.width() / 2;
    const bw = parseFloat(n.style("border-width")) || 0;
    svg.appendChild(el("circle", {
      cx: p.x, cy: p.y, r,
      fill: n.style("background-color"),
      ...(bw > 0 ? { stroke: n.style("border-color"), "stroke-width": bw } : {}),
    }));
    svg.appendChild(el("text", { x: p.x, y: p.y + r + 11, "text-anchor": "middle", "font-size": n.style("font-size"), fill: n.style("color") }, n.data("label")));
  });

  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}
