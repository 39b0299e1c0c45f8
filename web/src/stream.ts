// The live stream (GET /api/v1/events). EventSource cannot send an
// Authorization header, so the stream is read with fetch and a
// ReadableStream, and the text/event-stream framing is parsed here.

import { authHeaders, apiBase, unauthorized, AuthError, type Alert, type Flow } from "./api";

export type StreamState = "connecting" | "live" | "reconnecting" | "stopped";

export interface StreamHandlers {
  alert(a: Alert): void;
  flow(f: Flow): void;
  dropped(n: number): void;
  state(s: StreamState, detail: string): void;
}

// SSEParser turns chunks of text into (event, data) pairs. It keeps the
// partial line and the fields of the event being read between chunks.
export class SSEParser {
  private buf = "";
  private event = "";
  private data: string[] = [];

  constructor(private readonly emit: (event: string, data: string) => void) {}

  push(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buf.slice(0, nl);
      const sep = this.buf.startsWith("\r\n", nl) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n.
      if (sep === 1 && this.buf[nl] === "\r" && nl === this.buf.length - 1) break;
      this.buf = this.buf.slice(nl + sep);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === "") {
      if (this.data.length > 0) this.emit(this.event || "message", this.data.join("\n"));
      this.event = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return; // a comment: the agent's keepalive
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    // id and retry: the agent sends neither, and replay is not offered.
  }
}

const minBackoff = 1000;
const maxBackoff = 30_000;

// Stream keeps one connection open, reconnecting with exponential backoff
// (reset once a connection has delivered something).
export class Stream {
  private backoff = minBackoff;
  private abort: AbortController | null = null;
  private stopped = false;

  constructor(private readonly h: StreamHandlers) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.h.state("stopped", "");
  }

  private async loop(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      this.h.state(first ? "connecting" : "reconnecting", "");
      first = false;
      let reason: string;
      try {
        reason = await this.once();
      } catch (err) {
        if (err instanceof AuthError) {
          this.stopped = true;
          this.h.state("stopped", "token refused");
          return;
        }
        reason = err instanceof Error ? err.message : String(err);
      }
      if (this.stopped) return;
      const wait = this.backoff * (0.75 + Math.random() * 0.5);
      this.h.state("reconnecting", `${reason}; retrying in ${Math.round(wait / 1000)} s`);
      await new Promise((r) => setTimeout(r, wait));
      this.backoff = Math.min(this.backoff * 2, maxBackoff);
    }
  }

  // once reads one connection until it ends and says why it ended.
  private async once(): Promise<string> {
    this.abort = new AbortController();
    const res = await fetch(apiBase + "events?types=alert,flow", {
      headers: { ...authHeaders(), Accept: "text/event-stream" },
      signal: this.abort.signal,
      cache: "no-store",
    });
    if (res.status === 401) unauthorized();
    if (!res.ok || !res.body) return `stream answered ${res.status}`;
    this.h.state("live", "");
    this.backoff = minBackoff;
    const parser = new SSEParser((event, data) => this.dispatch(event, data));
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return "stream closed";
      parser.push(value);
    }
  }

  private dispatch(event: string, data: string): void {
    let v: unknown;
    try {
      v = JSON.parse(data);
    } catch {
      return; // not ours to guess at
    }
    switch (event) {
      case "alert":
        this.h.alert(v as Alert);
        break;
      case "flow":
        this.h.flow(v as Flow);
        break;
      case "dropped":
        this.h.dropped(Number((v as { dropped?: number }).dropped) || 0);
        break;
    }
  }
}
