// debugState is what the browser tests and the UI benchmark read, as
// window.__crosstalk: the cytoscape instance, when the map first drew with
// data (milliseconds since navigation start) and what that first drawing
// held (the stream adds to the map right after).

import type { Core } from "cytoscape";

export interface DebugState {
  cy: Core | null;
  firstRenderMs: number | null;
  ready: boolean;
  firstRender: { guests: number; nodes: number; edges: number } | null;
}

export const debugState: DebugState = { cy: null, firstRenderMs: null, ready: false, firstRender: null };

declare global {
  interface Window {
    __crosstalk: DebugState;
  }
}

window.__crosstalk = debugState;
