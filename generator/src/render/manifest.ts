import type { PlannedLayer } from '../layers';
import type { LayerName, ParamSource } from '../layers/types';
import type { Model } from '../model/topology';

/** One stack of the manifest: what `deploy` needs to create it and feed it. */
export interface ManifestStack {
  layer: LayerName;
  stackName: string;
  template: string;
  dependsOn: LayerName[];
  terminationProtection: boolean;
  parameters: Record<string, ParamSource>;
  outputs: string[];
  resources: Record<string, string>;
}

/** `out/manifest.json`: the stacks in deploy order and where each parameter's value comes from. */
export interface Manifest {
  version: 1;
  project: string;
  /** The environment these stacks belong to; absent for the base topology. */
  environment?: string;
  /** AWS account the stacks must deploy to, when the topology pins one. */
  account?: string;
  region: string;
  spec: string;
  /** The topology's tags (the environment's included), also set on every stack. */
  tags?: Record<string, string>;
  stacks: ManifestStack[];
  apps: Record<string, { source: string; entry: string }>;
  outputs: Record<string, { layer: LayerName; output: string }>;
}

/** The file name of a layer's template in `out/`. */
export const templateFile = (layer: LayerName): string => `${layer}.yaml`;

/** `<name>-<layer>` for the base topology, `<name>-<env>-<layer>` for an environment. */
export const stackName = (model: Model, layer: string): string =>
  `${model.name}${model.environment ? `-${model.environment}` : ''}-${layer}`;

/** Builds the manifest from the planned layers. */
export function buildManifest(model: Model, planned: PlannedLayer[]): Manifest {
  const apps: Manifest['apps'] = {};
  for (const tier of model.tiers)
    apps[tier.app] = { source: `apps/${tier.app}`, entry: `apps/${tier.app}/src/server.ts` };
  const lb = planned.find((p) => p.data.layer === 'load-balancer');
  return {
    version: 1,
    project: model.name,
    ...(model.environment ? { environment: model.environment } : {}),
    ...(model.account ? { account: model.account } : {}),
    region: model.region,
    spec: model.specFile,
    tags: Object.fromEntries(model.tags.map((t) => [t.key, t.value])),
    stacks: planned.map(({ data, dependsOn }) => ({
      layer: data.layer,
      stackName: stackName(model, data.layer),
      template: templateFile(data.layer),
      dependsOn,
      terminationProtection: model.terminationProtection,
      parameters: Object.fromEntries(
        data.parameters.filter((p) => p.source).map((p) => [p.name, p.source!]),
      ),
      outputs: data.outputs.map((o) => o.name),
      resources: data.resources,
    })),
    apps,
    outputs: lb ? { siteUrl: { layer: 'load-balancer', output: 'SiteUrl' } } : {},
  };
}
