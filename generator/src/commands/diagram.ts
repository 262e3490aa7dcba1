import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { renderDiagram, type DiagramFormat } from '../diagram';
import { StrataError } from '../errors';
import { generateFor } from './cost';
import { DEFAULT_SPEC } from './validate';

const FORMATS: DiagramFormat[] = ['svg', 'mermaid', 'dot'];

/** `strata diagram [file]`: the topology as deployed, as SVG, Mermaid or Graphviz dot on stdout. */
export function registerDiagram(program: Command, ctx: CliContext): void {
  program
    .command('diagram')
    .argument('[file]', 'topology file', DEFAULT_SPEC)
    .option('--env <name>', 'draw this environment of the topology')
    .option('--format <format>', 'svg, mermaid (for a README or pull request) or dot', 'svg')
    .option('--json', 'print {format, environment, diagram} as JSON (errors too)')
    .action((file: string, flags: { env?: string; format: string; json?: boolean }) => {
      if (!FORMATS.includes(flags.format as DiagramFormat))
        throw new StrataError(
          'E_USAGE',
          `--format ${flags.format} is not a diagram format`,
          `use one of ${FORMATS.join(', ')}`,
        );
      const generated = generateFor(ctx, file, flags.env);
      const diagram = renderDiagram(generated, flags.format as DiagramFormat).trimEnd();
      if (flags.json)
        return ctx.printJson({ format: flags.format, environment: flags.env ?? null, diagram });
      ctx.print(diagram);
    });
}
