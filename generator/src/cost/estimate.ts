import { StrataError } from '../errors';
import type { Generated } from '../generate';
import { costSourceOf, type CostSource } from './source';
import type { CostAssumptions } from '../model/cost-settings';
import { FREE } from './free';
import { lookupPrice, MissingPriceError } from './lookup';
import { loadPriceTable, regionPrices, type PriceTable, type RegionPrices } from './prices';
import { PRICERS, rdsLogExports } from './pricers';
import { StackSet } from '../cfn/stack-set';
import type { AllowanceKey, Charge, CostLine, FreeResource, PriceContext } from './types';

/** The monthly estimate of one generated topology. */
export interface Estimate {
  project: string;
  region: string;
  pricing: { file: string; published: string; read: string };
  hoursPerMonth: number;
  assumptions: CostAssumptions;
  lines: CostLine[];
  free: FreeResource[];
  byLayer: Array<{ layer: string; monthlyUsd: number }>;
  totalUsd: number;
  /** Price keys used whose figure could not be confirmed from a stored page. */
  unconfirmed: string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

function shares(set: StackSet): PriceContext['shares'] {
  let natGateways = 0;
  let logSources = 0;
  let internetGateways = 0;
  for (const { template } of set.stacks)
    for (const r of Object.values(template.Resources)) {
      if (r.Type === 'AWS::EC2::NatGateway') natGateways++;
      if (r.Type === 'AWS::EC2::InternetGateway') internetGateways++;
      if (r.Type === 'AWS::Logs::LogGroup') logSources++;
      if (r.Type === 'AWS::RDS::DBInstance') logSources += rdsLogExports(r.Properties ?? {}).length;
    }
  return { natGateways, logSources, internetGateways };
}

function unpriced(set: StackSet): string[] {
  const missing: string[] = [];
  for (const { layer, template } of set.stacks)
    for (const [id, r] of Object.entries(template.Resources))
      if (!PRICERS[r.Type] && FREE[r.Type] === undefined)
        missing.push(`${r.Type} (${id} in out/${layer}.yaml)`);
  return missing;
}

function priceLine(
  ctx: PriceContext,
  charge: Charge,
  prices: RegionPrices,
  table: PriceTable,
): CostLine {
  const region = ctx.set.region;
  const entry = lookupPrice(prices, charge.price, () => ({ ctx, table, region }));
  const unitUsd = entry.usd * (charge.factor ?? 1);
  return {
    layer: ctx.layer,
    resource: ctx.logicalId,
    type: ctx.resource.Type,
    ...(ctx.path ? { path: ctx.path } : {}),
    item: charge.item,
    quantity: charge.quantity,
    unit: charge.unit,
    unitUsd,
    monthlyUsd: cents(charge.quantity * unitUsd),
    price: charge.price,
    confirmed: entry.confirmed,
    ...(charge.allowance ? { allowance: charge.allowance } : {}),
  } as CostLine;
}

function applyAllowances(lines: CostLine[], prices: RegionPrices): void {
  const free: Record<AllowanceKey, number> = {
    internetEgress: prices.dataTransfer.internetOutFreeGb.usd,
    alarms: prices.cloudwatch.alarmFree.usd,
    dashboards: prices.cloudwatch.dashboardFree.usd,
    cloudwatchLogs: prices.cloudwatch.logsFreeGb.usd,
  };
  for (const line of lines as Array<CostLine & { allowance?: AllowanceKey }>) {
    if (!line.allowance) continue;
    const covered = Math.min(free[line.allowance], line.quantity);
    free[line.allowance] -= covered;
    if (covered > 0) line.freeQuantity = covered;
    line.monthlyUsd = cents((line.quantity - covered) * line.unitUsd);
  }
  for (const line of lines as Array<CostLine & { allowance?: AllowanceKey }>) delete line.allowance;
}

/** Prices every resource of the generated templates; unknown types and missing prices are errors. */
export function estimateCost(
  input: Generated | CostSource,
  table: PriceTable = loadPriceTable(),
): Estimate {
  const source = 'model' in input ? costSourceOf(input) : input;
  const set = new StackSet(source);
  const missing = unpriced(set);
  if (missing.length)
    throw new StrataError(
      'E_COST',
      `strata cost does not know what these resource types cost:\n${missing.map((m) => `  ${m}`).join('\n')}`,
      'add a pricer to generator/src/cost/pricers.ts, or list the type in generator/src/cost/free.ts with the reason it is free',
    );
  const prices = regionPrices(table, source.region);
  const { assumptions } = source;
  const base = {
    set,
    prices,
    hours: table.hoursPerMonth,
    assumptions,
    shares: shares(set),
    spotFraction: table.discounts.spotTypical.fraction,
  };
  const lines: CostLine[] = [];
  const free: FreeResource[] = [];
  for (const { layer, template, paths } of set.stacks)
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const pricer = PRICERS[resource.Type];
      if (!pricer) {
        free.push({ layer, resource: logicalId, type: resource.Type, reason: FREE[resource.Type] });
        continue;
      }
      const ctx: PriceContext = { ...base, layer, logicalId, resource, path: paths[logicalId] };
      for (const charge of pricer(ctx)) lines.push(priceLine(ctx, charge, prices, table));
    }
  if (assumptions.freeAllowances) applyAllowances(lines, prices);
  else for (const line of lines as Array<CostLine & { allowance?: string }>) delete line.allowance;
  return summarise(source, table, lines, free);
}

function summarise(
  source: CostSource,
  table: PriceTable,
  lines: CostLine[],
  free: FreeResource[],
): Estimate {
  const layers = source.stacks.map((s) => s.layer);
  const sum = (ls: CostLine[]) => cents(ls.reduce((t, l) => t + l.monthlyUsd, 0));
  return {
    project: source.project,
    region: source.region,
    pricing: { file: table.file, published: table.published, read: table.read },
    hoursPerMonth: table.hoursPerMonth,
    assumptions: source.assumptions,
    lines,
    free,
    byLayer: layers.map((layer) => ({
      layer,
      monthlyUsd: sum(lines.filter((l) => l.layer === layer)),
    })),
    totalUsd: sum(lines),
    unconfirmed: [...new Set(lines.filter((l) => !l.confirmed).map((l) => l.price))].sort(),
  };
}

export { MissingPriceError };
