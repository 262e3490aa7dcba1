import { cellKey, type DiagramGraph } from './graph';

/** A rectangle; `node` boxes are the ones that must never overlap. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  cls: 'node' | 'frame' | 'zone' | 'row';
  kind?: string;
}

/** A line of text, positioned by its baseline start (or middle with `anchor`). */
export interface Label {
  x: number;
  y: number;
  text: string;
  cls: string;
  anchor?: 'middle';
}

/** A drawn line; `arrow` ends in an arrowhead. */
export interface Line {
  d: string;
  cls: 'rule' | 'leader';
  arrow?: boolean;
}

/** Everything to draw, in drawing order, and the canvas size. */
export interface Layout {
  width: number;
  height: number;
  boxes: Box[];
  labels: Label[];
  lines: Line[];
}

/** Width of a character of the 12px monospace font the SVG uses, with a safety margin. */
export const CHAR = 7.4;
const LINE = 16;
const PAD = 10;
const BOX_H = 2 * LINE + 10;
const GAP = 10;
const LANE = 16;
const textWidth = (s: string) => s.length * CHAR;

interface Anchor {
  x: number;
  y: number;
  h: number;
}

/** Column widths: every box of a column fits its longest line. */
function columnWidth(graph: DiagramGraph): number {
  let longest = 0;
  for (const items of graph.cells.values())
    for (const i of items) longest = Math.max(longest, textWidth(i.title), textWidth(i.detail));
  for (const z of graph.zones) longest = Math.max(longest, textWidth(z));
  return Math.ceil(Math.max(190, longest + 4 * PAD));
}

/**
 * The owners of a row in a fixed order: each owner keeps one slot (a line of boxes) across every
 * zone, so an arrow entering at that slot's height crosses no other owner's box.
 */
function slotsOf(graph: DiagramGraph, group: string): string[] {
  const owners: string[] = [];
  for (const z of graph.zones)
    for (const item of graph.cells.get(cellKey(group, z))!)
      if (!owners.includes(item.owner)) owners.push(item.owner);
  return owners;
}

function rowHeight(slots: number): number {
  return Math.max(70, LINE + 2 * PAD + slots * (BOX_H + GAP));
}

/** The grid's measures: where the zone columns start, how wide each is. */
interface Grid {
  left: number;
  rowLabel: number;
  zonesLeft: number;
  zonesWidth: number;
  col: number;
}

/** Collects what to draw, section by section, top to bottom. */
class Canvas {
  readonly boxes: Box[] = [];
  readonly labels: Label[] = [];
  readonly anchors = new Map<string, Anchor>();
  y = 44;

  constructor(
    private readonly graph: DiagramGraph,
    private readonly g: Grid,
  ) {}

  text(x: number, y: number, text: string, cls: string, anchor?: 'middle'): void {
    this.labels.push({ x, y, text, cls, ...(anchor ? { anchor } : {}) });
  }

  /** The internet, then each load balancer with its listeners, above the VPC. */
  outside(): void {
    const { zonesLeft, zonesWidth } = this.g;
    const w = Math.max(200, textWidth('Internet') + 4 * PAD);
    const x = zonesLeft + (zonesWidth - w) / 2;
    this.boxes.push({ x, y: this.y, w, h: 36, cls: 'node', kind: 'internet' });
    this.text(x + w / 2, this.y + 23, 'Internet', 'node-title', 'middle');
    this.anchors.set('internet', { x: x + w, y: this.y + 8, h: 20 });
    this.y += 36 + 30;
    for (const lb of this.graph.balancers) {
      const lines = [lb.title, lb.placement, ...lb.listeners];
      const h = lines.length * LINE + 2 * PAD;
      this.boxes.push({ x: zonesLeft, y: this.y, w: zonesWidth, h, cls: 'node', kind: 'balancer' });
      lines.forEach((line, i) =>
        this.text(
          zonesLeft + PAD,
          this.y + PAD + 12 + i * LINE,
          line,
          i ? 'node-detail' : 'node-title',
        ),
      );
      this.anchors.set(lb.id, { x: zonesLeft + zonesWidth, y: this.y + 6, h: h - 12 });
      this.y += h + 30;
    }
  }

  /** One band per subnet group; each owner keeps its slot in every zone. */
  row(group: { name: string; detail: string }): void {
    const { left, rowLabel, zonesLeft, zonesWidth, col } = this.g;
    const slots = slotsOf(this.graph, group.name);
    const top = this.y;
    this.boxes.push({
      x: left + PAD,
      y: top,
      w: rowLabel + zonesWidth,
      h: rowHeight(slots.length),
      cls: 'row',
    });
    this.text(left + 2 * PAD, top + 20, group.name, 'row-title');
    this.text(left + 2 * PAD, top + 20 + LINE, group.detail, 'row-detail');
    this.anchors.set(`subnets:${group.name}`, { x: zonesLeft + zonesWidth, y: top + 4, h: 16 });
    this.graph.zones.forEach((zone, zi) => {
      const cx = zonesLeft + zi * col;
      this.text(cx + PAD, top + 16, this.graph.cidrs.get(cellKey(group.name, zone)) ?? '', 'cidr');
      for (const item of this.graph.cells.get(cellKey(group.name, zone))!) {
        const by = top + LINE + PAD + slots.indexOf(item.owner) * (BOX_H + GAP);
        this.boxes.push({
          x: cx + PAD,
          y: by,
          w: col - 2 * PAD,
          h: BOX_H,
          cls: 'node',
          kind: item.kind,
        });
        this.text(cx + 2 * PAD, by + 2 + LINE, item.title, 'node-title');
        this.text(cx + 2 * PAD, by + 2 + 2 * LINE, item.detail, 'node-detail');
        // The right-most box of an owner is where its arrows start and end.
        this.anchors.set(item.owner, { x: cx + col - PAD, y: by + 4, h: BOX_H - 8 });
      }
    });
    this.y += rowHeight(slots.length);
  }

