/**
 * The plan model: what a deploy does to every resource, before anything is printed. Computed by
 * plan-stack.ts / plan.ts from two template sets (or from CloudFormation's change sets, change-set-diff.ts);
 * printed by format.ts. `--json` prints this model as is (schema documented in docs/diff.md).
 */

/** Version of the `--json` schema; bumped on any incompatible change. */
export const PLAN_SCHEMA_VERSION = 2;

/** What a deploy does to one resource, from harmless to most disruptive. Exactly one per changed resource. */
export type Impact = 'create' | 'modify' | 'interrupt' | 'replace' | 'remove';

/** Every impact, in the order totals are printed. */
export const IMPACTS: readonly Impact[] = ['create', 'modify', 'interrupt', 'replace', 'remove'];

/** Counts by impact. */
export type Totals = Record<Impact, number>;

/** One changed property (or nested value) and what its change does to the resource. */
export interface PropertyChange {
  /** Path inside Properties (`SecurityGroupIngress[1].CidrIp`), or `Type` / `DeletionPolicy`. */
  path: string;
  /** Resolved values: JSON with `{ "$symbol": {...} }` leaves for values CloudFormation fills in. */
  old?: unknown;
  new?: unknown;
  /** What this property's change causes on its own. */
  effect: 'modify' | 'interrupt' | 'replace';
  /** Why: the registry schema (createOnlyProperties) or the interruption fact with its source. */
  reason?: string;
  /** The new value is known only after deploy (built from a resource that is replaced or created). */
  knownAfterDeploy?: boolean;
}

/** A topology line whose edit caused a change. */
export interface Cause {
  /** Topology path (`tiers.backend.instanceType`) or an app folder (`apps/backend`). */
  path: string;
  /** 1-based line in the topology file (the current file; the base file for a removed setting). */
  line?: number;
  /** `changed`, `added`, `removed` (in the topology) or `app code changed`. */
  change: string;
}

/** One resource that a deploy creates, modifies, interrupts, replaces or removes. */
export interface ResourceChange {
  logicalId: string;
  type: string;
  impact: Impact;
  properties: PropertyChange[];
  /** The topology lines whose edit caused this change (for propagated changes, the upstream change's). */
  causes: Cause[];
  /** Upstream resources (`network.PublicSubnetA`) whose new identity or value this change follows. */
  via?: string[];
  /** Where the resource comes from in the topology (from out/manifest.json). */
  topologyPath?: string;
  /** For a resource holding data that is replaced or removed: what is kept and what is lost. */
  data?: { kept: string; lost: string };
  /** Extra lines printed under the resource by other features (e.g. a cost delta). */
  notes?: string[];
  /** Extra per-resource fields other features add to the JSON (e.g. `cost`), keyed by feature. */
  extensions?: Record<string, unknown>;
}

/** An added, removed or modified parameter definition or output. */
export interface NamedChange {
  name: string;
  kind: 'added' | 'removed' | 'modified';
  old?: unknown;
  new?: unknown;
  knownAfterDeploy?: boolean;
}

/** A parameter whose value changes at deploy because what feeds it does (an upstream output, an artifact). */
export interface InputChange {
  parameter: string;
  /** `network.PublicSubnetIds`, `artifact backend`. */
  from: string;
  old?: unknown;
  new?: unknown;
}

/** A change to who can reach or do what: a security-group rule or an IAM statement / managed policy. */
export interface SecurityChange {
  kind: 'ingress' | 'egress' | 'iam-statement' | 'managed-policy';
  change: 'added' | 'removed';
  /** e.g. `FrontendSecurityGroup ingress TCP 22 from 203.0.113.0/24`. */
  description: string;
  /** True when the change grants more access than before (an added rule or Allow, a removed Deny). */
  widens: boolean;
  /** True for ingress from anywhere (0.0.0.0/0, ::/0) or `*` actions/resources; never for egress. */
  open: boolean;
}

/** One stack's plan. */
export interface StackDiff {
  layer: string;
  stackName: string;
  template: string;
  status: 'new' | 'deleted' | 'changed' | 'unchanged';
  resources: ResourceChange[];
  parameters: NamedChange[];
  outputs: NamedChange[];
  inputs: InputChange[];
  security: SecurityChange[];
  /** Template sections other than resources, parameters and outputs that changed (`Description`, `Conditions`). */
  sections: { name: string; old?: unknown; new?: unknown }[];
  totals: Totals;
  /** Why this stack could not be compared fully (e.g. a change set could not be planned). */
  note?: string;
}

/** An app artifact: the content-hashed key deploy uploads, at the base and now. */
export interface ArtifactChange {
  app: string;
  old?: string;
  new?: string;
  changed: boolean;
}

/** A whole plan: what was compared with what, the downtime it causes, and each stack. */
export interface DiffReport {
  schemaVersion: number;
  /** `git` (committed out/), `deployed` (GetTemplate) or `change-set` (CloudFormation's own computation). */
  source: 'git' | 'deployed' | 'change-set';
  /** Human label of the base, e.g. `HEAD:out/`, `the deployed stacks in us-east-1`. */
  base: string;
  /** Plain statements of downtime and data loss, most serious first. */
  downtime: string[];
  artifacts: ArtifactChange[];
  stacks: StackDiff[];
  totals: Totals;
  hasChanges: boolean;
}

/** Zero counts. */
export const noTotals = (): Totals => ({
  create: 0,
  modify: 0,
  interrupt: 0,
  replace: 0,
  remove: 0,
});

/** Counts resources by impact. */
export function totalsOf(resources: readonly { impact: Impact }[]): Totals {
  const t = noTotals();
  for (const r of resources) t[r.impact]++;
  return t;
}

/** Adds totals together. */
export function sumTotals(list: readonly Totals[]): Totals {
  const t = noTotals();
  for (const x of list) for (const k of IMPACTS) t[k] += x[k];
  return t;
}

/** The more disruptive of two impacts (remove and create only come from presence, never from properties). */
export function worse(
  a: PropertyChange['effect'],
  b: PropertyChange['effect'],
): PropertyChange['effect'] {
  const rank = { modify: 0, interrupt: 1, replace: 2 };
  return rank[a] >= rank[b] ? a : b;
}

/** True when a stack's plan holds any change. */
export function stackHasChanges(s: StackDiff): boolean {
  return (
    s.status !== 'unchanged' ||
    s.resources.length + s.parameters.length + s.outputs.length + s.sections.length > 0 ||
    s.security.length > 0
  );
}
