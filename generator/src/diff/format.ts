import type { Palette } from '../output/terminal';
import { unifiedDiff } from '../output/text-diff';
import {
  countChanges,
  stackHasChanges,
  type DiffReport,
  type NamedChange,
  type ResourceChange,
  type SecurityChange,
  type StackDiff,
} from './model';

const SYMBOL = { added: '+', removed: '-', modified: '~' } as const;

function paintKind(kind: keyof typeof SYMBOL, text: string, p: Palette): string {
  return kind === 'added' ? p.green(text) : kind === 'removed' ? p.red(text) : p.yellow(text);
}

/** Intrinsics in the short form the templates use (`!Ref X`, `!GetAtt A.B`), everything else as compact JSON. */
function shortForm(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(shortForm).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      const [key, arg] = entries[0];
      const name = key === 'Ref' ? 'Ref' : key.slice(4);
      if (name === 'GetAtt' && Array.isArray(arg)) return `!GetAtt ${arg.join('.')}`;
      return `!${name} ${shortForm(arg)}`;
    }
    return `{${entries.map(([k, v]) => `${k}: ${shortForm(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A value as one short line: strings bare, intrinsics in short form, line breaks shown as ⏎, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = shortForm(value).replace(/\n/g, '⏎');
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

function impactLabel(r: ResourceChange, p: Palette): string {
  if (r.impact === 'replace') return p.red(p.bold('replace'));
  if (r.impact === 'may-replace') return p.yellow('may replace');
  return '';
}

/** The text inside `!Base64` / `!Sub`, as user data and scripts are written; undefined for other values. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown> | undefined;
  if (v && 'Fn::Base64' in v) return textOf(v['Fn::Base64']);
  if (v && 'Fn::Sub' in v)
    return textOf(Array.isArray(v['Fn::Sub']) ? v['Fn::Sub'][0] : v['Fn::Sub']);
  return undefined;
}

const MAX_TEXT_LINES = 8;

/** A multi-line text property (user data) as its changed lines only, instead of two cut-off blobs. */
function textChangeLines(
  path: string,
  before: unknown,
  after: unknown,
  note: string,
  p: Palette,
): string[] | undefined {
  const a = textOf(before);
  const b = textOf(after);
  if (a === undefined || b === undefined || (!a.includes('\n') && !b.includes('\n')))
    return undefined;
  // Drop the file headers and hunk separators: only the changed lines matter here.
  const body = unifiedDiff(path, a, b, p, 0)
    .split('\n')
    .slice(2)
    .filter((l) => !l.includes('@@'));
  const shown = body.slice(0, MAX_TEXT_LINES).map((l) => `          ${l}`);
  if (body.length > MAX_TEXT_LINES)
    shown.push(p.dim(`          … ${body.length - MAX_TEXT_LINES} more changed lines`));
  return [`      ${path}: text changed${note}`, ...shown];
}

function resourceLines(r: ResourceChange, width: number, p: Palette): string[] {
  const head = `  ${paintKind(r.kind, `${SYMBOL[r.kind]} ${r.logicalId.padEnd(width)}`, p)}  ${p.dim(r.type)}`;
  const label = impactLabel(r, p);
  const origin = r.topologyPath ? p.dim(`  ← ${r.topologyPath}`) : '';
  const lines = [`${head}${label ? `  ${label}` : ''}${origin}`];
  if (r.dataWarning) lines.push(`      ${p.red(p.bold(`⚠ ${r.dataWarning}`))}`);
  if (r.rollout) lines.push(`      ${p.cyan(`↻ ${r.rollout}`)}`);
  for (const c of r.properties) {
    const note =
      c.replacement === 'always'
        ? p.red('  requires replacement')
        : c.replacement === 'maybe'
          ? p.yellow('  may require replacement')
          : '';
    const text = textChangeLines(c.path, c.old, c.new, note, p);
    if (text) {
      lines.push(...text);
      continue;
    }
    // CloudFormation's change sets name the property but give no values.
    const values =
      c.old === undefined && c.new === undefined
        ? ''
        : `: ${showValue(c.old)} → ${showValue(c.new)}`;
    lines.push(`      ${c.path}${values}${note}`);
  }
  return lines;
}

function namedLines(title: string, changes: NamedChange[], p: Palette): string[] {
  if (changes.length === 0) return [];
  return [
    `  ${p.bold(title)}`,
    ...changes.map((c) => {
      const value =
        c.kind === 'modified'
          ? `${showValue(c.old)} → ${showValue(c.new)}`
          : showValue(c.kind === 'added' ? c.new : c.old);
      return `    ${paintKind(c.kind, `${SYMBOL[c.kind]} ${c.name}`, p)}: ${value}`;
    }),
  ];
}

const STATUS_WORD = {
  new: 'new stack',
  deleted: 'stack removed',
  changed: 'changed',
  unchanged: 'no changes',
} as const;

/** The lines for one stack: header, resources, parameters, outputs and other sections. */
export function formatStack(s: StackDiff, p: Palette): string[] {
  const word =
    s.status === 'new'
      ? p.green(STATUS_WORD.new)
      : s.status === 'deleted'
        ? p.red(STATUS_WORD.deleted)
        : STATUS_WORD[s.status];
  const lines = [`${p.bold(s.stackName)} ${p.dim(`(${s.template})`)}  ${word}`];
  if (s.note) lines.push(`  ${p.yellow(s.note)}`);
  for (const x of s.inputs ?? [])
    lines.push(
      `  ${p.yellow('⇣')} parameter ${p.bold(x.parameter)} gets a new value from ${x.from} (${x.why})`,
    );
  const width = Math.max(0, ...s.resources.map((r) => r.logicalId.length));
  for (const r of s.resources) lines.push(...resourceLines(r, width, p));
  lines.push(...namedLines('Parameters', s.parameters, p), ...namedLines('Outputs', s.outputs, p));
  if (s.other.length > 0) lines.push(`  ${p.bold('Other')}: ${s.other.join(', ')}`);
  return lines;
}

function securityLine(stackName: string, c: SecurityChange, p: Palette): string {
  const mark = c.widens ? p.red('!') : ' ';
  const text = `${c.change === 'added' ? '+' : '-'} ${c.description}`;
  const openWord =
    c.kind === 'ingress' || c.kind === 'egress'
      ? 'open to the world'
      : c.kind === 'iam-statement'
        ? 'wildcard'
        : 'broad policy';
  const open = c.widens && c.open ? p.red(p.bold(`  ${openWord}`)) : '';
  return `  ${mark} ${p.dim(stackName.padEnd(24))} ${c.change === 'added' ? p.yellow(text) : text}${open}`;
}

/** The summary line, e.g. `2 of 5 stacks differ: 1 to add, 3 to modify (3 replacements), 0 to remove`. */
export function summaryLine(report: DiffReport): string {
  const n = countChanges(report);
  if (!report.hasChanges) return `No differences in ${report.stacks.length} stacks.`;
  const repl =
    n.replaced > 0
      ? ` (${n.replaced} replacement${n.replaced === 1 ? '' : 's'}${n.mayReplace ? `, ${n.mayReplace} possible` : ''})`
      : n.mayReplace
        ? ` (${n.mayReplace} possible replacement${n.mayReplace === 1 ? '' : 's'})`
        : '';
  const data =
    n.dataAtRisk > 0
      ? `; ${n.dataAtRisk} resource${n.dataAtRisk === 1 ? '' : 's'} holding data replaced or removed`
      : '';
  const widening =
    n.widening > 0
      ? `; ${n.widening} security change${n.widening === 1 ? '' : 's'} widen${n.widening === 1 ? 's' : ''} access`
      : '';
  return `${n.stacks} of ${report.stacks.length} stacks differ: ${n.added} to add, ${n.modified} to modify${repl}, ${n.removed} to remove${data}${widening}`;
}

/** The whole report as printed by `strata diff`. */
export function formatReport(report: DiffReport, p: Palette): string {
  const heading =
    report.source === 'change-set'
      ? `Changes computed by CloudFormation (change sets against ${report.base}; created, read and deleted)`
      : `Comparing what strata generate produces now with ${report.base}`;
  const lines = [p.bold(heading), ''];
  for (const s of report.stacks.filter((x) => stackHasChanges(x) || x.note))
    lines.push(...formatStack(s, p), '');
  const security = report.stacks.flatMap((s) =>
    s.security.map((c) => securityLine(s.stackName, c, p)),
  );
  if (security.length > 0)
    lines.push(p.bold('Security changes') + p.dim(' (! = widens access)'), ...security, '');
  const unchanged = report.stacks
    .filter((s) => !stackHasChanges(s) && !s.note)
    .map((s) => s.stackName);
  if (unchanged.length > 0 && report.hasChanges)
    lines.push(p.dim(`Unchanged: ${unchanged.join(', ')}`));
  lines.push(summaryLine(report));
  return lines.join('\n');
}
