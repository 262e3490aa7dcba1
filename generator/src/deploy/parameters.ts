import type { Parameter } from '@aws-sdk/client-cloudformation';
import { own } from '../model/records';
import { StrataError } from '../errors';
import type { ManifestStack } from '../manifest/read';

/** Values deploy can feed into parameters: stack outputs by layer, the artifacts bucket and artifact keys by app. */
export interface ParameterInputs {
  outputs: Map<string, Record<string, string>>;
  artifactBucket?: string;
  artifactKeys: Record<string, string>;
  /** `strata deploy --parameter Key=Value`, for parameters the topology leaves to deploy time. */
  given?: Record<string, string>;
  /** Stacks that exist already: a deploy-time parameter not given keeps its previous value there. */
  existing?: Set<string>;
}

/** A parameter value and where it came from, for the `--stack` explanation. */
export interface ResolvedParameter {
  key: string;
  value: string;
  source: string;
  /** Keep the value the stack has (CloudFormation's UsePreviousValue). */
  usePrevious?: boolean;
}

/** Resolves every manifest parameter of a stack, or explains which input is missing. */
export function resolveParameters(
  stack: ManifestStack,
  inputs: ParameterInputs,
): ResolvedParameter[] {
  return Object.entries(stack.parameters).map(([key, src]) => {
    if (src.from === 'output') {
      const value = inputs.outputs.get(src.layer)?.[src.output];
      if (value === undefined) {
        throw new StrataError(
          'E_DEPLOY',
          `${stack.stackName} needs output ${src.output} of the ${src.layer} layer, which is not deployed or has no such output`,
          `deploy the ${src.layer} layer first (strata deploy --stack ${src.layer}) or deploy every layer (strata deploy)`,
        );
      }
      return { key, value, source: `${src.layer}.${src.output}` };
    }
    if (src.from === 'artifact-bucket') {
      if (!inputs.artifactBucket)
        throw new StrataError(
          'E_DEPLOY',
          `${stack.stackName} needs the artifacts bucket, which does not exist yet`,
          'run strata deploy without --dry-run once to create the bootstrap stack',
        );
      return { key, value: inputs.artifactBucket, source: 'bootstrap bucket' };
    }
    if (src.from === 'deploy-parameter') return deployParameter(stack, key, inputs);
    const value = own(inputs.artifactKeys, src.app);
    if (value === undefined)
      throw new StrataError(
        'E_DEPLOY',
        `${stack.stackName} needs the artifact of app "${src.app}", which out/manifest.json does not list`,
        'run strata generate',
      );
    return { key, value, source: `artifact of ${src.app}` };
  });
}

/**
 * A parameter the topology leaves to deploy time (the snapshot a DR database restores from): `--parameter`
 * when given; else the stack's previous value, since CloudFormation must see the same value on every
 * update (a new one restores a new instance, none creates an empty one); else a located usage error.
 */
function deployParameter(
  stack: ManifestStack,
  key: string,
  inputs: ParameterInputs,
): ResolvedParameter {
  const value = inputs.given?.[key];
  if (value !== undefined) return { key, value, source: '--parameter' };
  if (inputs.existing?.has(stack.stackName))
    return { key, value: '', source: 'previous value', usePrevious: true };
  throw new StrataError(
    'E_USAGE',
    `${stack.stackName} needs ${key} at its first deploy`,
    `pass --parameter ${key}=<value>${key === 'DatabaseSnapshotIdentifier' ? ' (strata snapshots lists the snapshots you can restore)' : ''}`,
  );
}

/** The parameters in the SDK's shape. */
export function toSdkParameters(resolved: ResolvedParameter[]): Parameter[] {
  return resolved.map((p) =>
    p.usePrevious
      ? { ParameterKey: p.key, UsePreviousValue: true }
      : { ParameterKey: p.key, ParameterValue: p.value },
  );
}

/** Parses `--parameter Key=Value` flags; a key no stack takes at deploy time is a usage error. */
export function parseGivenParameters(
  flags: string[],
  stacks: ManifestStack[],
): Record<string, string> {
  const known = new Set(
    stacks.flatMap((s) =>
      Object.entries(s.parameters)
        .filter(([, p]) => p.from === 'deploy-parameter')
        .map(([k]) => k),
    ),
  );
  const given: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    const key = at > 0 ? flag.slice(0, at) : '';
    if (!key || at === flag.length - 1)
      throw new StrataError(
        'E_USAGE',
        `--parameter ${flag} is not Key=Value`,
        'e.g. --parameter DatabaseSnapshotIdentifier=my-snapshot',
      );
    if (!known.has(key))
      throw new StrataError(
        'E_USAGE',
        `no stack takes ${key} at deploy time`,
        known.size
          ? `deploy-time parameters here: ${[...known].join(', ')}`
          : 'this topology has no deploy-time parameters (see database.restoreFromSnapshot)',
      );
    given[key] = flag.slice(at + 1);
  }
  return given;
}
