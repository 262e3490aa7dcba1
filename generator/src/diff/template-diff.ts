import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import type { CfnTemplate } from '../cfn/yaml';
import type { Impact, NamedChange, PropertyChange, ResourceChange, StackDiff } from './model';
import { securityChanges } from './security';
import { dataWarning } from '../cfn/stateful';

/** Which stack a pair of templates belongs to. */
export interface StackMeta {
  layer: string;
  stackName: string;
  template: string;
  /** Logical id → topology path, from out/manifest.json. */
  resources?: Record<string, string>;
}

const IMPACT: Partial<Record<ResourceImpact, Impact>> = {
  [ResourceImpact.WILL_CREATE]: 'create',
  [ResourceImpact.WILL_DESTROY]: 'destroy',
  [ResourceImpact.WILL_ORPHAN]: 'destroy',
  [ResourceImpact.WILL_REPLACE]: 'replace',
  [ResourceImpact.MAY_REPLACE]: 'may-replace',
};

const REPLACEMENT: Partial<Record<ResourceImpact, PropertyChange['replacement']>> = {
  [ResourceImpact.WILL_REPLACE]: 'always',
  [ResourceImpact.MAY_REPLACE]: 'maybe',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changed leaves between two values, as paths, so `SecurityGroupIngress[2].CidrIp` shows instead of the whole list. */
export function leafChanges(
  before: unknown,
  after: unknown,
  path: string,
  out: { path: string; old?: unknown; new?: unknown }[] = [],
) {
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  if (
    isObject(before) &&
    isObject(after) &&
    !Object.keys({ ...before, ...after }).some((k) => k.startsWith('Fn::') || k === 'Ref')
  ) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      leafChanges(before[key], after[key], `${path}.${key}`, out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      leafChanges(before[i], after[i], `${path}[${i}]`, out);
  } else out.push({ path, old: before, new: after });
  return out;
}

function resourceChange(
  logicalId: string,
  d: ResourceDifference,
  topology?: Record<string, string>,
): ResourceChange {
  const kind = d.isAddition ? 'added' : d.isRemoval ? 'removed' : 'modified';
  const properties: PropertyChange[] = [];
  if (kind === 'modified') {
    for (const [name, p] of Object.entries(d.propertyUpdates)) {
      const replacement = d.resourceTypeChanged
        ? 'always'
        : (REPLACEMENT[p.changeImpact ?? ResourceImpact.WILL_UPDATE] ?? 'never');
      for (const leaf of leafChanges(p.oldValue, p.newValue, name))
        properties.push({ ...leaf, replacement });
    }
    for (const [name, o] of Object.entries(d.otherChanges)) {
      for (const leaf of leafChanges(o.oldValue, o.newValue, name))
        properties.push({ ...leaf, replacement: 'never' });
    }
  }
  const type = d.newResourceType ?? d.oldResourceType ?? '';
  const impact = d.resourceTypeChanged ? 'replace' : (IMPACT[d.changeImpact] ?? 'update');
  const warning = dataWarning(type, impact, d.oldValue as Parameters<typeof dataWarning>[2]);
  return {
    logicalId,
    type,
    kind,
    impact,
    properties,
    topologyPath: topology?.[logicalId],
    ...(warning ? { dataWarning: warning } : {}),
  };
}

function named(collection: {
  forEachDifference(
    cb: (
      name: string,
      d: { isAddition: boolean; isRemoval: boolean; oldValue: unknown; newValue: unknown },
    ) => void,
  ): void;
}): NamedChange[] {
  const out: NamedChange[] = [];
  collection.forEachDifference((name, d) => {
    out.push({
      name,
      kind: d.isAddition ? 'added' : d.isRemoval ? 'removed' : 'modified',
      old: d.oldValue,
      new: d.newValue,
    });
  });
  return out;
}

/** Compares two templates of one stack (either may be absent: a new or a deleted stack). */
export function diffTemplates(
  meta: StackMeta,
  before: CfnTemplate | undefined,
  after: CfnTemplate | undefined,
): StackDiff {
  const diff = fullDiff(before ?? {}, after ?? {});
  const resources: ResourceChange[] = [];
  diff.resources.forEachDifference((id, d) =>
    resources.push(resourceChange(id, d, meta.resources)),
  );
  const other = [
    diff.description?.isDifferent ? 'Description' : '',
    diff.transform?.isDifferent ? 'Transform' : '',
    ...(['conditions', 'mappings', 'metadata', 'unknown'] as const).flatMap((section) =>
      diff[section].logicalIds.map((id) => `${section}.${id}`),
    ),
  ].filter(Boolean);
  const status = !before ? 'new' : !after ? 'deleted' : diff.isEmpty ? 'unchanged' : 'changed';
  return {
    layer: meta.layer,
    stackName: meta.stackName,
    template: meta.template,
    status,
    resources,
    parameters: named(diff.parameters),
    outputs: named(diff.outputs),
    security: securityChanges(diff),
    other: status === 'new' || status === 'deleted' ? [] : other,
  };
}
