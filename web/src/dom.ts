// Small DOM helpers. Every string that reaches the page from the network
// (guest names, alert summaries, evidence) goes through textContent or an
// attribute setter here, never through innerHTML, so a guest called
// "<img onerror=...>" is shown, not run.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

// h builds an element. Keys starting with "on" are event listeners; other
// values become attributes (false/null/undefined leave the attribute out).
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v === "function") {
        el.addEventListener(k.slice(2), v);
      } else if (v === true) {
        el.setAttribute(k, "");
      } else if (v !== false && v != null) {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) {
      append(el, c);
    } else if (c instanceof Node) {
      el.appendChild(c);
    } else if (c !== null && c !== undefined && c !== false) {
      el.appendChild(document.createTextNode(String(c)));
    }
  }
}

// replace swaps the content of el for the given children.
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

// table builds a plain table from a header row and body rows.
export function table(head: string[], rows: Node[], attrs: Attrs | null = null): HTMLTableElement {
  return h(
    "table",
    attrs,
    h("thead", null, h("tr", null, head.map((c) => h("th", null, c)))),
    h("tbody", null, rows),
  );
}

export function empty(text: string): HTMLElement {
  return h("p", { class: "empty" }, text);
}

export function errorBox(err: unknown): HTMLElement {
  return h("p", { class: "error" }, err instanceof Error ? err.message : String(err));
}

// download hands a blob to the browser as a file.
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
