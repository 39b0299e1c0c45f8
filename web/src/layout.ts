// Positions for the communication map. A force-directed layout of 500 nodes
// and 5,000 edges takes seconds and moves every time an edge arrives, so the
// map uses a fixed arrangement instead: each group's nodes on a square grid,
// the groups shelf-packed into rows. The same nodes always land in the same
// places, which also keeps screenshots comparable.

export interface LayoutNode {
  id: string;
  group: string;
}

export interface Point {
  x: number;
  y: number;
}

// Distances in model units; cytoscape scales them to the viewport.
const spacing = 70; // between node centres inside a group
const gap = 110; // between groups, leaving room for the group's label

const collator = new Intl.Collator("en", { numeric: true });

// compareGroups sorts groups by name but keeps the catch-all groups, whose
// names start with a space, after the named ones.
export function compareGroups(a: string, b: string): number {
  const ca = a.startsWith(" "), cb = b.startsWith(" ");
  if (ca !== cb) return ca ? 1 : -1;
  return collator.compare(a, b);
}

export function layout(nodes: LayoutNode[]): Map<string, Point> {
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    let g = groups.get(n.group);
    if (!g) groups.set(n.group, (g = []));
    g.push(n.id);
  }
  const blocks = [...groups.entries()]
    .sort(([a], [b]) => compareGroups(a, b))
    .map(([, ids]) => {
      ids.sort(collator.compare);
      const cols = Math.ceil(Math.sqrt(ids.length));
      const rows = Math.ceil(ids.length / cols);
      return { ids, cols, w: cols * spacing, h: rows * spacing };
    });

  // Rows about as wide as the whole is tall, so the map fills a screen.
  const area = blocks.reduce((s, b) => s + (b.w + gap) * (b.h + gap), 0);
  const widest = blocks.reduce((m, b) => Math.max(m, b.w), 0);
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.3);

  const pos = new Map<string, Point>();
  let x = 0, y = 0, rowHeight = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.w > rowWidth) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    b.ids.forEach((id, i) => {
      pos.set(id, {
        x: x + (i % b.cols) * spacing + spacing / 2,
        y: y + Math.floor(i / b.cols) * spacing + spacing / 2,
      });
    });
    x += b.w + gap;
    rowHeight = Math.max(rowHeight, b.h);
  }
  return pos;
}
