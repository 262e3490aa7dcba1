import type { StackApi } from '../aws/stack-api';
import { awsError, describeStack, getTemplateBody, isMissingStack } from '../aws/stacks';
import { actionsFor } from '../deploy/status-actions';
import { StrataError } from '../errors';
import { parseCfnYaml, type CfnTemplate } from '../cfn/yaml';
import type { Manifest } from '../manifest/types';
import type { TemplateSet } from './plan';

/**
 * The live templates of the manifest's stacks (GetTemplate); stacks that do not exist, or hold no
 * deployed template (REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE), are absent, so they diff as new. A stack
 * mid-operation is compared with the template it is moving to, with a warning (see status-actions).
 */
export async function deployedTemplates(
  cfn: StackApi,
  manifest: Manifest,
  warn: (message: string) => void = () => undefined,
): Promise<TemplateSet> {
  const templates = new Map<string, CfnTemplate>();
  await Promise.all(
    manifest.stacks.map(async (stack) => {
      const info = await describeStack(cfn, stack.stackName);
      const action = actionsFor(info?.status ?? 'NOT_DEPLOYED');
      if (!info || action.diff === 'not-deployed') return;
      if (action.diff === 'compare-busy')
        warn(`${stack.stackName} is ${info.status}: ${action.advice}; the comparison may change`);
      const body = await getTemplateBody(cfn, stack.stackName);
      if (body === undefined) return;
      try {
        templates.set(stack.layer, parseCfnYaml(body));
      } catch (error) {
        throw new StrataError(
          'E_IO',
          `deployed template of ${stack.stackName}: ${(error as Error).message}`,
        );
      }
    }),
  );
  return { templates };
}

/** The artifact keys the deployed stacks were given (their `*ArtifactKey` parameter values), by app. */
export async function deployedArtifactKeys(
  cfn: StackApi,
  manifest: Manifest,
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const stack of manifest.stacks) {
    const wanted = Object.entries(stack.parameters).filter(([, s]) => s.from === 'artifact-key');
    if (wanted.length === 0) continue;
    try {
      const out = await cfn.describeStacks(stack.stackName);
      const given = new Map(
        (out.Stacks?.[0]?.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]),
      );
      for (const [name, src] of wanted) {
        const value = given.get(name);
        if (src.from === 'artifact-key' && value) keys.set(src.app, value);
      }
    } catch (error) {
      if (!isMissingStack(error)) throw awsError(`DescribeStacks ${stack.stackName}`, error);
    }
  }
  return keys;
}
