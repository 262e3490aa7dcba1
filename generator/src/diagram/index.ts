import { diagramGraph, type DiagramInput } from './graph';
import { layout } from './layout';
import { renderSvg } from './svg';
import { renderDot, renderMermaid } from './text';

/** The formats `strata diagram` draws. */
export type DiagramFormat = 'svg' | 'mermaid' | 'dot';

/** Draws the generated topology; deterministic, so `out/diagram.svg` is golden-tested like the templates. */
export function renderDiagram(generated: DiagramInput, format: DiagramFormat = 'svg'): string {
  const graph = diagramGraph(generated);
  if (format === 'mermaid') return renderMermaid(graph);
  if (format === 'dot') return renderDot(graph);
  return renderSvg(layout(graph), `${graph.title}: architecture`);
}
