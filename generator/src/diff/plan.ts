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
  type ResourceChange,
  type StackDiff,
} from './model';
import { planStack, type PlannedResource } from './plan-stack';
import { named, outputsOf, parameterValues, SECTIONS, stackInputs, type Outputs } from './sides';
import { securityChanges } from './security';
import { dataFate } from '../cfn/stateful';
import { symbolOf, type Resolved } from './symbolic';

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

/** What carries from stack to stack while planning: resolved outputs, causes, the now side's scopes. */
interface Carry {
  outputs: { base: Outputs; now: Outputs };
  known: Map<string, Cause[]>;
  nowSides: NowSides;
}

function stackSections(bt: CfnTemplate | undefined, nt: CfnTemplate | undefined) {
  if (!bt || !nt) return [];
  return SECTIONS.filter((s) => !same(bt[s], nt[s])).map((name) => ({
    name,
    old: bt[name],
    new: nt[name],
  }));
}

/** Plans one stack with the upstream stacks' outputs already resolved, and records its own. */
function planLayer(stack: ManifestStack, inputs: PlanInputs, carry: Carry): StackDiff {
  const { now, base } = inputs;
  const layer = stack.layer;
  const nowStack = now.manifest?.stacks.find((s) => s.layer === layer);
  const baseStack = base.manifest?.stacks.find((s) => s.layer === layer) ?? nowStack;
  // A renamed stack is a different stack to CloudFormation: everything in it is created anew.
  const renamed = !!nowStack && !!baseStack && baseStack.stackName !== nowStack.stackName;
  const [bt, nt] = [renamed ? undefined : base.templates.get(layer), now.templates.get(layer)];
  const baseArtifacts = base.artifacts ?? now.artifacts;
  const baseParams = parameterValues(baseStack, bt, carry.outputs.base, baseArtifacts);
  const nowParams = parameterValues(nowStack, nt, carry.outputs.now, now.artifacts);
  const planned = planStack(
    layer,
    { template: bt, parameters: baseParams },
    { template: nt, parameters: nowParams },
    inputs.index,
  );
  const [bOut, nOut] = [outputsOf(bt, planned.baseScope), outputsOf(nt, planned.nowScope)];
  carry.outputs.base.set(layer, bOut);
  carry.outputs.now.set(layer, nOut);
  carry.nowSides.set(layer, { template: nt, scope: planned.nowScope });
  const pathOf = (id: string) => nowStack?.resources[id] ?? baseStack?.resources[id];
  const resources = planned.resources.map((r) =>
    finish(r, layer, pathOf(r.logicalId), inputs, carry.known, r.impact === 'remove' ? bt : nt),
  );
  const diff: StackDiff = {
    layer,
    stackName: stack.stackName,
    template: stack.template,
    status: !bt ? 'new' : !nt ? 'deleted' : 'unchanged',
    resources,
    parameters: named(bt?.Parameters, nt?.Parameters),
    outputs: named(Object.fromEntries(bOut), Object.fromEntries(nOut)),
    inputs: bt && nt ? stackInputs(nowStack, baseParams, nowParams) : [],
    security: securityChanges(layer, bt, nt, planned.baseScope, planned.nowScope),
    sections: stackSections(bt, nt),
    totals: totalsOf(resources),
  };
  if (diff.status === 'unchanged' && stackHasChanges(diff)) diff.status = 'changed';
  if (renamed)
    diff.note = `the stack was ${baseStack!.stackName}: deploy creates ${stack.stackName} beside it and leaves the old stack (and its resources) in place until you delete it`;
  return diff;
}

/** Plans every stack in deploy order, carrying each upstream output's resolved value downstream. */
export function planAll(inputs: PlanInputs): { report: DiffReport; nowSides: NowSides } {
  const carry: Carry = {
    outputs: { base: new Map(), now: new Map() },
    known: new Map(),
    nowSides: new Map(),
  };
  const stacks = stackOrder(inputs.now, inputs.base).map((s) => planLayer(s, inputs, carry));
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
  return { report, nowSides: carry.nowSides };
}
