import type { Generated } from '../generate';
import type { LayerName } from '../layers/types';
import type { CfnTemplate } from '../render/cfn-yaml';
import type { Manifest } from '../render/manifest';
import type { CostSource, CostStack } from './resolve';

export type { CostSource, CostStack };

/** The stacks of a manifest, with templates looked up by `key(stack)`. */
function stacksOf(
  manifest: Manifest,
  find: (layer: LayerName, file: string) => CfnTemplate | undefined,
): CostStack[] {
  return manifest.stacks.flatMap((s) => {
    const template = find(s.layer, s.template);
    return template
      ? [{ layer: s.layer, template, parameters: s.parameters, resources: s.resources }]
      : [];
  });
}

/** What `generate` produced, as something to price. */
export function costSourceOf(generated: Generated): CostSource {
  return {
    project: generated.model.name,
    region: generated.model.region,
    stacks: stacksOf(generated.manifest, (_, file) => generated.templates.get(file)),
    assumptions: generated.model.cost.assumptions,
  };
}

/**
 * A manifest and templates keyed by layer (committed or deployed ones, as `strata diff` holds them),
 * priced with the given assumptions; an empty source when there is no manifest (nothing committed).
 */
export function costSourceOfTemplates(
  side: { manifest?: Manifest; templates: Map<string, CfnTemplate> },
  fallback: CostSource,
): CostSource {
  if (!side.manifest) return { ...fallback, stacks: [] };
  return {
    project: side.manifest.project,
    region: side.manifest.region,
    stacks: stacksOf(side.manifest, (layer) => side.templates.get(layer)),
    assumptions: fallback.assumptions,
  };
}
