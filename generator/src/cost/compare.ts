import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { StrataError } from '../errors';
import { packageRoot } from '../util/package-root';
import type { Estimate } from './estimate';
import type { CostLine } from './types';

/** One line of a reference cost table and the strata lines it covers. */
export interface ReferenceLine {
  service: string;
  configuration: string;
  usd: number;
  match: { types: string[]; path?: string };
  basis: string[];
}

/** A cost table to compare with, such as the seed document's (`pricing/reference/seed.json`). */
export interface ReferenceTable {
  title: string;
  threshold: number;
  lines: ReferenceLine[];
  total: number;
  savings?: Record<string, number>;
}

/** One reference line beside strata's figure, with the reasons when they differ by more than the threshold. */
export interface ComparedLine {
  service: string;
  configuration: string;
  referenceUsd: number;
  strataUsd: number;
  /** strata − reference, as a fraction of the reference. */
  difference: number;
  explanations: string[];
}

/** The whole comparison, the lines no reference line covers included. */
export interface Comparison {
  title: string;
  threshold: number;
  lines: ComparedLine[];
  notInReference: Array<{ resource: string; item: string; monthlyUsd: number }>;
  total: ComparedLine;
}

/** Reads a reference table: a name under `pricing/reference/` (`seed`) or a path. */
export function loadReference(name: string, cwd: string): ReferenceTable {
  const file = /^[a-z0-9-]+$/.test(name)
    ? join(packageRoot(), 'pricing', 'reference', `${name}.json`)
    : isAbsolute(name)
      ? name
      : join(cwd, name);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ReferenceTable;
  } catch (error) {
    throw new StrataError(
      'E_IO',
      `cannot read the reference cost table ${file}: ${(error as Error).message}`,
      'use `seed` or the path of a JSON table shaped like pricing/reference/seed.json',
    );
  }
}

const under = (path: string | undefined, prefix: string) =>
  path !== undefined &&
  (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));

function matches(ref: ReferenceLine, line: CostLine): boolean {
  return (
    ref.match.types.includes(line.type) && (!ref.match.path || under(line.path, ref.match.path))
  );
}

/** Why a line the reference did not count costs what it does, by price key. */
const REASONS: Array<[string, string]> = [
  [
    'vpc.publicIpv4Hourly',
    'public IPv4 addresses, charged $0.005/h each since February 2024, which the table predates',
  ],
  ['ebs.', 'EBS root volumes, which the table omits'],
  [
    'secretsManager.',
    'the Secrets Manager secret holding the master password, which the table omits',
  ],
  ['cloudwatch.logs', 'CloudWatch Logs for the exported database logs, which the table omits'],
];

const usd = (n: number) => `$${n.toFixed(2)}`;
const sum = (lines: CostLine[]) =>
  Math.round(lines.reduce((t, l) => t + l.monthlyUsd, 0) * 100) / 100;
const starts = (line: CostLine, prefixes: string[]) =>
  prefixes.some((p) => line.price.startsWith(p));

function explain(ref: ReferenceLine, lines: CostLine[]): string[] {
  const basis = lines.filter((l) => starts(l, ref.basis));
  const out = [
    `counted as the table counts it (${ref.basis.map((b) => `${b}*`).join(', ')}): ${usd(sum(basis))}` +
      (basis.length ? ` = ${basis.map((l) => `${l.item} ${usd(l.monthlyUsd)}`).join(' + ')}` : ''),
  ];
  for (const line of basis.filter((l) => l.freeQuantity))
    out.push(
      `${+line.freeQuantity!.toFixed(2)} ${line.unit} of "${line.item}" fall in AWS's always-free monthly allowance, which the table does not apply (without it: ${usd(line.quantity * line.unitUsd)})`,
    );
  // Group the additions by what they are, so two instances' volumes read as one line.
  const extras = new Map<string, { usd: number; resources: string[]; reason: string }>();
  for (const line of lines.filter((l) => !starts(l, ref.basis) && l.monthlyUsd > 0)) {
    const reason =
      REASONS.find(([prefix]) => line.price.startsWith(prefix))?.[1] ?? 'not in the table';
    const key = `${line.item.replace(/^\d+ × /, '')}|${reason}`;
    const entry = extras.get(key) ?? { usd: 0, resources: [], reason };
    entry.usd += line.monthlyUsd;
    entry.resources.push(line.resource);
    extras.set(key, entry);
  }
  for (const [key, e] of extras)
    out.push(`+ ${usd(e.usd)} ${key.split('|')[0]} (${e.resources.join(', ')}): ${e.reason}`);
  return out;
}

function compared(
  ref: ReferenceLine,
  strataUsd: number,
  threshold: number,
  why: () => string[],
): ComparedLine {
  const difference = ref.usd === 0 ? (strataUsd === 0 ? 0 : 1) : (strataUsd - ref.usd) / ref.usd;
  return {
    service: ref.service,
    configuration: ref.configuration,
    referenceUsd: ref.usd,
    strataUsd,
    difference,
    explanations: Math.abs(difference) > threshold ? why() : [],
  };
}

/** Puts each reference line beside the strata lines it covers and explains every large difference. */
export function compareWithReference(estimate: Estimate, reference: ReferenceTable): Comparison {
  const claimed = new Set<CostLine>();
  const lines = reference.lines.map((ref) => {
    const covered = estimate.lines.filter((l) => matches(ref, l));
    covered.forEach((l) => claimed.add(l));
    return compared(ref, sum(covered), reference.threshold, () => explain(ref, covered));
  });
  const rest = estimate.lines.filter((l) => !claimed.has(l) && l.monthlyUsd > 0);
  const totalRef: ReferenceLine = {
    service: 'Total',
    configuration: '',
    usd: reference.total,
    match: { types: [] },
    basis: [],
  };
  const total = compared(totalRef, estimate.totalUsd, reference.threshold, () => [
    ...lines
      .filter((l) => Math.abs(l.strataUsd - l.referenceUsd) >= 0.005)
      .map(
        (l) =>
          `${l.service}: ${l.strataUsd >= l.referenceUsd ? '+' : '−'}${usd(Math.abs(l.strataUsd - l.referenceUsd))}`,
      ),
    ...(rest.length ? [`not in the table: +${usd(sum(rest))}`] : []),
  ]);
  return {
    title: reference.title,
    threshold: reference.threshold,
    lines,
    notInReference: rest.map((l) => ({
      resource: l.resource,
      item: l.item,
      monthlyUsd: l.monthlyUsd,
    })),
    total,
  };
}
