import { own } from '../model/records';
import type { Parameter } from '@aws-sdk/client-cloudformation';
import { StrataError } from '../errors';
import type { ManifestStack } from '../manifest/read';

/** Values deploy can feed into parameters: stack outputs by layer, the artifacts bucket and artifact keys by app. */
export interface ParameterInputs {
  outputs: Map<string, Record<string, string>>;
  artifactBucket?: string;
  artifactKeys: Record<string, string>;
}

/** A parameter value and where it came from, for the `--stack` explanation. */
export interface ResolvedParameter {
  key: string;
  value: string;
  source: string;
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

/** The parameters in the SDK's shape. */
export function toSdkParameters(resolved: ResolvedParameter[]): Parameter[] {
  return resolved.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value }));
}
