import type { Model } from '../model/topology';
import { LAYERS, type LayerName } from './index';
import type { Layer, LayerBase, ParamSource } from './types';

/** A layer the topology needs: its registry entry, its template data and how its stack is fed. */
export interface PlannedLayer {
  layer: Layer & { name: LayerName };
  data: LayerBase;
  /** Where deploy gets each parameter without a default, in parameter order. */
  sources: Record<string, ParamSource>;
  dependsOn: LayerName[];
}

/**
 * Builds every layer the topology needs and resolves each parameter without a default or source to
 * the earlier layer whose output has the same name. Leaves the template data as built. Throws if a
 * parameter has no producer: that is a bug in a layer, not a user mistake, so it is not a SpecError.
 */
export function planLayers(model: Model): PlannedLayer[] {
  const produced = new Map<string, LayerName>();
  const planned: PlannedLayer[] = [];
  for (const layer of LAYERS) {
    if (!layer.applies(model)) continue;
    const data = layer.toTemplateData(model);
    if (data.layer !== layer.name)
      throw new Error(`layer ${layer.name}: its template data says layer ${data.layer}`);
    const dependsOn = new Set<LayerName>();
    const sources: Record<string, ParamSource> = {};
    for (const param of data.parameters) {
      if (param.source) sources[param.name] = param.source;
      if (param.default !== undefined || param.source) continue;
      const producer = produced.get(param.name);
      if (!producer)
        throw new Error(`layer ${layer.name}: parameter ${param.name} has no producing layer`);
      sources[param.name] = { from: 'output', layer: producer, output: param.name };
      dependsOn.add(producer);
    }
    // Stacks waited for without a value (when the topology has them): see StackWait.
    const present = new Set(planned.map((p) => p.layer.name));
    for (const wait of data.waitsFor ?? [])
      if (present.has(wait.layer as LayerName)) dependsOn.add(wait.layer as LayerName);
    for (const output of data.outputs) produced.set(output.name, layer.name);
    const ordered = LAYERS.map((l) => l.name).filter((n) => dependsOn.has(n));
    planned.push({ layer, data, sources, dependsOn: ordered });
  }
  return planned;
}
