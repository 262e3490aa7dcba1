import type { LoadedSpec } from '../spec/load';
import type { ArtifactPlan } from './app-artifacts';
import { planSides } from './build-plan';
import type { DiffReport } from './model';
import type { TemplateSet } from './plan';
import { symbol } from './symbolic';

/** Artifact keys that are the same on both sides (the apps did not change). */
export function unchangedArtifacts(apps: string[]): ArtifactPlan {
  const same = new Map(apps.map((a) => [a, symbol({ artifact: a })]));
  return { base: same, now: same, changes: apps.map((app) => ({ app, changed: false })) };
}

/**
 * Plans two template sets in memory (no git, no AWS): the core of `strata diff`, for tests and tools.
 * Artifact keys come from each set's `artifacts`, else they are taken as unchanged.
 */
export function compareTemplateSets(
  now: TemplateSet & { spec?: LoadedSpec },
  base: TemplateSet & { spec?: LoadedSpec },
  source: DiffReport['source'] = 'git',
  label = 'HEAD:out/',
): DiffReport {
  const apps = Object.keys(now.manifest?.apps ?? {});
  const unchanged = unchangedArtifacts(apps);
  const artifacts: ArtifactPlan = {
    base: base.artifacts ?? unchanged.base,
    now: now.artifacts ?? unchanged.now,
    changes: unchanged.changes,
  };
  return planSides({ now, base, artifacts }, source, label);
}
