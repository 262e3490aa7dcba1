import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { AwsSession } from '../aws/session';
import type { PlannedChange } from '../deploy/change-set';
import { deployAll } from '../deploy/deploy-all';
import type { StackOutcome } from '../deploy/deploy-stack';
import type { Progress } from '../deploy/progress';
import type { Palette } from '../output/terminal';
import { interruption } from './interruptions';
import {
  stackHasChanges,
  sumTotals,
  totalsOf,
  type DiffReport,
  type PropertyChange,
  type ResourceChange,
  type StackDiff,
} from './model';
import type { TemplateSet } from './plan';

/** A CloudFormation resource change in the plan model (CloudFormation gives names and verdicts, no values). */
export function fromPlannedChange(
  c: PlannedChange,
  topology: Record<string, string>,
): ResourceChange {
  const properties = [
    ...new Map(
      c.properties.map((p): [string, PropertyChange] => {
        const replace = p.recreation === 'Always' || p.recreation === 'Conditionally';
        const fact = interruption(c.type, p.name);
        const effect = replace ? 'replace' : fact ? 'interrupt' : 'modify';
        const reason = replace ? `CloudFormation: recreation ${p.recreation}` : fact;
        return [p.name, { path: p.name, effect, ...(reason ? { reason } : {}) }];
      }),
    ).values(),
  ];
  const impact =
    c.action === 'Add' || c.action === 'Import'
      ? 'create'
      : c.action === 'Remove'
        ? 'remove'
        : c.replacement === 'True' || c.replacement === 'Conditional'
          ? 'replace'
          : properties.some((p) => p.effect === 'interrupt')
            ? 'interrupt'
            : 'modify';
  const topologyPath = topology[c.logicalId];
  return {
    logicalId: c.logicalId,
    type: c.type,
    impact,
    properties,
    causes: [],
    ...(topologyPath ? { topologyPath } : {}),
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
  if (outcome.result === 'skipped')
    return { ...s, resources: [], totals: totalsOf([]), note: outcome.note };
  const resources = outcome.changes.map((c) => fromPlannedChange(c, topology));
  const status =
    outcome.status === 'NOT_DEPLOYED' ? 'new' : resources.length > 0 ? 'changed' : 'unchanged';
  // A change set sees today's parameter values: what upstream stacks change reaches it only after they deploy.
  const note = s.inputs.length
    ? "CloudFormation planned this with today's upstream outputs; the inputs below change once the upstream stacks deploy"
    : undefined;
  return { ...s, status, resources, totals: totalsOf(resources), note };
}

/**
 * `strata diff --change-set`: creates a change set per stack from what generate produces now, reads what
 * CloudFormation says it would do, and deletes the change sets (the dry-run path of deploy).
 */
export async function changeSetReport(
  session: AwsSession,
  now: TemplateSet,
  fromTemplates: DiffReport,
  cwd: string,
  p: Palette,
): Promise<DiffReport> {
  const manifest = now.manifest!;
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
  return {
    ...fromTemplates,
    source: 'change-set',
    stacks,
    totals: sumTotals(stacks.map((s) => s.totals)),
    hasChanges: stacks.some(stackHasChanges),
  };
}
