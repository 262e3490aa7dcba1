import type { Palette } from '../output/terminal';
import { unifiedDiff } from '../output/text-diff';
import {
  IMPACTS,
  type Cause,
  stackHasChanges,
  type DiffReport,
  type Impact,
  type NamedChange,
  type PropertyChange,
  type ResourceChange,
  type SecurityChange,
  type StackDiff,
  type Totals,
} from './model';
import { renewedNames, showText, showValue, type ShowOptions } from './show';
import { withoutRenewal } from './symbolic';
import { same } from './leaves';

const MARK: Record<Impact, string> = {
  create: '+',
  modify: '~',
  interrupt: '↻',
  replace: '±',
  remove: '-',
};
const RANK: Record<Impact, number> = { remove: 0, replace: 1, interrupt: 2, modify: 3, create: 4 };

function paint(impact: Impact, text: string, p: Palette): string {
  if (impact === 'create') return p.green(text);
  if (impact === 'modify') return p.yellow(text);
  return impact === 'interrupt' ? p.yellow(p.bold(text)) : p.red(p.bold(text));
}

/** Totals in words, e.g. `1 to create, 3 to modify, 2 to replace` (only the impacts that occur). */
export function totalsLine(t: Totals): string {
  const parts = IMPACTS.filter((k) => t[k] > 0).map((k) => `${t[k]} to ${k}`);
  return parts.length ? parts.join(', ') : 'no resource changes';
}

/** A new value built from resources that are replaced or created: what becomes known after deploy, and why. */
function afterDeploy(old: unknown, now: unknown, o: ShowOptions): string {
  const names = [...renewedNames(now, o)].join(', ');
  if (same(withoutRenewal(now), old)) return `known after deploy (new ${names})`;
  return `${showValue(now, o)}  (known after deploy: new ${names})`;
}

function propertyLines(c: PropertyChange, o: ShowOptions, p: Palette): string[] {
  const why = c.effect === 'modify' ? '' : `  ${paint(c.effect, c.effect, p)}: ${c.reason ?? ''}`;
  const [a, b] = [showText(c.old, o), showText(c.new, o)];
  if (c.knownAfterDeploy && a !== undefined && a === b) {
    const names = [...renewedNames(c.new, o)].join(', ');
    return [`      ${c.path}: same text, with values known after deploy (new ${names})${why}`];
  }
  if (a !== undefined && b !== undefined && (a.includes('\n') || b.includes('\n'))) {
    // Drop the file headers and hunk marks: the changed lines are what matters, all of them.
    const body = unifiedDiff(c.path, a, b, p, 0)
      .split('\n')
      .slice(2)
      .filter((l) => !l.startsWith('@@') && !l.includes('@@ '));
    return [`      ${c.path}: text changed${why}`, ...body.map((l) => `          ${l}`)];
  }
  const after =
    c.new === undefined
      ? '(removed)'
      : c.knownAfterDeploy
        ? afterDeploy(c.old, c.new, o)
        : showValue(c.new, o);
  const before = c.old === undefined ? '(not set)' : showValue(c.old, o);
  return [`      ${c.path}: ${before} → ${after}${why}`];
}

/** Causes on one line read as one: `securityGroups.frontend.ingress[1] (line 37: from.cidr changed, allowWorld added)`. */
function groupCauses(causes: Cause[]): string[] {
  const byLine = new Map<string, Cause[]>();
  for (const c of causes)
    byLine.set(String(c.line ?? c.path), [...(byLine.get(String(c.line ?? c.path)) ?? []), c]);
  return [...byLine.values()].map((group) => {
    const [first] = group;
    if (group.length === 1)
      return first.line
        ? `${first.path} (line ${first.line}, ${first.change})`
        : `${first.path} (${first.change})`;
    const parts = group.map((c) => c.path.split('.'));
    let n = 0;
    while (parts.every((x) => x.length > n + 1 && x[n] === parts[0][n])) n++;
    const prefix = parts[0].slice(0, n).join('.');
    const rest = group.map((c, i) => `${parts[i].slice(n).join('.')} ${c.change}`).join(', ');
    return `${prefix} (line ${first.line}: ${rest})`;
  });
}

function causeText(r: ResourceChange, stack: string, p: Palette): string {
  if (r.causes.length === 0) return r.topologyPath ? p.dim(`  from ${r.topologyPath}`) : '';
  const list = groupCauses(r.causes);
  const via = r.via?.length
    ? `, via ${r.via.map((v) => v.replace(`${stack}.`, '')).join(', ')}`
    : '';
  return p.dim(`  ← ${list.join('; ')}${via}`);
}

function resourceLines(r: ResourceChange, stack: string, width: number, p: Palette): string[] {
  const head = paint(r.impact, `${MARK[r.impact]} ${r.logicalId.padEnd(width)}`, p);
  const lines = [
    `  ${head}  ${p.dim(r.type)}  ${paint(r.impact, r.impact, p)}${causeText(r, stack, p)}`,
  ];
  if (r.data) lines.push(p.red(`      data: kept: ${r.data.kept}; lost: ${r.data.lost}`));
  for (const c of r.properties) lines.push(...propertyLines(c, { stack }, p));
  for (const n of r.notes ?? []) lines.push(`      ${n}`);
  return lines;
}

