import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { CliContext } from '../output/context';
import { compareWithReference, loadReference, type Comparison } from '../cost/compare';
import { estimateCost, type Estimate } from '../cost/estimate';
import {
  estimateCsv,
  estimateMarkdown,
  formatComparison,
  formatEstimate,
  formatSuggestions,
} from '../cost/format';
import { MissingPriceError } from '../cost/lookup';
import { loadPriceTable, type PriceTable } from '../cost/prices';
import { suggestSavings, type Edit, type Suggestion } from '../cost/suggest';
import { SpecError, StrataError } from '../errors';
import { generateTemplates, type GenerateOptions, type Generated } from '../generate';
import { loadSpec } from '../spec/load';
import { locate } from '../spec/locate';
import { didYouMean } from '../util/suggest';
import { DEFAULT_SPEC } from './validate';

interface CostFlags {
  env?: string;
  json?: boolean;
  format: string;
  suggest?: boolean;
  against?: string;
}

/**
 * Runs the pipeline for the command, for an environment when one is named. The environment must be
 * declared in the topology, so a typo (or a strata without environments) is an error, never a
 * silent estimate of the base topology.
 */
export function generateFor(ctx: CliContext, file: string, env?: string, text?: string): Generated {
  const options = {
    cwd: ctx.io.cwd,
    ...(text !== undefined ? { text } : {}),
    ...(env ? { environment: env } : {}),
  };
  const generated = generateTemplates(file, options as GenerateOptions);
  if (env) {
    const declared = Object.keys(
      ((generated.spec.data ?? {}) as { environments?: Record<string, unknown> }).environments ??
        {},
    );
    if (!declared.includes(env))
      throw new StrataError(
        'E_USAGE',
        `--env ${env}: ${file} declares ${declared.length ? `no environment named ${env}` : 'no environments'}`,
        didYouMean(env, declared) ||
          'declare it under `environments:` in the topology (see docs/environments.md)',
      );
  }
  return generated;
}

/** A missing instance type or class, pointed at the topology line that chose it. */
function located(error: MissingPriceError, ctx: CliContext, file: string): StrataError {
  if (!error.specPath) return error;
  const spec = loadSpec(resolve(ctx.io.cwd, file), file);
  const where = locate(spec, error.specPath);
  return new SpecError([
    {
      code: 'cost/unpriced',
      severity: 'error',
      path: error.specPath,
      message: error.message,
      fix: error.hint,
      position: { file: where.file, line: where.line, column: where.column },
      sourceLine: where.sourceLine,
    },
  ]);
}

function suggestions(
  ctx: CliContext,
  file: string,
  flags: CostFlags,
  g: Generated,
  e: Estimate,
  table: PriceTable,
  reference?: Record<string, number>,
): Suggestion[] {
  const text = readFileSync(resolve(ctx.io.cwd, file), 'utf8');
  const reestimate = (edits: Edit[]) => {
    const doc = parseDocument(text);
    for (const edit of edits) doc.setIn(edit.path, edit.value);
    try {
      return estimateCost(generateFor(ctx, file, flags.env, doc.toString()), table);
    } catch (error) {
      // An edit the topology's rules reject (or that has no price) is simply not a suggestion.
      if (error instanceof StrataError) return undefined;
      throw error;
    }
  };
  return suggestSavings(g.model, e, table, reestimate, reference);
}

function run(ctx: CliContext, file: string, flags: CostFlags): void {
  const format = flags.json ? 'json' : flags.format;
  if (!['text', 'csv', 'markdown', 'json'].includes(format))
    throw new StrataError(
      'E_USAGE',
      `--format ${format} is not a format strata cost prints`,
      'use --format text, csv or markdown, or --json',
    );
  const generated = generateFor(ctx, file, flags.env);
  const table = loadPriceTable();
  const estimate = estimateCost(generated, table);
  const referenceName = flags.against ?? generated.model.cost.compareWith;
  const reference = referenceName ? loadReference(referenceName, ctx.io.cwd) : undefined;
  const comparison: Comparison | undefined = reference
    ? compareWithReference(estimate, reference)
    : undefined;
  const saved = flags.suggest
    ? suggestions(ctx, file, flags, generated, estimate, table, reference?.savings)
    : undefined;
  if (format === 'json')
    return ctx.printJson({ ok: true, ...estimate, comparison, suggestions: saved });
  if (format === 'csv') return ctx.print(estimateCsv(estimate));
  if (format === 'markdown') return ctx.print(estimateMarkdown(estimate, comparison, saved));
  const parts = [formatEstimate(estimate, ctx.out)];
  if (comparison) parts.push(formatComparison(comparison, ctx.out));
  if (saved) parts.push(formatSuggestions(saved, ctx.out));
  ctx.print(parts.join('\n\n'));
}

/** `strata cost [file]`: the monthly estimate per resource and layer, its assumptions and savings. */
export function registerCost(program: Command, ctx: CliContext): void {
  program
    .command('cost')
    .argument('[file]', 'topology file', DEFAULT_SPEC)
    .option('--env <name>', 'estimate this environment of the topology')
    .option('--format <format>', 'text, csv or markdown (a table for a pull request)', 'text')
    .option('--json', 'print the estimate as JSON')
    .option(
      '--suggest',
      'list topology edits and purchases that save money, with what each gives up',
    )
    .option(
      '--against <table>',
      'compare with a reference cost table: `seed` or a JSON file (default: cost.compareWith)',
    )
    .action((file: string, flags: CostFlags) => {
      try {
        run(ctx, file, flags);
      } catch (error) {
        throw error instanceof MissingPriceError ? located(error, ctx, file) : error;
      }
    });
}
