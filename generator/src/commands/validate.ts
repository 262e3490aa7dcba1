import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { CliContext } from '../output/context';
import { SpecError, type Diagnostic } from '../errors';
import type { Model } from '../model/topology';
import { formatDiagnostic } from '../output/terminal';
import { environmentNames, ownWarnings, validateEnvironment } from '../spec/environment';
import { loadSpec } from '../spec/load';
import { addTargetOptions, type TargetOptions } from '../manifest/target';

/** The topology used when no file is given. */
export const DEFAULT_SPEC = 'spec/topology.yaml';

function summary(model: Model, warnings: number): string {
  const instances = model.tiers.reduce((n, t) => n + t.instances.length, 0);
  return (
    `${model.network.zones.length} zones, ${model.network.groups.length} subnet groups, ` +
    `${model.securityGroups.length} security groups, ${model.tiers.length} tiers (${instances} instances)` +
    `${model.database ? ', a database' : ''}${model.loadBalancer ? ', a load balancer' : ''}` +
    `${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
  );
}

/**
 * Validates the base, then every environment (or only `--env`). Environments inherit the base's errors,
 * so they are checked once the base is valid; their own errors are all reported together.
 */
function validateTargets(file: string, ctx: CliContext, env?: string) {
  const spec = loadSpec(resolve(ctx.io.cwd, file), file);
  const checks = { appsDir: resolve(ctx.io.cwd, 'apps') };
  const base = env ? undefined : validateEnvironment(spec, undefined, checks);
  const names = env ? [env] : environmentNames(spec);
  const results: Array<{ environment?: string; model: Model; warnings: Diagnostic[] }> = base
    ? [{ ...base }]
    : [];
  const problems: Diagnostic[] = [];
  for (const environment of names) {
    try {
      const valid = validateEnvironment(spec, environment, checks);
      const warnings = base ? ownWarnings(base.warnings, valid.warnings) : valid.warnings;
      results.push({ environment, ...valid, warnings });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length) throw new SpecError(problems);
  return results;
}

/** `strata validate [file]`: check a topology (and its environments) and report every problem, writing nothing. */
export function registerValidate(program: Command, ctx: CliContext): void {
  addTargetOptions(
    program
      .command('validate')
      .description(
        'check a topology and every environment against the schema and the semantic rules; writes nothing',
      )
      .argument('[file]', 'topology file', DEFAULT_SPEC)
      .option('--json', 'print the result as JSON'),
  ).action((file: string, options: TargetOptions & { json?: boolean }) => {
    const results = validateTargets(file, ctx, options.env);
    const warnings = results.flatMap((r) => r.warnings);
    if (options.json) {
      const environments = results.filter((r) => r.environment).map((r) => r.environment);
      ctx.printJson({ ok: true, file, environments, warnings });
      return;
    }
    for (const w of warnings) ctx.warn(formatDiagnostic(w, ctx.err));
    for (const r of results) {
      const what = r.environment ? `${file} environment ${r.environment}` : file;
      ctx.print(
        `${ctx.out.green('✔')} ${what} is valid: ${summary(r.model, r.warnings.length)}${r.environment ? ` (${r.model.region})` : ''}`,
      );
    }
  });
}
