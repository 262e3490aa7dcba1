import type { Model } from '../model/topology';
import { certificateLayer } from './certificate';
import { computeLayer } from './compute';
import { firewallLayer } from './firewall';
import { logsLayer } from './logs';
import { monitoringLayer } from './monitoring';
import { databaseLayer } from './database';
import { loadBalancerLayer } from './load-balancer';
import { networkLayer } from './network';
import { securityLayer } from './security';
import type { Layer, LayerBase, LayerName } from './types';

/** Every layer, in deploy order: each may only consume outputs of layers before it. */
export const LAYERS: ReadonlyArray<Layer> = [
  networkLayer,
  logsLayer,
  securityLayer,
  databaseLayer,
  computeLayer,
  certificateLayer,
  loadBalancerLayer,
  firewallLayer,
  monitoringLayer,
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
    for (const output of data.outputs) produced.set(output.name, layer.name);
    planned.push({ data, dependsOn: LAYERS.map((l) => l.name).filter((n) => dependsOn.has(n)) });
  }
  return planned;
}
