import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { CliContext } from '../output/context';
import { formatDiagnostic } from '../output/terminal';
import { loadSpec } from '../spec/load';
import { validateTopology } from '../spec/validate';

/** The topology used when no file is given. */
export const DEFAULT_SPEC = 'spec/topology.yaml';

/** `strata validate [file]`: check a topology and report every problem, writing nothing. */
export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check a topology against the schema and the semantic rules; writes nothing')
    .argument('[file]', 'topology file', DEFAULT_SPEC)
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const { model, warnings } = validateTopology(loadSpec(resolve(ctx.io.cwd, file), file), {
        appsDir: resolve(ctx.io.cwd, 'apps'),
      });
      if (options.json) {
        ctx.printJson({ ok: true, file, warnings });
        return;
      }
      for (const w of warnings) ctx.warn(formatDiagnostic(w, ctx.err));
      const instances = model.tiers.reduce((n, t) => n + t.instances.length, 0);
      ctx.print(
        `${ctx.out.green('✔')} ${file} is valid: ${model.network.zones.length} zones, ${model.network.groups.length} subnet groups, ` +
          `${model.securityGroups.length} security groups, ${model.tiers.length} tiers (${instances} instances)` +
          `${model.database ? ', a database' : ''}${model.loadBalancer ? ', a load balancer' : ''}` +
          `${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}`,
      );
    });
}
