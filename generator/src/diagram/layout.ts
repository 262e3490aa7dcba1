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

/** Lays the graph out on a grid: zones are columns, subnet groups rows, rules lanes on the right. */
export function layout(graph: DiagramGraph): Layout {
  const boxes: Box[] = [];
  const labels: Label[] = [];
  const anchors = new Map<string, Anchor>();
  const col = columnWidth(graph);
  const rowLabel = Math.ceil(
    Math.max(130, ...graph.groups.flatMap((g) => [g.name, g.detail]).map(textWidth)) + 2 * PAD,
  );
  const left = 20;
  const zonesLeft = left + PAD + rowLabel;
  const zonesWidth = graph.zones.length * col;
  labels.push({ x: left, y: 24, text: graph.title, cls: 'title' });
  let y = 44;
  const internetW = Math.max(200, textWidth('Internet') + 4 * PAD);
  const internetX = zonesLeft + (zonesWidth - internetW) / 2;
  boxes.push({ x: internetX, y, w: internetW, h: 36, cls: 'node', kind: 'internet' });
  labels.push({
    x: internetX + internetW / 2,
    y: y + 23,
    text: 'Internet',
    cls: 'node-title',
    anchor: 'middle',
  });
  anchors.set('internet', { x: internetX + internetW, y: y + 8, h: 20 });
  y += 36 + 30;
  for (const lb of graph.balancers) {
    const lines = [lb.title, lb.placement, ...lb.listeners];
    const h = lines.length * LINE + 2 * PAD;
    boxes.push({ x: zonesLeft, y, w: zonesWidth, h, cls: 'node', kind: 'balancer' });
    lines.forEach((text, i) =>
      labels.push({
        x: zonesLeft + PAD,
        y: y + PAD + 12 + i * LINE,
        text,
        cls: i === 0 ? 'node-title' : 'node-detail',
      }),
    );
    anchors.set(lb.id, { x: zonesLeft + zonesWidth, y: y + 6, h: h - 12 });
    y += h + 30;
  }
  const vpcTop = y;
  labels.push({ x: left + PAD, y: vpcTop + 20, text: graph.vpc, cls: 'frame-title' });
  y = vpcTop + 34;
  graph.zones.forEach((z, i) =>
    labels.push({
      x: zonesLeft + i * col + col / 2,
      y: y + 16,
      text: z,
      cls: 'zone-title',
      anchor: 'middle',
    }),
  );
  y += 28;
  const rowsTop = y;
  for (const group of graph.groups) {
    const slots = slotsOf(graph, group.name);
    const h = rowHeight(slots.length);
    boxes.push({ x: left + PAD, y, w: rowLabel + zonesWidth, h, cls: 'row' });
    labels.push({ x: left + 2 * PAD, y: y + 20, text: group.name, cls: 'row-title' });
    labels.push({ x: left + 2 * PAD, y: y + 20 + LINE, text: group.detail, cls: 'row-detail' });
    anchors.set(`subnets:${group.name}`, { x: zonesLeft + zonesWidth, y: y + 4, h: 16 });
    graph.zones.forEach((zone, zi) => {
      const cx = zonesLeft + zi * col;
      labels.push({
        x: cx + PAD,
        y: y + 16,
        text: graph.cidrs.get(cellKey(group.name, zone)) ?? '',
        cls: 'cidr',
      });
      graph.cells.get(cellKey(group.name, zone))!.forEach((item) => {
        const by = y + LINE + PAD + slots.indexOf(item.owner) * (BOX_H + GAP);
        boxes.push({
          x: cx + PAD,
          y: by,
          w: col - 2 * PAD,
          h: BOX_H,
          cls: 'node',
          kind: item.kind,
        });
        labels.push({ x: cx + 2 * PAD, y: by + 4 + LINE - 2, text: item.title, cls: 'node-title' });
        labels.push({
          x: cx + 2 * PAD,
          y: by + 4 + 2 * LINE - 2,
          text: item.detail,
          cls: 'node-detail',
        });
        // The right-most box of an owner is where its arrows start and end.
        anchors.set(item.owner, { x: cx + col - PAD, y: by + 4, h: BOX_H - 8 });
      });
    });
    y += h;
  }
  const vpcBottom = y + PAD;
  boxes.unshift(
    { x: left, y: vpcTop, w: rowLabel + zonesWidth + 2 * PAD, h: vpcBottom - vpcTop, cls: 'frame' },
    ...graph.zones.map((_, i): Box => ({
      x: zonesLeft + i * col,
      y: rowsTop - 28,
      w: col,
      h: vpcBottom - rowsTop + 28 - PAD,
      cls: 'zone',
    })),
  );
  const vpcRight = left + rowLabel + zonesWidth + 2 * PAD;
  const { lines, labels: ruleLabels, width } = routeRules(graph, anchors, vpcRight, vpcBottom);
  return {
    width: Math.ceil(width),
    height: Math.ceil(Math.max(vpcBottom, ...ruleLabels.map((l) => l.y)) + 20),
    boxes,
    labels: [...labels, ...ruleLabels],
    lines,
  };
}

/** One lane per rule right of the VPC; labels stacked in a column so none overlaps another. */
function routeRules(
  graph: DiagramGraph,
  anchors: Map<string, Anchor>,
  vpcRight: number,
  bottom: number,
) {
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
    width: Math.max(labelsLeft + widest + 20, vpcRight + 20, bottom > 0 ? 0 : 0),
  };
}

const f = (n: number) => String(Math.round(n * 10) / 10);
