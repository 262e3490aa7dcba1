import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackApi } from '../aws/stack-api';
import { parseCfnYaml, type CfnTemplate } from '../cfn/yaml';
import { StrataError } from '../errors';
import type { Manifest } from '../manifest/read';
import { deployedArtifacts } from './app-artifacts';
import { planSides } from './build-plan';
import { deployedArtifactKeys, deployedTemplates } from './deployed';
import type { DiffReport, ResourceChange, SecurityChange } from './model';

/** How much of a deploy needs a yes first (cdk's `--require-approval`). */
export type ApprovalLevel = 'never' | 'any-change' | 'broadening';

/** Every approval level, as `--require-approval` accepts them. */
export const APPROVAL_LEVELS: readonly ApprovalLevel[] = ['never', 'any-change', 'broadening'];

/** One change that makes a deploy risky enough to ask about, with its stack. */
export interface RiskyChange {
  stackName: string;
  kind: 'widens-access' | 'data-replaced' | 'data-removed';
  description: string;
}

/**
 * The plan of a deploy of out/ as it is (already checked fresh) against the live stacks: the same
 * model `strata diff --deployed` prints, built from out/ instead of generating again.
 */
export async function deployPlan(
  cfn: StackApi,
  cwd: string,
  manifest: Manifest,
  outDir = 'out',
): Promise<DiffReport> {
  const templates = new Map<string, CfnTemplate>();
  for (const stack of manifest.stacks) {
    const path = join(cwd, outDir, stack.template);
    try {
      templates.set(stack.layer, parseCfnYaml(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new StrataError('E_IO', `${outDir}/${stack.template}: ${(error as Error).message}`);
    }
  }
  const base = await deployedTemplates(cfn, manifest);
  const keys = await deployedArtifactKeys(cfn, manifest);
  const artifacts = await deployedArtifacts(cwd, manifest.apps, keys);
  return planSides(
    { now: { manifest, templates }, base: { ...base, manifest }, artifacts },
    'deployed',
    'the deployed stacks',
  );
}

function resourceRisk(stackName: string, r: ResourceChange): RiskyChange[] {
  if (!r.data || (r.impact !== 'replace' && r.impact !== 'remove')) return [];
  const verb = r.impact === 'remove' ? 'removed' : 'replaced';
  return [
    {
      stackName,
      kind: r.impact === 'remove' ? 'data-removed' : 'data-replaced',
      description: `${r.logicalId} (${r.type}) is ${verb}: kept: ${r.data.kept}; lost: ${r.data.lost}`,
    },
  ];
}

function securityRisk(stackName: string, c: SecurityChange): RiskyChange[] {
  if (!c.widens) return [];
  const open = c.open ? ' (open to anyone)' : '';
  return [{ stackName, kind: 'widens-access', description: `${c.description}${open}` }];
}

/** The changes `--require-approval broadening` asks about: wider access, data replaced or removed. */
export function riskyChanges(report: DiffReport): RiskyChange[] {
  return report.stacks.flatMap((s) => [
    ...s.security.flatMap((c) => securityRisk(s.stackName, c)),
    ...s.resources.flatMap((r) => resourceRisk(s.stackName, r)),
  ]);
}

/** Resources the plan replaces, as `Stack/LogicalId (Type)`: `--no-rollback` refuses them. */
export function replacedResources(report: DiffReport): ResourceChange[] {
  return report.stacks.flatMap((s) => s.resources.filter((r) => r.impact === 'replace'));
}
