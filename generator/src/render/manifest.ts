import { templateFile } from '../layers';
import type { PlannedLayer } from '../layers/plan';
import type { Manifest } from '../manifest/types';
import type { Model } from '../model/topology';

/** `<name>-<layer>` for the base topology, `<name>-<env>-<layer>` for an environment. */
export const stackName = (model: Model, layer: string): string =>
  `${model.name}${model.environment ? `-${model.environment}` : ''}-${layer}`;

/** Builds the manifest from the planned layers. */
export function buildManifest(model: Model, planned: PlannedLayer[]): Manifest {
  const apps: Manifest['apps'] = {};
  for (const tier of model.tiers)
    apps[tier.app] = { source: `apps/${tier.app}`, entry: `apps/${tier.app}/src/server.ts` };
  const outputs: Manifest['outputs'] = {};
  for (const { layer } of planned)
    for (const [name, output] of Object.entries(layer.exports ?? {}))
      outputs[name] = { layer: layer.name, output };
  return {
    version: 1,
    project: model.name,
    ...(model.environment ? { environment: model.environment } : {}),
    ...(model.account ? { account: model.account } : {}),
    region: model.region,
    spec: model.specFile,
    tags: Object.fromEntries(model.tags.map((t) => [t.key, t.value])),
    stacks: planned.map(({ layer, data, sources, dependsOn }) => ({
      layer: layer.name,
      stackName: stackName(model, layer.name),
      template: templateFile(layer.name),
      dependsOn,
      terminationProtection: model.terminationProtection,
      parameters: sources,
      outputs: data.outputs.map((o) => o.name),
      resources: data.resources,
    })),
    apps,
    outputs,
  };
}
