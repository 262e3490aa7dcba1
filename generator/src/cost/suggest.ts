import type { Model } from '../model/topology';
import type { Estimate } from './estimate';
import type { PriceTable } from './prices';
import type { CostLine } from './types';

/** A topology edit: set the value at a path of the topology file. */
export interface Edit {
  path: Array<string | number>;
  value: string;
}

/** One way to spend less, with what it saves each month and what it gives up. */
export interface Suggestion {
  id: string;
  title: string;
  /** The topology edit, when strata can make the change; purchases and Spot have none. */
  edit?: string;
  monthlySavingUsd: number;
  givesUp: string;
  /** The saving the reference table quotes for the same change, when it quotes one. */
  referenceUsd?: number;
}

/** Re-estimates the topology with edits applied; undefined when the edited topology is invalid. */
export type Reestimate = (edits: Edit[]) => Estimate | undefined;

const SIZES = [
  'nano',
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
];
const GRAVITON: Record<string, string> = {
  t3: 't4g',
  t3a: 't4g',
  m5: 'm6g',
  m6i: 'm7g',
  m7i: 'm7g',
  c5: 'c6g',
  r5: 'r6g',
};
const cents = (n: number) => Math.round(n * 100) / 100;
const sum = (lines: CostLine[]) => cents(lines.reduce((t, l) => t + l.monthlyUsd, 0));

function split(type: string): { prefix: string; family: string; size: string } {
  const db = type.startsWith('db.');
  const [family, size] = (db ? type.slice(3) : type).split('.');
  return { prefix: db ? 'db.' : '', family, size };
}

/** The instance types (or classes) worth trying instead of `type`, with a reason each. */
function alternatives(
  type: string,
  known: Set<string>,
): Array<{ kind: 'graviton' | 'size'; to: string }> {
  const { prefix, family, size } = split(type);
  const out: Array<{ kind: 'graviton' | 'size'; to: string }> = [];
  const arm = GRAVITON[family] ? `${prefix}${GRAVITON[family]}.${size}` : undefined;
  if (arm && known.has(arm)) out.push({ kind: 'graviton', to: arm });
  const step = SIZES.indexOf(size);
  const smaller = step > 0 ? `${prefix}${family}.${SIZES[step - 1]}` : undefined;
  if (smaller && known.has(smaller)) out.push({ kind: 'size', to: smaller });
  return out;
}

function givesUp(kind: 'graviton' | 'size', from: string, database: boolean): string {
  if (kind === 'size')
    return `half the vCPU credits and memory of ${from}; strata cannot see utilisation, so check CloudWatch first (CPU and memory well under half)`;
  return database
    ? 'little: RDS runs the engine for you; check that the engine version is offered on Graviton classes'
    : 'x86: the image and any native dependencies must be arm64 (strata picks the arm64 Amazon Linux image; its apps are plain Node.js)';
}

function tryEdit(
  id: string,
  title: string,
  edits: Edit[],
  givesUp: string,
  before: Estimate,
  reestimate: Reestimate,
): Suggestion | undefined {
  const after = reestimate(edits);
  if (!after) return undefined;
  const saving = cents(before.totalUsd - after.totalUsd);
  const edit = edits.map((e) => `${e.path.join('.')}: ${e.value}`).join(', ');
  return saving > 0 ? { id, title, edit, monthlySavingUsd: saving, givesUp } : undefined;
}

function editSuggestions(
  model: Model,
  before: Estimate,
  table: PriceTable,
  reestimate: Reestimate,
): Suggestion[] {
  const prices = table.regions[model.region];
  const ec2 = new Set(Object.keys(prices?.ec2.onDemandHourly ?? {}));
  const rds = new Set(Object.keys(prices?.rds.mysqlSingleAzHourly ?? {}));
  const out: Array<Suggestion | undefined> = [];
  if (model.network.natGateways === 'per-az' && model.network.zones.length > 1)
    out.push(
      tryEdit(
        'single-nat',
        'Use a single NAT gateway',
        [{ path: ['network', 'natGateways'], value: 'single' }],
        "high availability: when the NAT gateway's zone fails, private subnets in every zone lose outbound internet access (and cross-zone traffic to it costs $0.01/GB each way)",
        before,
        reestimate,
      ),
    );
  const change = (
    path: Array<string | number>,
    from: string,
    to: string,
    kind: 'graviton' | 'size',
    what: string,
  ) =>
    tryEdit(
      `${kind}:${path.join('.')}`,
      kind === 'graviton'
        ? `Run ${what} on Graviton (${from} → ${to})`
        : `Right-size ${what} (${from} → ${to})`,
      [{ path, value: to }],
      givesUp(kind, from, path[0] === 'database'),
      before,
      reestimate,
    );
  for (const tier of model.tiers)
    for (const alt of alternatives(tier.instanceType, ec2))
      out.push(
        change(
          ['tiers', tier.name, 'instanceType'],
          tier.instanceType,
          alt.to,
          alt.kind,
          `tier ${tier.name}`,
        ),
      );
  if (model.database)
    for (const alt of alternatives(model.database.instanceClass, rds))
      out.push(
        change(
          ['database', 'instanceClass'],
          model.database.instanceClass,
          alt.to,
          alt.kind,
          'the database',
        ),
      );
  return out.filter((s): s is Suggestion => !!s);
}

function commitmentSuggestions(model: Model, before: Estimate, table: PriceTable): Suggestion[] {
  const out: Suggestion[] = [];
  const fixed = before.lines.filter(
    (l) => l.type === 'AWS::EC2::Instance' && l.price.startsWith('ec2.'),
  );
  const plan = table.discounts.savingsPlan1yrNoUpfront.fraction;
  if (fixed.length)
    out.push({
      id: 'savings-plan',
      title: `1-year no-upfront Compute Savings Plan for the fixed instances (${Math.round(plan * 100)}% off)`,
      monthlySavingUsd: cents(sum(fixed) * plan),
      givesUp: 'a one-year commitment to this much compute spend, used or not',
    });
  const db = before.lines.filter((l) => l.price.startsWith('rds.mysql'));
  const ri = table.discounts.rdsReserved1yrNoUpfront.fraction;
  if (db.length)
    out.push({
      id: 'rds-reserved',
      title: `1-year no-upfront reserved DB instance (${Math.round(ri * 100)}% off)`,
      monthlySavingUsd: cents(sum(db) * ri),
      givesUp: 'a one-year commitment to this class in this region',
    });
  const spot = table.discounts.spotTypical.fraction;
  for (const name of model.cost.interruptibleTiers) {
    const lines = before.lines.filter(
      (l) => l.price.startsWith('ec2.onDemandHourly') && (l.path ?? '').startsWith(`tiers.${name}`),
    );
    if (lines.length)
      out.push({
        id: `spot:${name}`,
        title: `Spot instances for tier ${name} (~${Math.round(spot * 100)}% off, marked interruptible)`,
        monthlySavingUsd: cents(sum(lines) * spot),
        givesUp:
          "instances stopped at two minutes' notice; strata does not launch Spot yet, so this needs InstanceMarketOptions in the launch template",
      });
  }
  return out;
}

/** Every saving strata can price for this topology, largest first. */
export function suggestSavings(
  model: Model,
  before: Estimate,
  table: PriceTable,
  reestimate: Reestimate,
  reference?: Record<string, number>,
): Suggestion[] {
  const all = [
    ...editSuggestions(model, before, table, reestimate),
    ...commitmentSuggestions(model, before, table),
  ];
  for (const s of all) if (reference?.[s.id] !== undefined) s.referenceUsd = reference[s.id];
  return all.sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || a.id.localeCompare(b.id));
}
