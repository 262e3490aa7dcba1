import type { CfnDocument } from '../cfn/yaml';
import { intrinsicName, subReferences, walk } from '../cfn/intrinsics';

/** One resource of the deploy graph. */
export interface ResourceNode {
  /** `layer/LogicalId`, unique across stacks. */
  key: string;
  layer: string;
  logicalId: string;
  type: string;
  /** Waits for resource signals before it counts as created (a CreationPolicy). */
  signals: boolean;
  /** Keys of the resources it must wait for in its own stack. */
  deps: string[];
  /** Keys of resources in other stacks it takes values from (or must wait for). */
  crossDeps: string[];
}

/** What the graph needs of a manifest stack (any layer names, so small graphs can be tested). */
export interface GraphStack {
  layer: string;
  dependsOn: string[];
  parameters: Record<string, { from: string; layer?: string; output?: string }>;
}

/** A stack of the graph: its resources and the stacks it starts after. */
export interface StackNode {
  layer: string;
  dependsOn: string[];
  resources: ResourceNode[];
}

/** Resource types that wait for a stack they take no value from (see StackWait in layers/types). */
const WAITING_TYPES = new Set([
  'AWS::EC2::Instance',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
]);

/** Names a value refers to: `Ref`, `Fn::GetAtt` and `Fn::Sub` targets (resources or parameters). */
export function referencedNames(value: unknown): string[] {
  const names = new Set<string>();
  walk(value, [], (node) => {
    const fn = intrinsicName(node);
    const arg = fn ? (node as Record<string, unknown>)[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') names.add(arg);
    if (fn === 'Fn::GetAtt') {
      const target = Array.isArray(arg) ? arg[0] : String(arg).split('.')[0];
      if (typeof target === 'string') names.add(target);
    }
    if (fn === 'Fn::Sub') {
      const text = Array.isArray(arg) ? arg[0] : arg;
      if (typeof text === 'string') for (const r of subReferences(text)) names.add(r.split('.')[0]);
    }
  });
  return [...names];
}

const dependsOnOf = (d: string | string[] | undefined): string[] =>
  d === undefined ? [] : Array.isArray(d) ? d : [d];

/** The resources an output's value refers to, as graph keys. */
function outputResources(layer: string, template: CfnDocument, output: string): string[] {
  const value = template.Outputs?.[output]?.Value;
  const resources = template.Resources ?? {};
  return referencedNames(value)
    .filter((n) => n in resources)
    .map((n) => `${layer}/${n}`);
}

/**
 * The resource graph of the manifest's stacks, from their rendered templates: within a stack from
 * `Ref`, `GetAtt`, `Sub` and `DependsOn`; across stacks from each parameter to the resources behind
 * the upstream output it is fed from, and, for a stack it waits for without taking a value, from the
 * resources that need it (instances, groups, load balancers) to every resource of that stack.
 */
export function resourceGraph(
  stacks: GraphStack[],
  templates: Map<string, CfnDocument>,
): StackNode[] {
  return stacks.map((stack) => {
    const template = templates.get(stack.layer) ?? {};
    const resources = template.Resources ?? {};
    const fedBy = new Set(
      Object.values(stack.parameters).flatMap((p) =>
        p.from === 'output' && p.layer ? [p.layer] : [],
      ),
    );
    const waited = stack.dependsOn.filter((d) => !fedBy.has(d));
    const nodes = Object.entries(resources).map(([id, r]): ResourceNode => {
      const names = new Set([...referencedNames(r.Properties ?? {}), ...dependsOnOf(r.DependsOn)]);
      const crossDeps = [...names].flatMap((name) => {
        const source = stack.parameters[name];
        if (source?.from !== 'output' || !source.layer || !source.output) return [];
        return outputResources(source.layer, templates.get(source.layer) ?? {}, source.output);
      });
      if (WAITING_TYPES.has(r.Type))
        for (const layer of waited)
          for (const other of Object.keys(templates.get(layer)?.Resources ?? {}))
            crossDeps.push(`${layer}/${other}`);
      return {
        key: `${stack.layer}/${id}`,
        layer: stack.layer,
        logicalId: id,
        type: r.Type,
        signals: r.CreationPolicy !== undefined,
        deps: [...names]
          .filter((n) => n in resources && n !== id)
          .map((n) => `${stack.layer}/${n}`),
        crossDeps: [...new Set(crossDeps)],
      };
    });
    return { layer: stack.layer, dependsOn: stack.dependsOn, resources: nodes };
  });
}
