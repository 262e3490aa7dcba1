import type { Palette } from '../output/terminal';
import type { Comparison } from './compare';
import type { CostDelta } from './delta';
import type { Estimate } from './estimate';
import type { Suggestion } from './suggest';
import type { CostLine } from './types';

/** `$1,234.56`; negative amounts as `−$1.00`. */
export function money(usd: number): string {
  const text = Math.abs(usd).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${usd < 0 ? '−' : ''}$${text}`;
}

const signed = (usd: number) => `${usd > 0 ? '+' : usd < 0 ? '−' : '±'}${money(Math.abs(usd))}`;
const pct = (f: number) => `${f > 0 ? '+' : ''}${Math.round(f * 100)}%`;
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const right = (text: string, width: number) => ' '.repeat(Math.max(0, width - text.length)) + text;
const rate = (l: CostLine) => `${+l.quantity.toFixed(2)} ${l.unit} × $${+l.unitUsd.toPrecision(4)}`;

function lineText(l: CostLine, p: Palette): string {
  const free = l.freeQuantity ? p.dim(` (${+l.freeQuantity.toFixed(2)} free)`) : '';
  const mark = l.confirmed ? ' ' : p.yellow('*');
  return `    ${pad(l.resource, 24)} ${pad(l.item, 44)} ${right(money(l.monthlyUsd), 10)}${mark} ${p.dim(rate(l))}${free}`;
}

/** The estimate for a terminal: per layer, per resource, then assumptions and free resources. */
export function formatEstimate(e: Estimate, p: Palette): string {
  const out = [
    p.bold(`${e.project} in ${e.region}: ${money(e.totalUsd)} a month`) +
      p.dim(` (on-demand, ${e.hoursPerMonth} h a month, ${e.pricing.file} read ${e.pricing.read})`),
    '',
  ];
  for (const { layer, monthlyUsd } of e.byLayer) {
    const lines = e.lines.filter((l) => l.layer === layer);
    const free = e.free.filter((f) => f.layer === layer).length;
    out.push(
      `  ${p.bold(pad(layer, 72))}${right(money(monthlyUsd), 10)}${free ? p.dim(`  + ${free} free resources`) : ''}`,
    );
    for (const l of lines) out.push(lineText(l, p));
  }
  out.push(`  ${p.bold(pad('Total', 72))}${right(money(e.totalUsd), 10)}`, '');
  out.push('  Usage assumed (set cost.assumptions in the topology to change):');
  for (const [k, v] of Object.entries(e.assumptions)) out.push(`    ${pad(k, 24)} ${v}`);
  const types = new Map<string, number>();
  for (const f of e.free) types.set(f.type, (types.get(f.type) ?? 0) + 1);
  out.push(
    '',
    `  Free (${e.free.length} resources): ${[...types].map(([t, n]) => `${t.replace(/^AWS::/, '')} ×${n}`).join(', ')}`,
  );
  if (e.unconfirmed.length)
    out.push(
      p.yellow(
        `  * price not confirmed from a stored page (see its note in ${e.pricing.file}): ${e.unconfirmed.join(', ')}`,
      ),
    );
  return out.join('\n');
}

/** The reference table beside strata's figures, with the explanation of every large difference. */
export function formatComparison(c: Comparison, p: Palette): string {
  const out = [
    p.bold(`Against ${c.title} (differences over ${Math.round(c.threshold * 100)}% explained):`),
  ];
  for (const l of [...c.lines, c.total]) {
    const flag = l.explanations.length ? p.yellow(pct(l.difference)) : p.dim(pct(l.difference));
    out.push(
      `  ${pad(l.service, 16)} ${pad(l.configuration, 14)} ${right(money(l.referenceUsd), 9)}  strata ${right(money(l.strataUsd), 9)}  ${flag}`,
    );
    for (const why of l.explanations) out.push(p.dim(`      ${why}`));
  }
  if (c.notInReference.length) {
    out.push('  Not in the table:');
    for (const r of c.notInReference)
      out.push(`    ${pad(r.resource, 24)} ${pad(r.item, 44)} ${right(money(r.monthlyUsd), 10)}`);
  }
  return out.join('\n');
}

/** Savings, largest first, each with its edit and what it gives up. */
export function formatSuggestions(list: Suggestion[], p: Palette): string {
  if (list.length === 0) return 'No savings found for this topology.';
  const out = [p.bold('Savings (monthly):')];
  for (const s of list) {
    const ref =
      s.referenceUsd !== undefined ? p.dim(` (the seed's table: ${money(s.referenceUsd)})`) : '';
    out.push(`  ${right(`save ${money(s.monthlySavingUsd)}`, 14)}  ${s.title}${ref}`);
    out.push(p.dim(`                  edit: ${s.edit ?? 'none in the topology'}`));
    out.push(p.dim(`                  gives up: ${s.givesUp}`));
  }
  return out.join('\n');
}

