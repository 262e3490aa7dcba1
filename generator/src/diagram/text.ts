import { cellKey, type DiagramGraph } from './graph';

const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
const q = (s: string) => s.replace(/"/g, "'");

/** Node id of the first box of an owner (a tier, the database, a load balancer). */
function ownerNodes(graph: DiagramGraph): Map<string, string> {
  const out = new Map<string, string>([['internet', 'internet']]);
  for (const lb of graph.balancers) out.set(lb.id, id(lb.id));
  for (const g of graph.groups) {
    out.set(`subnets:${g.name}`, `grp_${id(g.name)}`);
    for (const z of graph.zones)
      graph.cells.get(cellKey(g.name, z))!.forEach((item, i) => {
        if (!out.has(item.owner)) out.set(item.owner, `n_${id(g.name)}_${id(z)}_${i}`);
      });
  }
  return out;
}

/** Mermaid flowchart: one subgraph per zone holding one per subnet, arrows for every rule. */
export function renderMermaid(graph: DiagramGraph): string {
  const nodes = ownerNodes(graph);
  const out = ['flowchart TB', `  internet(["Internet"])`];
  for (const lb of graph.balancers)
    out.push(`  ${id(lb.id)}["${q([lb.title, ...lb.listeners].join('<br/>'))}"]`);
  out.push(`  subgraph vpc["${q(graph.vpc)}"]`, '    direction LR');
  for (const z of graph.zones) {
    out.push(`    subgraph z_${id(z)}["${q(z)}"]`, '      direction TB');
    for (const g of graph.groups) {
      out.push(
        `      subgraph s_${id(g.name)}_${id(z)}["${q(`${g.name} ${graph.cidrs.get(cellKey(g.name, z)) ?? ''}`)}"]`,
      );
      graph.cells
        .get(cellKey(g.name, z))!
        .forEach((item, i) =>
          out.push(
            `        n_${id(g.name)}_${id(z)}_${i}["${q(`${item.title}<br/>${item.detail}`)}"]`,
          ),
        );
      out.push('      end');
    }
    out.push('    end');
  }
  out.push('  end');
  for (const g of graph.groups) out.push(`  grp_${id(g.name)}{{"${q(`${g.name} subnets`)}"}}`);
  for (const r of graph.rules) {
    const from = nodes.get(r.from);
    const to = nodes.get(r.to);
    if (from && to) out.push(`  ${from} -->|"${q(r.label)}"| ${to}`);
  }
  return `${out.join('\n')}\n`;
}

/** Graphviz dot: clusters per zone and subnet, the same arrows. */
export function renderDot(graph: DiagramGraph): string {
  const nodes = ownerNodes(graph);
  const out = [
    'digraph topology {',
    '  rankdir=TB; node [shape=box fontname="monospace"];',
    '  internet [label="Internet" shape=ellipse];',
  ];
  for (const lb of graph.balancers)
    out.push(`  ${id(lb.id)} [label="${q([lb.title, ...lb.listeners].join('\\n'))}"];`);
  out.push(`  subgraph cluster_vpc { label="${q(graph.vpc)}";`);
  for (const z of graph.zones) {
    out.push(`    subgraph cluster_${id(z)} { label="${q(z)}";`);
    for (const g of graph.groups) {
      out.push(
        `      subgraph cluster_${id(g.name)}_${id(z)} { label="${q(`${g.name} ${graph.cidrs.get(cellKey(g.name, z)) ?? ''}`)}";`,
      );
      out.push(`        anchor_${id(g.name)}_${id(z)} [shape=point style=invis];`);
      graph.cells
        .get(cellKey(g.name, z))!
        .forEach((item, i) =>
          out.push(
            `        n_${id(g.name)}_${id(z)}_${i} [label="${q(`${item.title}\\n${item.detail}`)}"];`,
          ),
        );
      out.push('      }');
    }
    out.push('    }');
  }
  out.push('  }');
  for (const g of graph.groups)
    out.push(`  grp_${id(g.name)} [label="${q(`${g.name} subnets`)}" shape=hexagon];`);
  for (const r of graph.rules) {
    const from = nodes.get(r.from);
    const to = nodes.get(r.to);
    if (from && to) out.push(`  ${from} -> ${to} [label="${q(r.label)}"];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
