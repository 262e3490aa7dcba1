import { gitArtifacts, type ArtifactPlan } from './app-artifacts';
import { causeFinder } from './causes';
import { downtime } from './downtime';
import { loadImpactIndex } from './impact-index';
import type { DiffReport } from './model';
import { planAll, type TemplateSet } from './plan';
import { committedTemplates, currentTemplates } from './sources';
import type { LoadedSpec } from '../spec/load';
import type { Model } from '../model/topology';

/** Both sides with their topologies (when known) and artifact keys. */
export interface PlanSides {
  now: TemplateSet & { spec?: LoadedSpec; model?: Model };
  base: TemplateSet & { spec?: LoadedSpec };
  artifacts: ArtifactPlan;
}

/** The plan of two sides: resources, causes, downtime and artifacts in one report. */
export function planSides(
  sides: PlanSides,
  source: DiffReport['source'],
  label: string,
): DiffReport {
  const { now, base, artifacts } = sides;
  const paths = [...(now.manifest?.stacks ?? []), ...(base.manifest?.stacks ?? [])].flatMap((s) =>
    Object.values(s.resources),
  );
  const { report, nowSides } = planAll({
    now: { ...now, artifacts: artifacts.now },
    base: { ...base, artifacts: artifacts.base },
    source,
    label,
    index: loadImpactIndex(),
    causesOf: now.spec ? causeFinder(now.spec, base.spec, paths) : () => [],
  });
  report.artifacts = artifacts.changes;
  report.downtime = downtime(report, nowSides);
  return report;
}

/** `strata diff` in git mode: what generate produces now (and the apps in the working tree) against `ref`. */
export async function gitPlan(
  cwd: string,
  specFile: string,
  ref: string,
  outDir = 'out',
  onSides?: (sides: PlanSides) => void,
  environment?: string,
): Promise<DiffReport> {
  const now = currentTemplates(cwd, specFile, environment);
  const base = committedTemplates(cwd, ref, now.spec.file, now, outDir);
  const artifacts = await gitArtifacts(cwd, ref, now.manifest?.apps ?? {}, base.manifest?.apps);
  onSides?.({ now, base, artifacts });
  return planSides({ now, base, artifacts }, 'git', `${ref}:${outDir}/`);
}