  /** The VPC frame, its zone headers and rows; returns the frame's right edge and bottom. */
  vpc(): { right: number; bottom: number } {
    const { left, rowLabel, zonesLeft, zonesWidth, col } = this.g;
    const top = this.y;
    this.text(left + PAD, top + 20, this.graph.vpc, 'frame-title');
    this.graph.zones.forEach((z, i) =>
      this.text(zonesLeft + i * col + col / 2, top + 50, z, 'zone-title', 'middle'),
    );
    this.y = top + 62;
    const rowsTop = this.y;
    for (const group of this.graph.groups) this.row(group);
    const bottom = this.y + PAD;
    this.boxes.unshift(
      { x: left, y: top, w: rowLabel + zonesWidth + 2 * PAD, h: bottom - top, cls: 'frame' },
      ...this.graph.zones.map((_, i): Box => ({
        x: zonesLeft + i * col,
        y: rowsTop - 28,
        w: col,
        h: bottom - rowsTop + 28 - PAD,
        cls: 'zone',
      })),
    );
    return { right: left + rowLabel + zonesWidth + 2 * PAD, bottom };
  }
}

/** Lays the graph out on a grid: zones are columns, subnet groups rows, rules lanes on the right. */
export function layout(graph: DiagramGraph): Layout {
  const left = 20;
  const col = columnWidth(graph);
  const labelWidths = graph.groups.flatMap((g) => [g.name, g.detail]).map(textWidth);
  const rowLabel = Math.ceil(Math.max(130, ...labelWidths) + 2 * PAD);
  const zonesLeft = left + PAD + rowLabel;
  const canvas = new Canvas(graph, {
    left,
    rowLabel,
    zonesLeft,
    zonesWidth: graph.zones.length * col,
    col,
  });
  canvas.text(left, 24, graph.title, 'title');
  canvas.outside();
  const vpc = canvas.vpc();
  const rules = routeRules(graph, canvas.anchors, vpc.right);
  const labels = [...canvas.labels, ...rules.labels];
  const height = Math.ceil(Math.max(vpc.bottom, ...rules.labels.map((l) => l.y)) + 20);
  return { width: Math.ceil(rules.width), height, boxes: canvas.boxes, labels, lines: rules.lines };
}

/** One lane per rule right of the VPC; labels stacked in a column so none overlaps another. */
function routeRules(graph: DiagramGraph, anchors: Map<string, Anchor>, vpcRight: number) {
  const used = new Map<string, number>();
  const at = (owner: string) => {
    const a = anchors.get(owner);
    if (!a) return undefined;
    const n = used.get(owner) ?? 0;
    used.set(owner, n + 1);
    // Spread the arrows of one box over its height so their ends stay apart.
    return { x: a.x, y: a.y + ((n * 6) % Math.max(6, a.h)) };
  };
  const lanesLeft = vpcRight + 24;
  const drawn = graph.rules.flatMap((r) => {
    const from = at(r.from);
    const to = at(r.to);
    return from && to ? [{ r, from, to }] : [];
  });
  const labelsLeft = lanesLeft + drawn.length * LANE + 16;
  const lines: Line[] = [];
  const labels: Label[] = [];
  let next = 0;
  const ordered = drawn
    .map((d, i) => ({ ...d, x: lanesLeft + i * LANE, mid: (d.from.y + d.to.y) / 2 }))
    .sort((a, b) => a.mid - b.mid || a.x - b.x);
  for (const d of ordered) {
    lines.push({
      d: `M${f(d.from.x)} ${f(d.from.y)} H${f(d.x)} V${f(d.to.y)} H${f(d.to.x + 2)}`,
      cls: 'rule',
      arrow: true,
    });
    const ly = Math.max(d.mid, next);
    next = ly + LINE + 4;
    lines.push({ d: `M${f(d.x)} ${f(ly - 4)} H${f(labelsLeft - 4)}`, cls: 'leader' });
    labels.push({ x: labelsLeft, y: ly, text: `${d.r.to} ← ${d.r.label}`, cls: 'rule-label' });
  }
  const widest = Math.max(0, ...labels.map((l) => textWidth(l.text)));
  return {
    lines,
    labels,
    width: Math.max(labelsLeft + widest + 20, vpcRight + 20),
  };
}

const f = (n: number) => String(Math.round(n * 10) / 10);
