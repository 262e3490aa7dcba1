import type { Generated } from '../generate';
import { estimateCost, type Estimate } from './estimate';
import { loadPriceTable, type PriceTable } from './prices';
import type { CostSource } from './source';

/** The monthly cost of one resource before and after a change. */
export interface ResourceCostChange {
  layer: string;
  resource: string;
  type: string;
  beforeUsd: number;
  afterUsd: number;
  differenceUsd: number;
}

/** Monthly cost before and after, and every resource whose cost changed. */
export interface CostDelta {
  beforeUsd: number;
  afterUsd: number;
  differenceUsd: number;
  resources: ResourceCostChange[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

function perResource(
  estimate: Estimate,
): Map<
  string,
  Omit<ResourceCostChange, 'beforeUsd' | 'afterUsd' | 'differenceUsd'> & { usd: number }
> {
  const out = new Map<string, { layer: string; resource: string; type: string; usd: number }>();
  for (const line of estimate.lines) {
    const key = `${line.layer}/${line.resource}`;
    const entry = out.get(key) ?? {
      layer: line.layer,
      resource: line.resource,
      type: line.type,
      usd: 0,
    };
    entry.usd = cents(entry.usd + line.monthlyUsd);
    out.set(key, entry);
  }
  return out;
}

/** Compares two estimates resource by resource (a resource is its layer and logical id). */
export function estimateDelta(before: Estimate, after: Estimate): CostDelta {
  const a = perResource(before);
  const b = perResource(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const resources = keys
    .map((key) => {
      const was = a.get(key);
      const now = b.get(key);
      const base = (now ?? was)!;
      const beforeUsd = was?.usd ?? 0;
      const afterUsd = now?.usd ?? 0;
      return {
        layer: base.layer,
        resource: base.resource,
        type: base.type,
        beforeUsd,
        afterUsd,
        differenceUsd: cents(afterUsd - beforeUsd),
      };
    })
    .filter((r) => r.differenceUsd !== 0);
  return {
    beforeUsd: before.totalUsd,
    afterUsd: after.totalUsd,
    differenceUsd: cents(after.totalUsd - before.totalUsd),
    resources,
  };
}

/** Pure: the monthly cost of every resource before and after, for `strata diff` and pull requests. */
export function costDelta(
  before: Generated | CostSource,
  after: Generated | CostSource,
  table: PriceTable = loadPriceTable(),
): CostDelta {
  return estimateDelta(estimateCost(before, table), estimateCost(after, table));
}
