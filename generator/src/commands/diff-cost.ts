import type { CostDelta } from '../cost/delta';
import { estimateDelta } from '../cost/delta';
import { estimateCost } from '../cost/estimate';
import { loadPriceTable } from '../cost/prices';
import { costSourceOfTemplates, type CostSource } from '../cost/source';
import type { PlanSides } from '../diff/build-plan';
import { StrataError } from '../errors';
import type { CliContext } from '../output/context';

/**
 * The monthly cost before and after for `strata diff`, from the very sides the plan compared (committed
 * out/ or the deployed stacks), priced with the topology's current assumptions. A side strata cannot
 * price (a resource type it does not know) is reported as a warning and never fails the diff.
 */
export function diffCost(ctx: CliContext, sides: PlanSides): CostDelta | undefined {
  const model = sides.now.model;
  if (!model) return undefined;
  try {
    const none: CostSource = {
      project: model.name,
      region: model.region,
      stacks: [],
      assumptions: model.cost.assumptions,
    };
    const now = costSourceOfTemplates(sides.now, none);
    const before = costSourceOfTemplates(sides.base, now);
    const table = loadPriceTable();
    return estimateDelta(estimateCost(before, table), estimateCost(now, table));
  } catch (error) {
    if (!(error instanceof StrataError)) throw error;
    ctx.warn(ctx.err.yellow(`cost: not estimated: ${error.message.split('\n')[0]}`));
    return undefined;
  }
}
