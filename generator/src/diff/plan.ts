import type { Manifest, ManifestStack } from '../manifest/types';
import type { CfnTemplate } from '../cfn/yaml';
import type { NowSides } from './downtime';
import type { ImpactIndex } from './impact-index';
import { same } from './leaves';
import {
  stackHasChanges,
  sumTotals,
  totalsOf,
  PLAN_SCHEMA_VERSION,
  type Cause,
  type DiffReport,
  type InputChange,
  type NamedChange,
  type ResourceChange,
  type StackDiff,
} from './model';
import { planStack, type PlannedResource } from './plan-stack';
import { securityChanges } from './security';
import { dataFate } from '../cfn/stateful';
import {
  joinParts,
  listElements,
  renewedSymbols,
  resolve,
  symbol,
  symbolOf,
  type Resolved,
  type Scope,
} from './symbolic';

/** One side of a comparison: a manifest (when there is one) and each stack's template by layer. */
export interface TemplateSet {
  manifest?: Manifest;
  /** layer → parsed template. */
  templates: Map<string, CfnTemplate>;
  /** out/ file name → exact text (only for what generate produces now). */
  texts?: Map<string, string>;
  /** app → the artifact key deploy would use (a `$symbol` when the app is known to be unchanged). */
  artifacts?: Map<string, Resolved>;
}

/** What the plan needs besides the two sides. */
export interface PlanInputs {
  now: TemplateSet;
  base: TemplateSet;
  source: DiffReport['source'];
  label: string;
  index: ImpactIndex;
  /** The topology lines whose edit explains a change of a resource made from `topologyPath`. */
  causesOf: (topologyPath: string | undefined) => Cause[];
}

type Outputs = Map<string, Map<string, Resolved>>;

/** An output as CloudFormation hands it on: a comma join is kept as its elements, for list parameters. */
function outputValue(value: unknown, scope: Scope): Resolved {
  const join = (value as { 'Fn::Join'?: unknown[] } | undefined)?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === ',' && Array.isArray(join[1]))
    return join[1].flatMap((item) => {
      const r = resolve(item, scope);
      return listElements(r) && typeof r !== 'string' ? (r as Resolved[]) : [r];
    });
  return resolve(value, scope);
}

function outputsOf(template: CfnTemplate | undefined, scope: Scope): Map<string, Resolved> {
  const out = new Map<string, Resolved>();
  for (const [name, o] of Object.entries(template?.Outputs ?? {}))
    out.set(name, outputValue(o.Value, scope));
  return out;
}

function asParameter(value: Resolved, type: string): Resolved {
  const list = type.startsWith('List<') || type === 'CommaDelimitedList';
  if (list) return listElements(value) ?? value;
  return Array.isArray(value) ? joinParts(',', value) : value;
}

/** Every template parameter's value on one side: from upstream outputs, artifacts or its default. */
function parameterValues(
  stack: ManifestStack | undefined,
  template: CfnTemplate | undefined,
  outputs: Outputs,
  artifacts: Map<string, Resolved> | undefined,
): Map<string, Resolved> {
  const values = new Map<string, Resolved>();
  for (const [name, def] of Object.entries(template?.Parameters ?? {})) {
    const src = stack?.parameters[name];
    const type = String(def.Type ?? 'String');
    let value: Resolved;
    if (src?.from === 'output')
      value =
        outputs.get(src.layer)?.get(src.output) ??
        symbol({ stack: src.layer, parameter: src.output });
    else if (src?.from === 'artifact-bucket') value = symbol({ parameter: 'ArtifactBucket' });
    else if (src?.from === 'artifact-key')
      value = artifacts?.get(src.app) ?? symbol({ artifact: src.app });
    else if (def.Default !== undefined && !type.startsWith('AWS::SSM::')) value = def.Default;
    else
      value = symbol({
        stack: stack?.layer,
        parameter: name,
        ...(def.Default !== undefined ? { value: String(def.Default) } : {}),
      });
    values.set(name, asParameter(value, type));
  }
  return values;
}

function named(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): NamedChange[] {
  const out: NamedChange[] = [];
  for (const name of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const [a, b] = [before?.[name], after?.[name]];
    if (same(a, b)) continue;
    const kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    out.push({
      name,
      kind,
      old: a,
      new: b,
      ...(renewedSymbols(b).length ? { knownAfterDeploy: true } : {}),
    });
  }
  return out;
}

const SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Transform',
  'Conditions',
  'Mappings',
  'Metadata',
  'Rules',
];

function stackInputs(
  stack: ManifestStack | undefined,
  base: Map<string, Resolved>,
  now: Map<string, Resolved>,
): InputChange[] {
  const inputs: InputChange[] = [];
  for (const [parameter, src] of Object.entries(stack?.parameters ?? {})) {
    if (!base.has(parameter) || same(base.get(parameter), now.get(parameter))) continue;
    const from =
      src.from === 'output'
        ? `${src.layer}.${src.output}`
        : src.from === 'artifact-key'
          ? `artifact ${src.app}`
          : 'artifact bucket';
    inputs.push({ parameter, from, old: base.get(parameter), new: now.get(parameter) });
  }
  return inputs;
}

