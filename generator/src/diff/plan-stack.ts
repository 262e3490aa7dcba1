import type { CfnResource, CfnTemplate } from '../cfn/yaml';
import { subReferences } from '../cfn/intrinsics';
import { impactsOf, type ImpactIndex } from './impact-index';
import { attributeChangesInPlace, interruption } from './interruptions';
import { leafChanges, same, touches, type Leaf } from './leaves';
import { worse, type Impact, type PropertyChange, type ResourceChange } from './model';
import { resolve, renewedSymbols, withoutRenewal, type Resolved, type Scope } from './symbolic';

/** One side (base or now) of one stack: its template and its resolved parameter values. */
export interface StackSide {
  template?: CfnTemplate;
  parameters: Map<string, Resolved>;
}

/** A resource's plan before causes are attached: which leaves changed directly, which only by identity. */
export interface PlannedResource extends Omit<ResourceChange, 'causes'> {
  /** True when some change is the template's own, not only a new upstream identity. */
  direct: boolean;
  /** Directly changed leaves (to find what caused them: artifacts, topology lines). */
  directLeaves: Leaf[];
}

/** Logical ids an expression refers to: `Ref`, `Fn::GetAtt` and `${X}` / `${X.Attr}` inside `Fn::Sub`. */
export function referencedIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencedIds(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') out.add(v);
      else if (key === 'Fn::GetAtt')
        out.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? String(v[0]) : String(v);
        for (const r of subReferences(text)) out.add(r.split('.')[0]);
        referencedIds(v, out);
      } else referencedIds(v, out);
    }
  }
  return out;
}

/** The resources in an order where everything a resource refers to comes before it. */
export function dependencyOrder(resources: Record<string, CfnResource>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    // A cycle cannot deploy; CloudFormation refuses it, so any order will do here.
    if (state.has(id) || !resources[id]) return;
    state.set(id, 'visiting');
    for (const dep of referencedIds(resources[id].Properties)) visit(dep);
    state.set(id, 'done');
    order.push(id);
  };
  Object.keys(resources).forEach(visit);
  return order;
}

function effectOf(type: string, path: string, index: ImpactIndex): Omit<PropertyChange, 'path'> {
  const facts = impactsOf(index, type);
  if (path === 'Type')
    return { effect: 'replace', reason: 'the resource type changed: a new resource is created' };
  if (path === 'DeletionPolicy' || path === 'UpdateReplacePolicy')
    return {
      effect: 'modify',
      reason: 'a policy of the template: the resource itself is untouched',
    };
  if (!facts) return { effect: 'modify', reason: `${type} is not in the registry schemas` };
  const createOnly = facts.replace.find((p) => touches(path, p));
  if (createOnly)
    return { effect: 'replace', reason: `${createOnly} is create-only (registry schema)` };
  const fact = interruption(type, path);
  if (fact) return { effect: 'interrupt', reason: fact };
  return { effect: 'modify' };
}

const POLICIES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

function changedLeaves(before: CfnResource, after: CfnResource, base: Scope, now: Scope): Leaf[] {
  if (before.Type !== after.Type) return [{ path: 'Type', old: before.Type, new: after.Type }];
  const leaves = leafChanges(
    resolve(before.Properties ?? {}, base),
    resolve(after.Properties ?? {}, now),
  );
  for (const p of POLICIES)
    if (!same(before[p], after[p])) leaves.push({ path: p, old: before[p], new: after[p] });
  return leaves;
}

/** Compares one resource on both sides; undefined when CloudFormation has nothing to do to it. */
function compareResource(
  id: string,
  before: CfnResource,
  after: CfnResource,
  scopes: { base: Scope; now: Scope },
  index: ImpactIndex,
): PlannedResource | undefined {
  const leaves = changedLeaves(before, after, scopes.base, scopes.now);
  if (leaves.length === 0) return undefined;
  let impact: PropertyChange['effect'] = 'modify';
  const via = new Set<string>();
  const directLeaves: Leaf[] = [];
  const properties = leaves.map((leaf): PropertyChange => {
    const renewed = renewedSymbols(leaf.new);
    for (const s of renewed) via.add(`${s.stack}.${s.resource}`);
    if (!same(withoutRenewal(leaf.new), leaf.old)) directLeaves.push(leaf);
    const effect = effectOf(after.Type, leaf.path, index);
    impact = worse(impact, effect.effect);
    return { ...leaf, ...effect, ...(renewed.length ? { knownAfterDeploy: true } : {}) };
  });
  return {
    logicalId: id,
    type: after.Type,
    impact,
    properties,
    ...(via.size ? { via: [...via] } : {}),
    direct: directLeaves.length > 0,
    directLeaves,
  };
}

function presence(id: string, r: CfnResource, impact: 'create' | 'remove'): PlannedResource {
  return { logicalId: id, type: r.Type, impact, properties: [], direct: true, directLeaves: [] };
}

/**
 * Plans one stack: every resource in dependency order, so that a replaced resource renews everything
 * built from its identity before the resources using it are compared.
 */
export function planStack(
  layer: string,
  base: StackSide,
  now: StackSide,
  index: ImpactIndex,
): { resources: PlannedResource[]; baseScope: Scope; nowScope: Scope } {
  const before = base.template?.Resources ?? {};
  const after = now.template?.Resources ?? {};
  const impacts = new Map<string, Impact>();
  const baseScope: Scope = {
    stack: layer,
    resources: before,
    parameters: base.parameters,
    renewed: () => false,
  };
  const nowScope: Scope = {
    stack: layer,
    resources: after,
    parameters: now.parameters,
    renewed: (id, attribute) => {
      const impact = impacts.get(id);
      if (impact === 'replace' || impact === 'create') return true;
      if (impact === 'modify' || impact === 'interrupt')
        return attributeChangesInPlace(after[id].Type, attribute, impact);
      return false;
    },
  };
  const resources: PlannedResource[] = [];
  for (const id of dependencyOrder(after)) {
    const planned = before[id]
      ? compareResource(id, before[id], after[id], { base: baseScope, now: nowScope }, index)
      : presence(id, after[id], 'create');
    if (!planned) continue;
    impacts.set(id, planned.impact);
    resources.push(planned);
  }
  for (const [id, r] of Object.entries(before))
    if (!after[id]) resources.push(presence(id, r, 'remove'));
  return { resources, baseScope, nowScope };
}