function namedLines(title: string, changes: NamedChange[], stack: string, p: Palette): string[] {
  if (changes.length === 0) return [];
  const o = { stack };
  return [
    `  ${p.bold(title)}`,
    ...changes.map((c) => {
      const sign = c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~';
      const value =
        c.kind === 'modified'
          ? `${showValue(c.old, o)} → ${c.knownAfterDeploy ? afterDeploy(c.old, c.new, o) : showValue(c.new, o)}`
          : showValue(c.kind === 'added' ? c.new : c.old, o);
      return `    ${sign} ${c.name}: ${value}`;
    }),
  ];
}

const STATUS = {
  new: 'new stack',
  deleted: 'stack removed',
  changed: '',
  unchanged: 'no changes',
} as const;

/** The lines for one stack: header with totals, resources (most disruptive first), inputs, parameters, outputs. */
export function formatStack(s: StackDiff, p: Palette): string[] {
  const word = STATUS[s.status] ? `${STATUS[s.status]}, ` : '';
  const lines = [
    `${p.bold(s.stackName)} ${p.dim(`(${s.template})`)}  ${word}${totalsLine(s.totals)}`,
  ];
  if (s.note) lines.push(`  ${p.yellow(s.note)}`);
  const o = { stack: s.layer };
  for (const x of s.inputs)
    lines.push(
      `  ⇣ parameter ${p.bold(x.parameter)} from ${x.from}: ${showValue(x.old, o)} → ${renewedNames(x.new, o).size ? afterDeploy(x.old, x.new, o) : showValue(x.new, o)}`,
    );
  const width = Math.max(0, ...s.resources.map((r) => r.logicalId.length));
  const sorted = [...s.resources].sort((a, b) => RANK[a.impact] - RANK[b.impact]);
  for (const r of sorted) lines.push(...resourceLines(r, s.layer, width, p));
  lines.push(
    ...namedLines('Parameter definitions', s.parameters, s.layer, p),
    ...namedLines('Outputs', s.outputs, s.layer, p),
  );
  for (const x of s.sections)
    lines.push(`  ${p.bold(x.name)}: ${showValue(x.old, o)} → ${showValue(x.new, o)}`);
  return lines;
}

function securityLine(stackName: string, c: SecurityChange, p: Palette): string {
  const mark = c.widens ? p.red('!') : ' ';
  const text = `${c.change === 'added' ? '+' : '-'} ${c.description}`;
  const open = c.open
    ? p.red(p.bold(c.kind === 'ingress' ? '  open to the world' : '  wildcard'))
    : '';
  return `  ${mark} ${p.dim(stackName.padEnd(24))} ${c.change === 'added' ? p.yellow(text) : text}${open}`;
}

/** The last line: overall totals by impact and how many stacks change. */
export function summaryLine(report: DiffReport): string {
  if (!report.hasChanges) return `No changes in ${report.stacks.length} stacks.`;
  const n = report.stacks.filter(stackHasChanges).length;
  const widening = report.stacks.flatMap((s) => s.security).filter((c) => c.widens).length;
  const w = widening
    ? `; ${widening} security change${widening === 1 ? '' : 's'} widen${widening === 1 ? 's' : ''} access`
    : '';
  return `Plan: ${totalsLine(report.totals)} in ${n} of ${report.stacks.length} stacks${w}.`;
}

/** The whole plan as printed by `strata diff`: downtime first, then artifacts, stacks, security, totals. */
export function formatReport(report: DiffReport, p: Palette): string {
  const heading =
    report.source === 'change-set'
      ? `Changes computed by CloudFormation (change sets against ${report.base}; created, read and deleted)`
      : `Comparing what strata generate produces now with ${report.base}`;
  const lines = [p.bold(heading), ''];
  if (report.downtime.length)
    lines.push(
      p.red(p.bold('Downtime and data')),
      ...report.downtime.map((d) => `  ${p.red('!')} ${d}`),
      '',
    );
  const changed = report.artifacts.filter((a) => a.changed);
  if (changed.length)
    lines.push(
      p.bold('App artifacts'),
      ...changed.map((a) => `  ~ ${a.app}: ${a.old ?? '(none)'} → ${a.new ?? '(none)'}`),
      '',
    );
  for (const s of report.stacks.filter((x) => stackHasChanges(x) || x.note))
    lines.push(...formatStack(s, p), '');
  const security = report.stacks.flatMap((s) =>
    s.security.map((c) => securityLine(s.stackName, c, p)),
  );
  if (security.length)
    lines.push(p.bold('Security changes') + p.dim(' (! = widens access)'), ...security, '');
  const unchanged = report.stacks
    .filter((s) => !stackHasChanges(s) && !s.note)
    .map((s) => s.stackName);
  if (unchanged.length && report.hasChanges)
    lines.push(p.dim(`Unchanged: ${unchanged.join(', ')}`));
  lines.push(summaryLine(report));
  return lines.join('\n');
}
