import type { Model } from '../model/topology';

/** The five layers, each rendered to its own stack. */
export type LayerName = 'network' | 'security' | 'database' | 'compute' | 'load-balancer';

/** Where `deploy` gets a parameter's value. */
export type ParamSource =
  | { from: 'output'; layer: LayerName; output: string }
  | { from: 'artifact-bucket' }
  | { from: 'artifact-key'; app: string }
  /** Given with `strata deploy --parameter Key=Value`; kept from the last deploy when not given. */
  | { from: 'deploy-parameter' };

/** A template parameter. Without a default, its value comes from `source`. */
export interface Parameter {
  name: string;
  type: string;
  description: string;
  default?: string;
  /** Filled in by the layer graph for parameters that are other stacks' outputs. */
  source?: ParamSource;
}

/** A stack output; `value` is YAML flow text such as `!Ref Vpc`. */
export interface Output {
  name: string;
  value: string;
  description: string;
}

/** What every layer hands its template, on top of its own fields. */
export interface LayerBase {
  layer: LayerName;
  description: string;
  parameters: Parameter[];
  outputs: Output[];
  /** Logical id → topology path that caused it (for lint and deploy messages). */
  resources: Record<string, string>;
  tags: Array<{ key: string; value: string }>;
}

/** A layer: its name, whether the topology needs it, and its pure template-data function. */
export interface Layer<T extends LayerBase = LayerBase> {
  name: LayerName;
  applies(model: Model): boolean;
  toTemplateData(model: Model): T;
}

/** Tags of a resource: a Name tag first, then the topology's tags. */
export function withName(model: Model, name: string): Array<{ key: string; value: string }> {
  // Names start with the project name; an environment's resources read `portfolio-prod-vpc`, so two
  // environments side by side in one account are told apart in the console.
  const prefix = `${model.name}-`;
  const value =
    model.environment && name.startsWith(prefix)
      ? `${prefix}${model.environment}-${name.slice(prefix.length)}`
      : name;
  return [{ key: 'Name', value }, ...model.tags.filter((t) => t.key !== 'Name')];
}
