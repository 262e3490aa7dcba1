import type { Command } from 'commander';
import { isAbsolute, join } from 'node:path';
import { ExitCode } from '../errors';
import type { CliContext } from '../output/context';
import { generateTemplates } from '../generate';
import { lintBeforeWrite } from '../lint/generate-hook';
import { formatDiagnostic } from '../output/terminal';
import { readOut, writeOut } from '../render/write-out';
import { unifiedDiff } from '../output/text-diff';
import { DEFAULT_SPEC } from './validate';

interface GenerateFlags {
  out: string;
  check?: boolean;
  json?: boolean;
  lint: boolean;
}

/** Compares what would be generated with what is in out/; prints a diff of each stale file. */
function check(
  ctx: CliContext,
  outDir: string,
  shownOut: string,
  files: Map<string, string>,
  json: boolean,
): void {
  const current = readOut(outDir);
  const names = [...new Set([...files.keys(), ...current.keys()])].sort();
  const stale = names.filter((name) => files.get(name) !== current.get(name));
  if (json) ctx.printJson({ ok: stale.length === 0, stale });
  if (stale.length === 0) {
    if (!json) ctx.print(`${ctx.out.green('✔')} ${shownOut}/ is up to date (${files.size} files)`);
    return;
  }
  if (!json) {
    for (const name of stale)
      ctx.warn(
        unifiedDiff(`${shownOut}/${name}`, current.get(name) ?? '', files.get(name) ?? '', ctx.err),
      );
    ctx.warn(
      ctx.err.red(
        `✖ ${shownOut}/ is stale: ${stale.join(', ')} differ${stale.length === 1 ? 's' : ''} from what the topology generates`,
      ),
    );
    ctx.warn('  run `npx strata generate` and commit the result');
  }
  // 2 = stale, as `diff --fail` uses 2 for changes: 1 stays for errors (a bad topology).
  throw new ExitCode(2);
}

/** `strata generate [file]`: render every layer into out/, atomically; `--check` compares instead. */
export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description(
      'render the topology into one CloudFormation template per layer, plus out/manifest.json',
    )
    .argument('[file]', 'topology file', DEFAULT_SPEC)
    .option('-o, --out <dir>', 'output folder', 'out')
    .option(
      '--check',
      'write nothing; exit 2 if the output folder differs from what would be generated (1 on an error)',
    )
    .option('--json', 'print the result as JSON')
    .option('--no-lint', 'skip linting the rendered templates (strata lint) before writing')
    .action((file: string, flags: GenerateFlags) => {
      const generated = generateTemplates(file, { cwd: ctx.io.cwd });
      const outDir = isAbsolute(flags.out) ? flags.out : join(ctx.io.cwd, flags.out);
      if (!flags.json) for (const w of generated.warnings) ctx.warn(formatDiagnostic(w, ctx.err));
      if (flags.lint) lintBeforeWrite(ctx, outDir, generated, flags.json === true);
      if (flags.check) return check(ctx, outDir, flags.out, generated.files, flags.json === true);
      const { written, removed } = writeOut(outDir, generated.files, ctx.io.cwd);
      const counts = [...generated.templates].map(([name, t]) => ({
        file: name,
        resources: Object.keys(t.Resources).length,
      }));
      if (flags.json) {
        ctx.printJson({
          ok: true,
          out: flags.out,
          files: counts,
          removed,
          warnings: generated.warnings,
        });
        return;
      }
      for (const { file: name, resources } of counts)
        ctx.print(`  ${flags.out}/${name} ${ctx.out.dim(`${resources} resources`)}`);
      for (const name of removed) ctx.print(`  ${ctx.out.yellow('removed')} ${flags.out}/${name}`);
      ctx.print(`${ctx.out.green('✔')} wrote ${written.length} files to ${flags.out}/`);
    });
}
