import type { Yaml } from '../cfn/intrinsics';
import type { ParamSource } from '../manifest/types';
import type { Model } from '../model/topology';
import { resourceTags } from '../model/names';

// Parameter sources end up in the manifest, whose format is a leaf every stage shares.
export type { ParamSource };

/**
 * A stack a layer must wait for although it takes no value from it (an internet-facing load
 * balancer needs the internet gateway attached; a booting instance needs its default route).
 */
export interface StackWait {
  layer: string;
  reason: string;
}

/** A template parameter. Without a default, its value comes from `source`. */
export interface Parameter {
  name: string;
  type: string;
  description: string;
  default?: string;
  /** Set by the layer for values deploy supplies; other stacks' outputs are resolved by `planLayers`. */
  source?: ParamSource;
}

/** A stack output; `value` is YAML flow text such as `!Ref Vpc`. */
export interface Output {
  name: string;
  value: Yaml;
  description: string;
}

/** What every layer hands its template, on top of its own fields. */
export interface LayerBase {
  /** The layer's name, as in its `Layer` (checked by `planLayers`). */
  layer: string;
  description: string;
  parameters: Parameter[];
  outputs: Output[];
  /** Logical id → topology path that caused it (for lint and deploy messages). */
  resources: Record<string, string>;
  tags: Array<{ key: string; value: string }>;
  /** Stacks to wait for beyond those whose outputs are parameters here (skipped when absent). */
  waitsFor?: StackWait[];
}

/**
 * A layer, one stack: its name (also its folder under `templates/` and its file in `out/`), whether
 * the topology needs it, and its pure template-data function. The parameters it takes and the
 * outputs it offers depend on the topology, so `toTemplateData` returns them (`LayerBase`).
 */
export interface Layer<T extends LayerBase = LayerBase> {
  name: string;
  /**
   * Its own partials, `templates/<name>/partials/<partial>.yaml.hbs`, listed so that a missing file
   * fails when the engine loads. Omitted: every `.yaml.hbs` file in that folder.
   */
  partials?: readonly string[];
  /** Stack outputs offered to the project as a whole (manifest `outputs`): project name → output. */
  exports?: Readonly<Record<string, string>>;
  applies(model: Model): boolean;
  toTemplateData(model: Model): T;
}

/** The registry's word for a layer: everything strata knows about it is in this one object. */
export type LayerSpec = Layer;

/** Tags of a resource: a Name tag first, then the topology's tags. */
export function withName(model: Model, name: string): Array<{ key: string; value: string }> {
  // Names start with the project name; an environment's resources read `portfolio-prod-vpc`, so two
  // environments side by side in one account are told apart in the console.
  const prefix = `${model.name}-`;
  const value =
    model.environment && name.startsWith(prefix)
      ? `${prefix}${model.environment}-${name.slice(prefix.length)}`
      : name;
  return resourceTags(model.tags, value);
}
