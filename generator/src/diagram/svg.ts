import type { Layout } from './layout';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

const STYLE = [
  'text{font:12px "DejaVu Sans Mono",monospace;fill:#1f2933}',
  '.title{font-size:15px;font-weight:bold}',
  '.frame-title,.row-title,.zone-title,.node-title{font-weight:bold}',
  '.node-detail,.row-detail,.cidr{fill:#52606d}',
  '.rule-label{fill:#8a4b08}',
  'rect.frame{fill:#f5f9ff;stroke:#2f6fbd;stroke-width:1.5}',
  'rect.zone{fill:#eaf2fc;stroke:#9fbce0;stroke-dasharray:4 3}',
  'rect.row{fill:none;stroke:#c5d4e8}',
  'rect.node{fill:#fff;stroke:#3e4c59;rx:4}',
  'rect.internet{fill:#eef8ee;stroke:#2f8132}',
  'rect.balancer{fill:#fff7e6;stroke:#b7791f}',
  'rect.database{fill:#f3ecfb;stroke:#6b46c1}',
  'rect.nat{fill:#fdf0f0;stroke:#b83232}',
  'path.rule{fill:none;stroke:#8a4b08;stroke-width:1.2}',
  'path.leader{fill:none;stroke:#d9b38c;stroke-dasharray:2 3}',
].join('');

/** Serialises a layout as a small standalone SVG; the same layout always gives the same bytes. */
export function renderSvg(layout: Layout, title: string): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#8a4b08"/></marker></defs>',
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
  ];
  for (const b of layout.boxes)
    out.push(
      `<rect class="${b.cls}${b.kind ? ` ${b.kind}` : ''}" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}"/>`,
    );
  for (const l of layout.lines)
    out.push(`<path class="${l.cls}" d="${l.d}"${l.arrow ? ' marker-end="url(#arrow)"' : ''}/>`);
  for (const t of layout.labels)
    out.push(
      `<text class="${t.cls}" x="${n(t.x)}" y="${n(t.y)}"${t.anchor ? ' text-anchor="middle"' : ''}>${esc(t.text)}</text>`,
    );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
