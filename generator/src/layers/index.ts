import type { Model } from '../model/topology';
import { computeLayer } from './compute';
import { databaseLayer } from './database';
import { gatewaysLayer } from './gateways';
import { identityLayer } from './identity';
import { loadBalancerLayer } from './load-balancer';
import { networkLayer } from './network';
import { securityLayer } from './security';
import type { Layer, LayerBase, LayerName } from './types';

/**
 * Every layer, in an order where each consumes only outputs of layers before it. Deploy runs each
 * stack as soon as the ones it depends on are complete, so this is not the order stacks run in:
 * network and identity start together; security, gateways, then database and load balancer side
 * by side; compute last (see docs/scaling.md).
 */
export const LAYERS: ReadonlyArray<Layer> = [
  networkLayer,
  identityLayer,
  securityLayer,
  gatewaysLayer,
  databaseLayer,
  loadBalancerLayer,
  computeLayer,
];

/** A layer's template data, wired to the stacks it depends on. */
export interface PlannedLayer {
  data: LayerBase;
  dependsOn: LayerName[];
}

/**
 * Builds every layer the topology needs and resolves each parameter without a default to the
 * earlier layer whose output has the same name. Throws if one has no producer: that is a bug in a
 * layer, not a user mistake, so it is not a SpecError.
 */
export function planLayers(model: Model): PlannedLayer[] {
  const produced = new Map<string, LayerName>();
  const planned: PlannedLayer[] = [];
  for (const layer of LAYERS) {
    if (!layer.applies(model)) continue;
    const data = layer.toTemplateData(model);
    const dependsOn = new Set<LayerName>();
    for (const param of data.parameters) {
      if (param.default !== undefined || param.source) continue;
      const producer = produced.get(param.name);
      if (!producer)
        throw new Error(`layer ${layer.name}: parameter ${param.name} has no producing layer`);
      param.source = { from: 'output', layer: producer, output: param.name };
      dependsOn.add(producer);
    }
    const present = new Set(planned.map((p) => p.data.layer));
    for (const wait of data.waitsFor ?? []) if (present.has(wait.layer)) dependsOn.add(wait.layer);
    for (const output of data.outputs) produced.set(output.name, layer.name);
    planned.push({ data, dependsOn: LAYERS.map((l) => l.name).filter((n) => dependsOn.has(n)) });
  }
  return planned;
}
