// The map's cytoscape stylesheet. Colours match style.css.

import type { StylesheetJson } from "cytoscape";

export const colors = {
  guest: "#3b6fb6",
  unknown: "#a0a4ab",
  edge: "#6aa36f",
  denied: "#d62728",
  would: "#e69500",
  alerting: "#d62728",
  group: "#f2f4f7",
  groupBorder: "#c5ccd6",
  text: "#2b2f36",
};

// mapStyle: on large graphs edges are drawn as haystack lines (no arrows,
// no curve computation), the cheapest edge cytoscape has; small graphs get
// straight arrows so direction reads.
export function mapStyle(large: boolean): StylesheetJson {
  return [
    {
      selector: "node.guest",
      style: {
        "background-color": colors.guest,
        width: 22,
        height: 22,
        label: "data(label)",
        "font-size": 10,
        color: colors.text,
        "text-valign": "bottom",
        "text-margin-y": 3,
        "min-zoomed-font-size": 8,
      },
    },
    {
      selector: "node.unknown",
      style: {
        "background-color": colors.unknown,
        width: 12,
        height: 12,
        label: "data(label)",
        "font-size": 8,
        color: "#666",
        "text-valign": "bottom",
        "text-margin-y": 2,
        "min-zoomed-font-size": 8,
      },
    },
    {
      selector: "node.group",
      style: {
        shape: "round-rectangle",
        "background-color": colors.group,
        "border-width": 1,
        "border-color": colors.groupBorder,
        label: "data(label)",
        "font-size": 14,
        "font-weight": "bold",
        color: "#4b5360",
        "text-valign": "top",
        "text-halign": "center",
        "text-margin-y": -4,
        padding: "16px",
        "min-zoomed-font-size": 6,
      },
    },
    {
      selector: "node.alerting",
      style: {
        "border-width": 4,
        "border-color": colors.alerting,
        "background-color": "#f08a8a",
      },
    },
    {
      selector: "edge",
      style: {
        width: "data(w)",
        "line-color": colors.edge,
        opacity: 0.55,
        "curve-style": large ? "haystack" : "straight",
        ...(large ? { "haystack-radius": 0 } : { "target-arrow-shape": "triangle", "target-arrow-color": colors.edge, "arrow-scale": 0.8 }),
      },
    },
    {
      selector: "edge.would",
      style: { "line-color": colors.would, "target-arrow-color": colors.would, "line-style": "dashed", opacity: 0.85 },
    },
    {
      selector: "edge.denied",
      style: { "line-color": colors.denied, "target-arrow-color": colors.denied, opacity: 0.85 },
    },
    {
      selector: "node:selected",
      style: { "overlay-color": "#3b6fb6", "overlay-opacity": 0.2 },
    },
  ];
}
