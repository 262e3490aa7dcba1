import type { ManifestStack } from '../manifest/read';
import type { CfnTemplate } from '../cfn/yaml';
import { stackHasChanges, type DiffReport, type StackDiff } from './model';
import type { TemplateSet } from './sources';
import { diffTemplates } from './template-diff';

/** Logical ids an expression refers to: `Ref`, `Fn::GetAtt` and `${X}` / `${X.Attr}` inside `Fn::Sub`. */
export function referencedIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencedIds(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') out.add(v);
      else if (key === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string') out.add(v[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        for (const m of String(text).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) out.add(m[1]);
        referencedIds(v, out);
      } else referencedIds(v, out);
    }
  }
  return out;
}

/** Why an output's value changes, and for a comma-joined list output, which elements change. */
interface OutputChange {
  why: string;
  /** Indexes of the changed elements of a `!Join [',', [...]]` output; undefined when the whole value changes. */
  elements?: Set<number>;
}

function joinedItems(value: unknown): unknown[] | undefined {
  const join = (value as { 'Fn::Join'?: unknown })?.['Fn::Join'];
  return Array.isArray(join) && join[0] === ',' && Array.isArray(join[1]) ? join[1] : undefined;
}

/** Outputs of a stack whose value changes after a deploy, with why: edited, or built from a replaced resource. */
function changedOutputs(
  s: StackDiff,
  template: CfnTemplate | undefined,
): Map<string, OutputChange> {
  const changed = new Map<string, OutputChange>();
  for (const o of s.outputs)
    if (o.kind !== 'removed') changed.set(o.name, { why: `output ${o.kind}` });
  const renewed = new Map(
    s.resources
      .filter((r) => r.impact === 'replace' || r.impact === 'create')
      .map((r) => [r.logicalId, r.impact === 'create' ? 'new' : 'replaced']),
  );
  for (const [name, output] of Object.entries(template?.Outputs ?? {})) {
    const hit = [...referencedIds(output.Value)].find((id) => renewed.has(id));
    if (!hit || changed.has(name)) continue;
    const items = joinedItems(output.Value);
    const elements =
      items &&
      new Set(
        items.flatMap((item, i) =>
          [...referencedIds(item)].some((id) => renewed.has(id)) ? [i] : [],
        ),
      );
    changed.set(name, { why: `${hit} is ${renewed.get(hit)}`, elements });
  }
  return changed;
}

const MARK = ' (new value)';

/** The template with every use of the given parameters marked, so the resource diff shows what a new value touches. */
function markParameters(value: unknown, params: Map<string, Set<number> | undefined>): unknown {
  if (Array.isArray(value)) return value.map((v) => markParameters(v, params));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const selected =
      key === 'Fn::Select' && Array.isArray(v) ? (v[1] as { Ref?: string })?.Ref : undefined;
    if (
      selected !== undefined &&
      params.get(selected) &&
      !params.get(selected)!.has(Number(v[0]))
    ) {
      // `!Select [i, !Ref List]` of an element that keeps its value is not affected.
      out[key] = v;
    } else if (key === 'Ref' && typeof v === 'string' && params.has(v)) out[key] = `${v}${MARK}`;
    else if (key === 'Fn::Sub' && (typeof v === 'string' || Array.isArray(v))) {
      const mark = (t: string) =>
        t.replace(/\$\{([A-Za-z0-9]+)\}/g, (all, id: string) =>
          params.has(id) ? `\${${id}${MARK}}` : all,
        );
      out[key] =
        typeof v === 'string' ? mark(v) : [mark(String(v[0])), markParameters(v[1], params)];
    } else out[key] = markParameters(v, params);
  }
  return out;
}

type Inputs = NonNullable<StackDiff['inputs']>;

function inputsOf(
  stack: ManifestStack,
  changed: Map<string, Map<string, OutputChange>>,
): { inputs: Inputs; params: Map<string, Set<number> | undefined> } {
  const inputs: Inputs = [];
  const params = new Map<string, Set<number> | undefined>();
  for (const [parameter, src] of Object.entries(stack.parameters)) {
    const change = src.from === 'output' ? changed.get(src.layer)?.get(src.output) : undefined;
    if (!change || src.from !== 'output') continue;
    inputs.push({ parameter, from: `${src.layer}.${src.output}`, why: change.why });
    params.set(parameter, change.elements);
  }
  return { inputs, params };
}

/**
 * Follows changes across stacks: when an upstream output gets a new value (say a subnet is replaced), the
 * downstream stacks' parameters change too, and so may their resources. Re-diffs those stacks with the
 * parameter uses marked, in deploy order, so the effect carries on down the chain.
 */
export function propagateAcrossStacks(
  report: DiffReport,
  now: TemplateSet,
  base: TemplateSet,
): DiffReport {
  const changed = new Map<string, Map<string, OutputChange>>();
  const stacks = report.stacks.map((s) => s);
  for (const stack of now.manifest?.stacks ?? []) {
    const i = stacks.findIndex((s) => s.layer === stack.layer);
    if (i < 0) continue;
    const settled = stacks[i].status === 'changed' || stacks[i].status === 'unchanged';
    const { inputs, params } = settled
      ? inputsOf(stack, changed)
      : { inputs: [], params: new Map() };
    if (inputs.length > 0) {
      const marked = markParameters(now.templates.get(stack.layer), params) as CfnTemplate;
      const again = diffTemplates(
        {
          layer: stack.layer,
          stackName: stack.stackName,
          template: stack.template,
          resources: stack.resources,
        },
        base.templates.get(stack.layer),
        marked,
      );
      stacks[i] = { ...again, status: 'changed', inputs };
    }
    changed.set(stack.layer, changedOutputs(stacks[i], now.templates.get(stack.layer)));
  }
  return { ...report, stacks, hasChanges: stacks.some(stackHasChanges) };
}
