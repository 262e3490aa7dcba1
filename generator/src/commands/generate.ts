import type { Command } from 'commander';
import { isAbsolute, join } from 'node:path';
import { ExitCode, SpecError, StrataError, type Diagnostic } from '../errors';
import type { CliContext } from '../output/context';
import { generateTemplates, readTopology, type Generated } from '../generate';
import { lintBeforeWrite } from '../lint/generate-hook';
import { formatDiagnostic } from '../output/terminal';
import { readOut, writeOut } from '../render/write-out';
import { unifiedDiff } from '../output/text-diff';
import { environmentNames, ownWarnings } from '../spec/environment';
import { addTargetOptions, outDirOf, type TargetOptions } from '../manifest/target';
import { DEFAULT_SPEC } from './validate';

interface GenerateFlags extends TargetOptions {
  all?: boolean;
  check?: boolean;
  json?: boolean;
  lint: boolean;
}

/** One rendering: the base (no environment) or one environment, and the folder it goes to. */
interface Target {
  environment?: string;
  out: string;
  generated: Generated;
}

/** Compares what would be generated with an output folder; prints a diff of each stale file. */
function check(ctx: CliContext, outDir: string, target: Target, json: boolean): string[] {
  const { files } = target.generated;
  const current = readOut(outDir);
  const names = [...new Set([...files.keys(), ...current.keys()])].sort();
  const stale = names.filter((name) => files.get(name) !== current.get(name));
  if (json) return stale;
  if (stale.length === 0) {
    ctx.print(`${ctx.out.green('✔')} ${target.out}/ is up to date (${files.size} files)`);
    return stale;
  }
  for (const name of stale)
    ctx.warn(
      unifiedDiff(`${target.out}/${name}`, current.get(name) ?? '', files.get(name) ?? '', ctx.err),
    );
  const env = target.environment ? ` --env ${target.environment}` : '';
  ctx.warn(
    ctx.err.red(
      `✖ ${target.out}/ is stale: ${stale.join(', ')} differ${stale.length === 1 ? 's' : ''} from what the topology generates`,
    ),
  );
  ctx.warn(`  run \`npx strata generate${env}\` and commit the result`);
  return stale;
}

/**
 * Which renderings a run makes: `--all` (and `--check` with neither `--env` nor `--out`) means the base
 * plus every environment, each environment under `<out>/<env>`; otherwise the one `--env` names, or the base.
 */
function environmentsOf(flags: GenerateFlags, names: string[]): Array<string | undefined> {
  if (flags.all && flags.env)
    throw new StrataError('E_USAGE', '--all renders every environment; drop --env or --all');
  const every = flags.all || (flags.check && !flags.env && !flags.out);
  if (every) return [undefined, ...names];
  return [flags.env];
}

/** Renders every target before writing any, and reports every topology error of every environment at once. */
function renderAll(ctx: CliContext, file: string, flags: GenerateFlags): Target[] {
  const spec = readTopology(file, { cwd: ctx.io.cwd });
  const envs = environmentsOf(flags, environmentNames(spec));
  const root = flags.out ?? 'out';
  const targets: Target[] = [];
  const problems: Diagnostic[] = [];
  for (const environment of envs) {
    try {
      const generated = generateTemplates(file, { cwd: ctx.io.cwd, spec, environment });
      const out = envs.length > 1 && environment ? `${root}/${environment}` : outDirOf(flags);
      targets.push({ environment, out, generated });
    } catch (error) {
      // Every environment inherits the base's errors: report those alone, once.
      if (!(error instanceof SpecError) || envs.length === 1 || !environment) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length) throw new SpecError(unique(problems));
  const base = targets.find((t) => !t.environment);
  if (base)
    for (const t of targets)
      if (t !== base)
        t.generated = {
          ...t.generated,
          warnings: ownWarnings(base.generated.warnings, t.generated.warnings),
        };
  return targets;
}

/** The same base line can break several environments; say it once per message. */
function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.position?.line}:${d.position?.column}:${d.code}:${d.path}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function printWritten(
  ctx: CliContext,
  target: Target,
  written: number,
  removed: string[],
  unchanged: boolean,
): void {
  for (const [name, t] of target.generated.templates)
    ctx.print(
      `  ${target.out}/${name} ${ctx.out.dim(`${Object.keys(t.Resources).length} resources`)}`,
    );
  for (const name of removed) ctx.print(`  ${ctx.out.yellow('removed')} ${target.out}/${name}`);
  const env = target.environment ? ` (environment ${target.environment})` : '';
  ctx.print(
    unchanged
      ? `${ctx.out.green('✔')} ${target.out}/ already holds these ${written} files${env}; nothing written`
      : `${ctx.out.green('✔')} wrote ${written} files to ${target.out}/${env}`,
  );
}

function jsonOf(target: Target, removed?: string[], stale?: string[]) {
  const files = [...target.generated.templates].map(([name, t]) => ({
    file: name,
    resources: Object.keys(t.Resources).length,
  }));
  const common = { environment: target.environment, out: target.out };
  if (stale) return { ...common, ok: stale.length === 0, stale };
  return { ok: true, ...common, files, removed, warnings: target.generated.warnings };
}

/** Lints, then checks or writes each target; resolves to false when a check found a stale folder. */
function finish(ctx: CliContext, targets: Target[], flags: GenerateFlags): boolean {
  const json = flags.json === true;
  const results: unknown[] = [];
  let fresh = true;
  for (const target of targets) {
    const outDir = isAbsolute(target.out) ? target.out : join(ctx.io.cwd, target.out);
    if (!json) for (const w of target.generated.warnings) ctx.warn(formatDiagnostic(w, ctx.err));
    if (flags.lint) lintBeforeWrite(ctx, outDir, target.generated, json);
    if (flags.check) {
      const stale = check(ctx, outDir, target, json);
      fresh &&= stale.length === 0;
      results.push(jsonOf(target, undefined, stale));
      continue;
    }
    const { written, removed, unchanged } = writeOut(outDir, target.generated.files, ctx.io.cwd);
    if (json) results.push({ ...jsonOf(target, removed), unchanged });
    else printWritten(ctx, target, written.length, removed, unchanged);
  }
  if (json) ctx.printJson(results.length === 1 ? results[0] : { ok: fresh, environments: results });
  return fresh;
}

/** `strata generate [file]`: render every layer into out/ (or out/<env>/), atomically; `--check` compares instead. */
export function registerGenerate(program: Command, ctx: CliContext): void {
  addTargetOptions(
    program
      .command('generate')
      .description(
        'render the topology into one CloudFormation template per layer, plus out/manifest.json',
      )
      .argument('[file]', 'topology file', DEFAULT_SPEC),
  )
    .option('-o <dir>', 'same as --out')
    .option('--all', 'render the base into out/ and every environment into out/<env>/')
    .option(
      '--check',
      'write nothing; exit 2 if an output folder differs from what would be generated (every environment unless --env or --out)',
    )
    .option('--json', 'print the result as JSON')
    .option('--no-lint', 'skip linting the rendered templates (strata lint) before writing')
    .action((file: string, flags: GenerateFlags & { o?: string }) => {
      const options = { ...flags, out: flags.out ?? flags.o };
      const targets = renderAll(ctx, file, options);
      // 2 = stale, as `diff --fail` uses 2 for changes: 1 stays for errors (a bad topology).
      if (!finish(ctx, targets, options)) throw new ExitCode(2);
    });
}
