import type { Generated } from '../generate';
import type { CfnTemplate } from '../cfn/yaml';
import type { Manifest } from '../manifest/types';
import type { ResolvableStack } from '../cfn/stack-set';
import type { CostAssumptions } from '../model/cost-settings';

/** One stack to price: its template and how deploy wires its parameters. */
export type CostStack = ResolvableStack;

/** What an estimate needs: the stacks, the region and the usage assumptions. */
export interface CostSource {
  project: string;
  region: string;
  stacks: CostStack[];
  assumptions: CostAssumptions;
}

/** The stacks of a manifest, with templates looked up by `key(stack)`. */
function stacksOf(
  manifest: Manifest,
  find: (layer: string, file: string) => CfnTemplate | undefined,
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
