import type { CliContext } from '../output/context';
import { openSession } from '../aws/session';
import type { AwsOptions } from '../aws/options';
import { estimateDelta, type CostDelta } from '../cost/delta';
import { estimateCost } from '../cost/estimate';
import { loadPriceTable } from '../cost/prices';
import { costSourceOf, costSourceOfTemplates } from '../cost/source';
import { committedTemplates, deployedTemplates } from '../diff/sources';
import { StrataError } from '../errors';
import { generateFor } from './cost';

/** The options of `strata diff` that decide what the cost is compared with. */
export interface DiffCostOptions extends AwsOptions {
  base?: string;
  deployed?: boolean;
  changeSet?: boolean;
}

/**
 * The monthly cost before and after for `strata diff`: the same base the diff used (committed out/
 * or the deployed stacks), priced with the topology's current assumptions. A base strata cannot
 * price (a resource type it does not know) is reported as a warning, never fails the diff.
 */
export async function diffCost(
  ctx: CliContext,
  file: string,
  opts: DiffCostOptions,
): Promise<CostDelta | undefined> {
  try {
    const generated = generateFor(ctx, file);
    const now = costSourceOf(generated);
    const live = opts.deployed === true || opts.changeSet === true;
    const base = live
      ? await deployedTemplates(openSession(ctx, opts).cfn, generated.manifest)
      : committedTemplates(ctx.io.cwd, opts.base ?? 'HEAD');
    // Deployed stacks come without a manifest: they are wired as the current one wires them.
    const manifest = live ? generated.manifest : base.manifest;
    const before = costSourceOfTemplates({ manifest, templates: base.templates }, now);
    const table = loadPriceTable();
    return estimateDelta(estimateCost(before, table), estimateCost(now, table));
  } catch (error) {
    if (!(error instanceof StrataError)) throw error;
    ctx.warn(ctx.err.yellow(`cost: not estimated: ${error.message.split('\n')[0]}`));
    return undefined;
  }
}
