import type { CfnTemplate } from '../cfn/yaml';
import type { ManifestStack } from '../manifest/types';
import { same } from './leaves';
import type { InputChange, NamedChange } from './model';
import {
  joinParts,
  listElements,
  renewedSymbols,
  resolve,
  symbol,
  type Resolved,
  type Scope,
} from './symbolic';

/** How one side's template is fed and what it hands on: parameter values, outputs and their changes. */
/** Resolved outputs by layer, then by output name. */
export type Outputs = Map<string, Map<string, Resolved>>;

/** An output as CloudFormation hands it on: a comma join is kept as its elements, for list parameters. */
function outputValue(value: unknown, scope: Scope): Resolved {
  const join = (value as { 'Fn::Join'?: unknown[] } | undefined)?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === ',' && Array.isArray(join[1]))
    return join[1].flatMap((item) => {
      const r = resolve(item, scope);
      return listElements(r) && typeof r !== 'string' ? (r as Resolved[]) : [r];
    });
  return resolve(value, scope);
}

/** Every output of a template, resolved in a scope. */
export function outputsOf(template: CfnTemplate | undefined, scope: Scope): Map<string, Resolved> {
  const out = new Map<string, Resolved>();
  for (const [name, o] of Object.entries(template?.Outputs ?? {}))
    out.set(name, outputValue(o.Value, scope));
  return out;
}

function asParameter(value: Resolved, type: string): Resolved {
  const list = type.startsWith('List<') || type === 'CommaDelimitedList';
  if (list) return listElements(value) ?? value;
  return Array.isArray(value) ? joinParts(',', value) : value;
}

/** Every template parameter's value on one side: from upstream outputs, artifacts or its default. */
export function parameterValues(
  stack: ManifestStack | undefined,
  template: CfnTemplate | undefined,
  outputs: Outputs,
  artifacts: Map<string, Resolved> | undefined,
): Map<string, Resolved> {
  const values = new Map<string, Resolved>();
  for (const [name, def] of Object.entries(template?.Parameters ?? {})) {
    const src = stack?.parameters[name];
    const type = String(def.Type ?? 'String');
    let value: Resolved;
    if (src?.from === 'output')
      value =
        outputs.get(src.layer)?.get(src.output) ??
        symbol({ stack: src.layer, parameter: src.output });
    else if (src?.from === 'artifact-bucket') value = symbol({ parameter: 'ArtifactBucket' });
    else if (src?.from === 'artifact-key')
      value = artifacts?.get(src.app) ?? symbol({ artifact: src.app });
    else if (def.Default !== undefined && !type.startsWith('AWS::SSM::')) value = def.Default;
    else
      value = symbol({
        stack: stack?.layer,
        parameter: name,
        ...(def.Default !== undefined ? { value: String(def.Default) } : {}),
      });
    values.set(name, asParameter(value, type));
  }
  return values;
}

/** Added, removed and modified entries between two maps (parameter definitions, outputs). */
export function named(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): NamedChange[] {
  const out: NamedChange[] = [];
  for (const name of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const [a, b] = [before?.[name], after?.[name]];
    if (same(a, b)) continue;
    const kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    out.push({
      name,
      kind,
      old: a,
      new: b,
      ...(renewedSymbols(b).length ? { knownAfterDeploy: true } : {}),
    });
  }
  return out;
}

/** Template sections besides resources, parameters and outputs that a plan reports. */
export const SECTIONS = [
  'AWSTemplateFormatVersion',
  'Description',
  'Transform',
  'Conditions',
  'Mappings',
  'Metadata',
  'Rules',
];

/** The parameters whose value changes at deploy because what feeds them does. */
export function stackInputs(
  stack: ManifestStack | undefined,
  base: Map<string, Resolved>,
  now: Map<string, Resolved>,
): InputChange[] {
  const inputs: InputChange[] = [];
  for (const [parameter, src] of Object.entries(stack?.parameters ?? {})) {
    if (!base.has(parameter) || same(base.get(parameter), now.get(parameter))) continue;
    const from =
      src.from === 'output'
        ? `${src.layer}.${src.output}`
        : src.from === 'artifact-key'
          ? `artifact ${src.app}`
          : src.from === 'deploy-parameter'
            ? 'strata deploy --parameter'
            : 'artifact bucket';
    inputs.push({ parameter, from, old: base.get(parameter), new: now.get(parameter) });
  }
  return inputs;
}
