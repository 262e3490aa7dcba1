/**
 * The diff model: what changes, per stack, before anything is printed. Computed from two templates
 * (template-diff.ts) or from CloudFormation's own change sets (change-set-diff.ts); printed by format.ts.
 */

/** How a resource change lands: ordered from harmless to most disruptive. */
export type Impact = 'update' | 'create' | 'may-replace' | 'replace' | 'destroy';

/** One changed property (or nested value) of a resource. */
export interface PropertyChange {
  /** Dotted path inside Properties (or a resource attribute such as DeletionPolicy), e.g. `SecurityGroupIngress[1].CidrIp`. */
  path: string;
  old?: unknown;
  new?: unknown;
  /** Whether changing this property replaces the resource, per the resource specification. */
  replacement: 'always' | 'maybe' | 'never';
}

/** One added, removed or modified resource. */
export interface ResourceChange {
  logicalId: string;
  type: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Impact;
  properties: PropertyChange[];
  /** The topology path that produced the resource (from out/manifest.json), when known. */
  topologyPath?: string;
  /** For a resource that holds data and is replaced or removed: what happens to the data. */
  dataWarning?: string;
  /** For an Auto Scaling group whose instances change: how the update rolls (cfn/rollout). */
  rollout?: string;
}

/** An added, removed or modified parameter or output. */
export interface NamedChange {
  name: string;
  kind: 'added' | 'removed' | 'modified';
  old?: unknown;
  new?: unknown;
}

/** A change to who can reach or do what: a security-group rule or an IAM statement / managed policy. */
export interface SecurityChange {
  kind: 'ingress' | 'egress' | 'iam-statement' | 'managed-policy';
  change: 'added' | 'removed';
  /** Human description, e.g. `FrontendSg ingress TCP 22 from Everyone (IPv4)`. */
  description: string;
  /** True when the change grants more access than before (an added rule or Allow, a removed Deny). */
  widens: boolean;
  /** True for access from anywhere (0.0.0.0/0, ::/0) or `*` actions/resources. */
  open: boolean;
}

/** The difference for one stack. */
export interface StackDiff {
  layer: string;
  stackName: string;
  template: string;
  status: 'new' | 'deleted' | 'changed' | 'unchanged';
  resources: ResourceChange[];
  parameters: NamedChange[];
  outputs: NamedChange[];
  security: SecurityChange[];
  /** Parameters whose value changes because an upstream output does (filled in by propagate.ts). */
  inputs?: { parameter: string; from: string; why: string }[];
  /** Other template sections that changed (Description, Conditions, Mappings, ...). */
  other: string[];
  /** Why this stack could not be compared (e.g. a change set could not be planned). */
  note?: string;
}

/** A whole diff: what was compared with what, and each stack. */
export interface DiffReport {
  /** `git` (committed out/), `deployed` (GetTemplate) or `change-set` (CloudFormation's own computation). */
  source: 'git' | 'deployed' | 'change-set';
  /** Human label of the base, e.g. `HEAD:out/`, `deployed stacks in us-east-1`. */
  base: string;
  stacks: StackDiff[];
  hasChanges: boolean;
}

/** True when a stack diff holds any change. */
export function stackHasChanges(s: StackDiff): boolean {
  return (
    s.status !== 'unchanged' ||
    s.resources.length +
      s.parameters.length +
      s.outputs.length +
      s.other.length +
      (s.inputs?.length ?? 0) >
      0
  );
}

/** Counts of a report for the summary line. */
export function countChanges(report: DiffReport) {
  const resources = report.stacks.flatMap((s) => s.resources);
  const security = report.stacks.flatMap((s) => s.security);
  return {
    stacks: report.stacks.filter(stackHasChanges).length,
    added: resources.filter((r) => r.kind === 'added').length,
    modified: resources.filter((r) => r.kind === 'modified').length,
    removed: resources.filter((r) => r.kind === 'removed').length,
    replaced: resources.filter((r) => r.impact === 'replace').length,
    mayReplace: resources.filter((r) => r.impact === 'may-replace').length,
    widening: security.filter((c) => c.widens).length,
    dataAtRisk: resources.filter((r) => r.dataWarning).length,
  };
}
