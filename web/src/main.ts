// The crosstalk web UI: one page, hash routes, one live stream shared by the
// pages. See web/embed.go for how it is built and served.

import "./debug"; // window.__crosstalk first, before anything can fail
import "./style.css";
import { get, setUnauthorizedHandler, type GuestList } from "./api";
import { alerts } from "./alerts-store";
import { alertPage, alertsPage } from "./alerts";
import { h, replace } from "./dom";
import { fleet } from "./fleet";
import { flowsPage } from "./flows";
import { guestPage } from "./guest";
import { MapView } from "./map";
import { policyPage } from "./policy";
import { parseHash, type Cleanup } from "./router";
import { Stream, type StreamState } from "./stream";
import { haveToken, showTokenPrompt, takeTokenFromURL } from "./token";

const mapSection = document.getElementById("map-page")!;
const pageSection = document.getElementById("page")!;
const conn = document.getElementById("conn")!;

let map: MapView | null = null;
let cleanup: Cleanup = undefined;

function route(): void {
  if (typeof cleanup === "function") cleanup();
  cleanup = undefined;
  const { path, query } = parseHash(location.hash);
  const page = path[0] ?? "map";
  for (const a of document.querySelectorAll<HTMLElement>("nav a")) {
    a.classList.toggle("active", a.dataset.nav === page || (page === "guests" && a.dataset.nav === "map"));
  }
  const isMap = page === "map";
  mapSection.hidden = !isMap;
  pageSection.hidden = isMap;
  if (isMap) {
    map ??= new MapView(mapSection);
    map.show();
    return;
  }
  pageSection.replaceChildren();
  window.scrollTo(0, 0);
  switch (page) {
    case "alerts":
      cleanup = path[1] ? alertPage(pageSection, path[1]) : alertsPage(pageSection, query);
      break;
    case "guests":
      if (path[1]) cleanup = guestPage(pageSection, path[1]);
      break;
    case "flows":
      cleanup = flowsPage(pageSection, query);
      break;
    case "policy":
      cleanup = policyPage(pageSection);
      break;
    default:
      replace(pageSection, h("h1", null, "Not found"), h("p", null, h("a", { href: "#/map" }, "back to the map")));
  }
}

let dropped = 0;
let lostAt: Date | null = null; // when the stream last went down

function showState(s: StreamState, detail: string): void {
  if (s === "reconnecting" && lostAt === null && conn.dataset.state === "live") lostAt = new Date(Date.now() - 5000);
  if (s === "live" && lostAt !== null) {
    // Back: what happened while the stream was down is only in the store.
    const since = lostAt;
    lostAt = null;
    alerts.catchUp(since).catch(() => {});
    map?.reload();
  }
  const text: Record<StreamState, string> = {
    connecting: "connecting",
    live: "live",
    reconnecting: "reconnecting",
    stopped: "offline",
  };
  conn.dataset.state = s;
  conn.textContent = text[s] + (dropped > 0 ? ` · ${dropped.toLocaleString("en-US")} dropped` : "");
  conn.title = detail || (s === "live" ? "following the agent's live stream" : "");
}

function start(): void {
  takeTokenFromURL();
  setUnauthorizedHandler(() =>
    showTokenPrompt("The agent refused the API token (401). Enter the current one."),
  );
  if (!haveToken()) {
    showTokenPrompt("This agent's API needs a token.");
    return;
  }
  const stream = new Stream({
    alert: (a) => alerts.put(a),
    flow: (f) => map?.flow(f),
    dropped: (n) => {
      dropped += n;
      showState("live", "the agent dropped events this page read too slowly");
    },
    state: showState,
  });
  stream.start();
  const host = document.getElementById("host")!;
  // On a fleet server the host picker takes the host's place; picking
  // another host redraws the page.
  void fleet.init(host).then((isFleet) => {
    if (isFleet) {
      document.title = "crosstalk · fleet";
      fleet.onChange(() => {
        map?.reload();
        if (location.hash.startsWith("#/alerts")) route();
      });
    } else {
      get<GuestList>("guests").then(
        (gl) => {
          host.textContent = gl.host ?? "";
          if (gl.host) document.title = `crosstalk · ${gl.host}`;
        },
        () => {}, // the pages show the error
      );
    }
    window.addEventListener("hashchange", route);
    route();
  });
}

start();
