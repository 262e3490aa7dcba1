import type { LayerName, ParamSource } from '../layers/types';
import type { CostAssumptions } from '../model/cost-settings';
import type { CfnResource, CfnTemplate } from '../render/cfn-yaml';

/** One stack to price: its template and how deploy wires its parameters. */
export interface CostStack {
  layer: LayerName;
  template: CfnTemplate;
  parameters: Record<string, ParamSource>;
  /** Logical id → topology path that caused it. */
  resources: Record<string, string>;
}

/** What an estimate needs: the stacks, the region and the usage assumptions. */
export interface CostSource {
  project: string;
  region: string;
  stacks: CostStack[];
  assumptions: CostAssumptions;
}

/** A template value followed through Refs, parameters and other stacks' outputs. */
export type Resolved =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'resource'; layer: LayerName; logicalId: string; resource: CfnResource }
  | { kind: 'list'; items: Resolved[] }
  | { kind: 'unknown' };

const UNKNOWN: Resolved = { kind: 'unknown' };

/** One rendered stack: its layer, template and the topology path of each resource. */
export interface Stack {
  layer: LayerName;
  template: CfnTemplate;
  paths: Record<string, string>;
}

/**
 * Every stack of a generated topology, with a resolver that follows a value across stacks the way
 * deploy wires them: a parameter without a default is the named output of an earlier stack.
 */
export class StackSet {
  readonly stacks: Stack[];
  readonly region: string;
  private readonly byLayer = new Map<LayerName, Stack>();
  private readonly sources: Map<LayerName, Record<string, { layer: LayerName; output: string }>>;

  constructor(source: CostSource) {
    this.sources = new Map();
    this.region = source.region;
    this.stacks = source.stacks.map((s) => {
      const stack = { layer: s.layer, template: s.template, paths: s.resources };
      this.byLayer.set(s.layer, stack);
      const outputs: Record<string, { layer: LayerName; output: string }> = {};
      for (const [name, source] of Object.entries(s.parameters))
        if (source.from === 'output')
          outputs[name] = { layer: source.layer, output: source.output };
      this.sources.set(s.layer, outputs);
      return stack;
    });
  }

  /** Resolves `value` as seen from the stack of `layer`; `unknown` when it is only known at deploy. */
  resolve(layer: LayerName, value: unknown, depth = 0): Resolved {
    if (depth > 20) return UNKNOWN;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return { kind: 'literal', value };
    if (Array.isArray(value))
      return { kind: 'list', items: value.map((v) => this.resolve(layer, v, depth + 1)) };
    if (!value || typeof value !== 'object') return UNKNOWN;
    const fn = value as Record<string, unknown>;
    if (typeof fn.Ref === 'string') return this.ref(layer, fn.Ref, depth);
    if (Array.isArray(fn['Fn::GetAtt'])) return this.ref(layer, String(fn['Fn::GetAtt'][0]), depth);
    if (Array.isArray(fn['Fn::Select'])) {
      const [index, list] = fn['Fn::Select'] as [unknown, unknown];
      const items = this.resolve(layer, list, depth + 1);
      const i = Number(index);
      return items.kind === 'list' && Number.isInteger(i) ? (items.items[i] ?? UNKNOWN) : UNKNOWN;
    }
    if (Array.isArray(fn['Fn::Join'])) {
      const [delimiter, parts] = fn['Fn::Join'] as [unknown, unknown];
      // A comma-joined list of ids is how a stack hands a List<…> parameter to the next one.
      return delimiter === ',' ? this.resolve(layer, parts, depth + 1) : UNKNOWN;
    }
    return UNKNOWN;
  }

  private ref(layer: LayerName, name: string, depth: number): Resolved {
    const stack = this.byLayer.get(layer);
    if (!stack) return UNKNOWN;
    const resource = stack.template.Resources[name];
    if (resource) return { kind: 'resource', layer, logicalId: name, resource };
    const source = this.sources.get(layer)?.[name];
    if (source) {
      const output = this.byLayer.get(source.layer)?.template.Outputs?.[source.output];
      return output ? this.resolve(source.layer, output.Value, depth + 1) : UNKNOWN;
    }
    const fallback = stack.template.Parameters?.[name]?.Default;
    return fallback === undefined ? UNKNOWN : this.resolve(layer, fallback, depth + 1);
  }
}

/** The literal behind a resolved value, if it is one. */
export function literal(value: Resolved): string | number | boolean | undefined {
  return value.kind === 'literal' ? value.value : undefined;
}

/** The resources behind a resolved value: one, several (a list) or none. */
export function resources(value: Resolved): Array<Extract<Resolved, { kind: 'resource' }>> {
  if (value.kind === 'resource') return [value];
  if (value.kind === 'list') return value.items.flatMap(resources);
  return [];
}
