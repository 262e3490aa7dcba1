import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { AwsSession } from '../aws/session';
import type { PlannedChange } from '../deploy/change-set';
import { deployAll } from '../deploy/deploy-all';
import type { StackOutcome } from '../deploy/deploy-stack';
import type { Progress } from '../deploy/progress';
import type { Palette } from '../output/terminal';
import { compareTemplateSets } from './compare';
import {
  stackHasChanges,
  type DiffReport,
  type PropertyChange,
  type ResourceChange,
  type StackDiff,
} from './model';
import { deployedTemplates, type TemplateSet } from './sources';

const KIND = {
  Add: 'added',
  Remove: 'removed',
  Modify: 'modified',
  Import: 'added',
  Dynamic: 'modified',
} as const;
const RECREATION: Record<string, PropertyChange['replacement']> = {
  Always: 'always',
  Conditionally: 'maybe',
  Never: 'never',
};

/** A CloudFormation resource change in the diff model (CloudFormation gives no values, only names and verdicts). */
export function fromPlannedChange(
  c: PlannedChange,
  topology: Record<string, string>,
): ResourceChange {
  const kind = KIND[c.action] ?? 'modified';
  const impact =
    c.action === 'Add'
      ? 'create'
      : c.action === 'Remove'
        ? 'destroy'
        : c.replacement === 'True'
          ? 'replace'
          : c.replacement === 'Conditional'
            ? 'may-replace'
            : 'update';
  const properties = [
    ...new Map(
      c.properties.map((p) => [
        p.name,
        { path: p.name, replacement: RECREATION[p.recreation ?? 'Never'] ?? 'never' },
      ]),
    ).values(),
  ];
  return {
    logicalId: c.logicalId,
    type: c.type,
    kind,
    impact,
    properties,
    topologyPath: topology[c.logicalId],
  };
}

/** Progress that prints nothing: the diff prints its own report. */
const silent: Progress = {
  log: () => undefined,
  started: () => undefined,
  event: (_n: string, _e: StackEvent) => undefined,
  done: () => undefined,
  settled: () => undefined,
  suspend: () => undefined,
  finish: () => undefined,
};

function withOutcome(
  s: StackDiff,
  outcome: StackOutcome | undefined,
  topology: Record<string, string>,
): StackDiff {
  if (!outcome) return s;
  if (outcome.result === 'skipped') return { ...s, resources: [], note: outcome.note };
  const resources = outcome.changes.map((c) => fromPlannedChange(c, topology));
  const status =
    outcome.status === 'NOT_DEPLOYED' ? 'new' : resources.length > 0 ? 'changed' : 'unchanged';
  // Parameters, outputs and the security section stay from the template comparison: a change set does not report them.
  const note = s.inputs?.length
    ? "CloudFormation planned this with today's upstream outputs; the inputs below change once the upstream stacks deploy"
    : undefined;
  return { ...s, status, resources, note };
}

/**
 * `strata diff --change-set`: creates a change set per stack from what generate produces now, reads what
 * CloudFormation says it would do, and deletes the change sets (the dry-run path of deploy).
 */
export async function changeSetReport(
  session: AwsSession,
  now: TemplateSet,
  cwd: string,
  p: Palette,
): Promise<DiffReport> {
  const manifest = now.manifest!;
  const deployed = await deployedTemplates(session.cfn, manifest);
  const fromTemplates = compareTemplateSets(
    now,
    deployed,
    'change-set',
    `the deployed stacks in ${session.region}`,
  );
  const report = await deployAll(
    { ...session, cwd, outDir: 'out', templateTexts: now.texts, progress: silent, p, dryRun: true },
    manifest,
  );
  if (report.failure) throw report.failure;
  const stacks = fromTemplates.stacks.map((s) => {
    const stack = manifest.stacks.find((m) => m.layer === s.layer);
    return withOutcome(
      s,
      report.outcomes.find((o) => o.stackName === s.stackName),
      stack?.resources ?? {},
    );
  });
  return { ...fromTemplates, stacks, hasChanges: stacks.some(stackHasChanges) };
}
