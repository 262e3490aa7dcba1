import type { CfnResource, CfnTemplate } from './yaml';

/** How deploy feeds one parameter: only outputs of other stacks matter to the resolver. */
type Feed = { from: string; layer?: string; output?: string };

/** One rendered stack, as the resolver needs it (the manifest's shape, without depending on it). */
export interface ResolvableStack {
  layer: string;
  template: CfnTemplate;
  parameters: Record<string, Feed>;
  /** Logical id → topology path that caused it. */
  resources: Record<string, string>;
}

/** A template value followed through Refs, parameters and other stacks' outputs. */
export type Resolved =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'resource'; layer: string; logicalId: string; resource: CfnResource }
  | { kind: 'list'; items: Resolved[] }
  | { kind: 'unknown' };

const UNKNOWN: Resolved = { kind: 'unknown' };

/** One stack of the set: its layer, template and the topology path of each resource. */
export interface Stack {
  layer: string;
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
  private readonly byLayer = new Map<string, Stack>();
  private readonly sources: Map<string, Record<string, { layer: string; output: string }>>;

  constructor(source: { region: string; stacks: ResolvableStack[] }) {
    this.sources = new Map();
    this.region = source.region;
    this.stacks = source.stacks.map((s) => {
      const stack = { layer: s.layer, template: s.template, paths: s.resources };
      this.byLayer.set(s.layer, stack);
      const outputs: Record<string, { layer: string; output: string }> = {};
      for (const [name, feed] of Object.entries(s.parameters))
        if (feed.from === 'output' && feed.layer && feed.output)
          outputs[name] = { layer: feed.layer, output: feed.output };
      this.sources.set(s.layer, outputs);
      return stack;
    });
  }

  /** Resolves `value` as seen from the stack of `layer`; `unknown` when it is only known at deploy. */
  resolve(layer: string, value: unknown, depth = 0): Resolved {
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

  private ref(layer: string, name: string, depth: number): Resolved {
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