/** The apps whose artifact key differs in some directly changed leaf of a resource. */
function artifactCauses(r: PlannedResource): Cause[] {
  const keys = (v: unknown, out: Map<string, string>) => {
    const s = symbolOf(v);
    if (s?.artifact) out.set(s.artifact, String(s.value));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => keys(x, out));
    return out;
  };
  const apps = new Set<string>();
  for (const leaf of r.directLeaves) {
    const [before, after] = [keys(leaf.old, new Map()), keys(leaf.new, new Map())];
    for (const [app, key] of after) if (before.get(app) !== key) apps.add(app);
  }
  return [...apps].map((app) => ({ path: `apps/${app}`, change: 'app code changed' }));
}

function uniqueCauses(list: Cause[]): Cause[] {
  const seen = new Map<string, Cause>();
  for (const c of list) if (!seen.has(c.path)) seen.set(c.path, c);
  return [...seen.values()];
}

/** Finishes a planned resource: its causes (own edit, or the upstream change it follows) and data fate. */
function finish(
  r: PlannedResource,
  layer: string,
  topologyPath: string | undefined,
  inputs: PlanInputs,
  known: Map<string, Cause[]>,
  template: CfnTemplate | undefined,
): ResourceChange {
  const own = r.direct ? [...artifactCauses(r), ...inputs.causesOf(topologyPath)] : [];
  const upstream = (r.via ?? []).flatMap((v) => known.get(v) ?? []);
  const causes = uniqueCauses([...own, ...upstream]);
  known.set(`${layer}.${r.logicalId}`, causes);
  const { direct: _d, directLeaves: _l, ...rest } = r;
  const data = dataFate(r.type, r.impact, template?.Resources?.[r.logicalId]);
  return { ...rest, causes, ...(topologyPath ? { topologyPath } : {}), ...(data ? { data } : {}) };
}

function stackOrder(now: TemplateSet, base: TemplateSet): ManifestStack[] {
  const current = now.manifest?.stacks ?? [];
  const gone = (base.manifest?.stacks ?? []).filter(
    (b) => !current.some((c) => c.layer === b.layer),
  );
  return [...current, ...gone];
}

/** Plans every stack in deploy order, carrying each upstream output's resolved value downstream. */
export function planAll(inputs: PlanInputs): { report: DiffReport; nowSides: NowSides } {
  const { now, base } = inputs;
  const nowSides: NowSides = new Map();
  const outputs = { base: new Map() as Outputs, now: new Map() as Outputs };
  const known = new Map<string, Cause[]>();
  const stacks: StackDiff[] = stackOrder(now, base).map((stack) => {
    const layer = stack.layer;
    const nowStack = now.manifest?.stacks.find((s) => s.layer === layer);
    const baseStack = base.manifest?.stacks.find((s) => s.layer === layer) ?? nowStack;
    const [bt, nt] = [base.templates.get(layer), now.templates.get(layer)];
    const baseParams = parameterValues(
      baseStack,
      bt,
      outputs.base,
      base.artifacts ?? now.artifacts,
    );
    const nowParams = parameterValues(nowStack, nt, outputs.now, now.artifacts);
    const planned = planStack(
      layer,
      { template: bt, parameters: baseParams },
      { template: nt, parameters: nowParams },
      inputs.index,
    );
    outputs.base.set(layer, outputsOf(bt, planned.baseScope));
    outputs.now.set(layer, outputsOf(nt, planned.nowScope));
    nowSides.set(layer, { template: nt, scope: planned.nowScope });
    const resources = planned.resources.map((r) =>
      finish(
        r,
        layer,
        (nowStack ?? baseStack)?.resources[r.logicalId] ?? baseStack?.resources[r.logicalId],
        inputs,
        known,
        r.impact === 'remove' ? bt : (nt ?? bt),
      ),
    );
    const diff: StackDiff = {
      layer,
      stackName: stack.stackName,
      template: stack.template,
      status: !bt ? 'new' : !nt ? 'deleted' : 'unchanged',
      resources,
      parameters: named(bt?.Parameters, nt?.Parameters),
      outputs: named(
        Object.fromEntries(outputs.base.get(layer)!),
        Object.fromEntries(outputs.now.get(layer)!),
      ),
      inputs: bt && nt ? stackInputs(nowStack, baseParams, nowParams) : [],
      security: securityChanges(layer, bt, nt, planned.baseScope, planned.nowScope),
      sections: SECTIONS.filter((s) => !same(bt?.[s], nt?.[s]) && bt && nt).map((name) => ({
        name,
        old: bt?.[name],
        new: nt?.[name],
      })),
      totals: totalsOf(resources),
    };
    if (diff.status === 'unchanged' && stackHasChanges(diff)) diff.status = 'changed';
    return diff;
  });
  const report: DiffReport = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    source: inputs.source,
    base: inputs.label,
    downtime: [],
    artifacts: [],
    stacks,
    totals: sumTotals(stacks.map((s) => s.totals)),
    hasChanges: stacks.some(stackHasChanges),
  };
  return { report, nowSides };
}