/** The cost part of `strata diff`: before, after and each changed resource. */
export function formatDelta(d: CostDelta, p: Palette): string {
  const out = [
    p.bold(
      `Monthly cost: ${money(d.beforeUsd)} → ${money(d.afterUsd)} (${signed(d.differenceUsd)}/month)`,
    ),
  ];
  for (const r of d.resources) {
    const sign = r.beforeUsd === 0 ? p.green('+') : r.afterUsd === 0 ? p.red('-') : p.yellow('~');
    out.push(
      `  ${sign} ${pad(r.resource, 28)} ${signed(r.differenceUsd)}/month ${p.dim(`(${money(r.beforeUsd)} → ${money(r.afterUsd)})`)}`,
    );
  }
  return out.join('\n');
}

const csvCell = (v: string | number) =>
  /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);

/** One row per priced line, for spreadsheets. */
export function estimateCsv(e: Estimate): string {
  const head = [
    'layer',
    'resource',
    'type',
    'item',
    'quantity',
    'unit',
    'unit_usd',
    'free_quantity',
    'monthly_usd',
    'price',
    'confirmed',
  ];
  const rows = e.lines.map((l) => [
    l.layer,
    l.resource,
    l.type,
    l.item,
    +l.quantity.toFixed(4),
    l.unit,
    l.unitUsd,
    l.freeQuantity ?? 0,
    l.monthlyUsd.toFixed(2),
    l.price,
    String(l.confirmed),
  ]);
  return (
    [head, ...rows, ['', '', '', 'total', '', '', '', '', e.totalUsd.toFixed(2), '', '']]
      .map((r) => r.map(csvCell).join(','))
      .join('\n') + '\n'
  );
}

const md = (s: string) => s.replace(/\|/g, '\\|');

/** A markdown table a CI job can post on a pull request. */
export function estimateMarkdown(e: Estimate, c?: Comparison, s?: Suggestion[]): string {
  const out = [
    `### Monthly cost of ${md(e.project)} (${e.region}): ${money(e.totalUsd)}`,
    '',
    '| Layer | Resource | Item | Monthly |',
    '|---|---|---|---:|',
  ];
  for (const l of e.lines)
    out.push(
      `| ${l.layer} | ${md(l.resource)} | ${md(l.item)}${l.confirmed ? '' : ' \\*'} | ${money(l.monthlyUsd)} |`,
    );
  out.push(`| **Total** | | | **${money(e.totalUsd)}** |`, '');
  out.push(
    `On-demand prices from \`${e.pricing.file}\` (read ${e.pricing.read}); assumptions: ${Object.entries(
      e.assumptions,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  if (e.unconfirmed.length)
    out.push(
      '',
      `\\* price not confirmed from a stored page: ${e.unconfirmed.map((k) => `\`${k}\``).join(', ')}`,
    );
  if (c) {
    out.push('', `| ${md(c.title)} | | strata | difference |`, '|---|---:|---:|---:|');
    for (const l of [...c.lines, c.total])
      out.push(
        `| ${md(l.service)} ${md(l.configuration)} | ${money(l.referenceUsd)} | ${money(l.strataUsd)} | ${pct(l.difference)} |`,
      );
  }
  if (s?.length) {
    out.push('', '| Saving | Change | Gives up |', '|---:|---|---|');
    for (const x of s)
      out.push(`| ${money(x.monthlySavingUsd)} | ${md(x.title)} | ${md(x.givesUp)} |`);
  }
  return out.join('\n') + '\n';
}
