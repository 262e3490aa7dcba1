import { StrataError } from '../errors';
import type { PriceEntry, PriceTable, RegionPrices } from './prices';
import type { PriceContext } from './types';

/** An instance type, class or other figure the price table lacks; located by `specPath`. */
export class MissingPriceError extends StrataError {
  constructor(
    message: string,
    hint: string,
    /** Topology path of the setting that chose the missing item, e.g. `tiers.frontend.instanceType`. */
    readonly specPath: string | undefined,
  ) {
    super('E_COST', message, hint);
    this.name = 'MissingPriceError';
  }
}

/** The topology setting that picks a priced item, from the path of the resource it made. */
function specPathOf(path: string | undefined, key: string): string | undefined {
  if (!path) return undefined;
  const tier = /^tiers\.[^.[]+/.exec(path);
  if (tier && key.startsWith('ec2.')) return `${tier[0]}.instanceType`;
  if (path.startsWith('database') && key.startsWith('rds.mysql')) return 'database.instanceClass';
  if (path.startsWith('database') && key.startsWith('rds.')) return 'database.storage.type';
  return path;
}

/** Walks a dotted key whose last part may itself hold dots (`ec2.onDemandHourly.t3.micro`). */
function walk(prices: RegionPrices, key: string): PriceEntry | undefined {
  let node: unknown = prices;
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) {
    const here = node as Record<string, unknown> | undefined;
    if (!here || typeof here !== 'object') return undefined;
    if (parts[i] in here) node = here[parts[i]];
    else return here[parts.slice(i).join('.')] as PriceEntry | undefined;
  }
  return node && typeof (node as PriceEntry).usd === 'number' ? (node as PriceEntry) : undefined;
}

/** The price at `key`, or a located error naming what is missing from which table. */
export function lookupPrice(
  prices: RegionPrices,
  key: string,
  where: () => { ctx: PriceContext; table: PriceTable; region: string },
): PriceEntry {
  const entry = walk(prices, key);
  if (entry) return entry;
  const { ctx, table, region } = where();
  const [group, kind] = key.split('.');
  const name = key.split('.').slice(2).join('.') || kind;
  const what =
    group === 'ec2'
      ? `instance type ${name}`
      : group === 'rds' && kind.startsWith('mysql')
        ? `database class ${name}`
        : `price ${key}`;
  throw new MissingPriceError(
    `${what} (${ctx.logicalId} in out/${ctx.layer}.yaml) is not in ${table.file} for ${region}`,
    `pick a type the table lists, or add ${key} to ${table.file} with its source page and the date you read it`,
    specPathOf(ctx.path, key),
  );
}
