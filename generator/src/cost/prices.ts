import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StrataError } from '../errors';
import { packageRoot } from '../util/package-root';

/** One figure of the price table: where it was read, or why it could not be confirmed. */
export interface PriceEntry {
  usd: number;
  confirmed: boolean;
  source?: string;
  read?: string;
  note?: string;
  derivedFrom?: string;
}

/** A discount, as the fraction taken off the on-demand price. */
export interface DiscountEntry extends Omit<PriceEntry, 'usd'> {
  fraction: number;
}

type Group = Record<string, PriceEntry>;

/** Prices of one region, grouped by service; instance types and classes are keyed by name. */
export interface RegionPrices {
  ec2: { onDemandHourly: Group };
  ebs: Group;
  rds: Group & { mysqlSingleAzHourly: Group; mysqlMultiAzHourly: Group };
  elb: Group;
  vpc: Group;
  dataTransfer: Group;
  secretsManager: Group;
  cloudwatch: Group;
  waf: Group;
  kms: Group;
  route53: Group;
  s3: Group;
}

/** `pricing/aws-<yyyy-mm>.json`. */
export interface PriceTable {
  version: 1;
  published: string;
  read: string;
  hoursPerMonth: number;
  discounts: Record<
    'savingsPlan1yrNoUpfront' | 'rdsReserved1yrNoUpfront' | 'spotTypical',
    DiscountEntry
  >;
  regions: Record<string, RegionPrices>;
  /** File the table was read from, relative to the package. */
  file: string;
}

/** The newest `pricing/aws-*.json` of the package (file names sort by date). */
export function loadPriceTable(dir = join(packageRoot(), 'pricing')): PriceTable {
  const files = readdirSync(dir)
    .filter((f) => /^aws-\d{4}-\d{2}\.json$/.test(f))
    .sort();
  if (files.length === 0)
    throw new StrataError(
      'E_IO',
      `no price table in ${dir}`,
      'reinstall strata: pricing/ ships with it',
    );
  const file = files[files.length - 1];
  const table = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PriceTable;
  return { ...table, file: `pricing/${file}` };
}

/** The prices of a region, or a clear error listing the regions the table covers. */
export function regionPrices(table: PriceTable, region: string): RegionPrices {
  const prices = table.regions[region];
  if (!prices)
    throw new StrataError(
      'E_USAGE',
      `${table.file} has no prices for region ${region}`,
      `it covers ${Object.keys(table.regions).join(', ')}; add the region's figures (each with its source page) to the table`,
    );
  return prices;
}
