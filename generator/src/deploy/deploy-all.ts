import type { ObjectStore } from '../aws/stack-api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
import { packageApp, uploadIfMissing } from './artifacts';
import { BOOTSTRAP_BUCKET_OUTPUT, BOOTSTRAP_TEMPLATE } from './bootstrap';
import {
  DeployFailure,
  deployStack,
  type StackDeployContext,
  type StackOutcome,
  type StackTarget,
} from './deploy-stack';
import {
  bootstrapStackName,
  stackOf,
  stackTags,
  type Manifest,
  type ManifestStack,
} from '../manifest/read';
import { resolveParameters, toSdkParameters, type ParameterInputs } from './parameters';
import { parseCfnYaml } from '../cfn/yaml';
import { creationChanges } from './change-set';
import { statefulResources } from './stack-policy';
import { firstRejection, settleInDependencyOrder, UpstreamFailed } from './schedule';

/** Everything a deploy of the manifest needs. */
export interface DeployAllContext extends StackDeployContext {
  s3: ObjectStore;
  region: string;
  endpointUrl?: string;
  cwd: string;
  outDir: string;
  /** Template texts by out/ file name, instead of reading out/ (diff --change-set plans what generate produces now). */
  templateTexts?: Map<string, string>;
  /** Stateful resources (`Database`) this deploy may replace or delete despite the stack policy. */
  allowReplace?: string[];
  /** `--parameter Key=Value` values for the parameters the topology leaves to deploy time. */
  given?: Record<string, string>;
}

/** The result of `strata deploy`: one outcome per stack, in manifest order, and the manifest's outputs. */
export interface DeployReport {
  outcomes: StackOutcome[];
  outputs: Record<string, string>;
  /** The first stack failure, after the stacks already running have finished; the command reports it last. */
  failure?: unknown;
}

// CloudFormation accepts an inline template up to 51,200 bytes; larger ones must come from S3.
const INLINE_LIMIT = 51_200;

/** Creates or updates the bootstrap stack (not in a dry run) and returns its bucket, if there is one. */
async function bootstrap(ctx: DeployAllContext, manifest: Manifest): Promise<string | undefined> {
  const stackName = bootstrapStackName(manifest);
  if (ctx.dryRun) {
    const info = await describeStack(ctx.cfn, stackName);
    ctx.progress.log(
      ctx.p.dim(
        info
          ? `bootstrap: ${stackName} ${info.status}`
          : `bootstrap: ${stackName} does not exist yet (a real deploy creates it)`,
      ),
    );
    return info?.outputs[BOOTSTRAP_BUCKET_OUTPUT];
  }
  const target: StackTarget = {
    stackName,
    templateBody: BOOTSTRAP_TEMPLATE,
    parameters: [],
    terminationProtection: false,
    tags: stackTags(manifest, 'bootstrap'),
    creates: creationChanges(parseCfnYaml(BOOTSTRAP_TEMPLATE).Resources ?? {}),
  };
  // The bucket only holds build output; it is not worth a question of its own.
  const outcome = await deployStack({ ...ctx, confirm: undefined, counted: false }, target);
  const bucket = outcome.outputs[BOOTSTRAP_BUCKET_OUTPUT];
  if (!bucket)
    throw new StrataError(
      'E_DEPLOY',
      `${stackName} has no ${BOOTSTRAP_BUCKET_OUTPUT} output`,
      `delete ${stackName} and deploy again`,
    );
  return bucket;
}

/** Packages every app and uploads what the bucket does not hold yet; a dry run only computes the keys. */
async function publishArtifacts(
  ctx: DeployAllContext,
  manifest: Manifest,
  bucket: string | undefined,
): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const [app, spec] of Object.entries(manifest.apps)) {
    const artifact = await packageApp(ctx.cwd, app, spec);
    keys[app] = artifact.key;
    if (ctx.dryRun || !bucket) {
      ctx.progress.log(
        ctx.p.dim(
          `artifact ${app}: ${artifact.key} (${artifact.bytes.length} bytes, not uploaded in a dry run)`,
        ),
      );
      continue;
    }
    const uploaded = await uploadIfMissing(
      ctx.s3,
      bucket,
      artifact.key,
      artifact.bytes,
      'application/gzip',
    );
    ctx.progress.log(
      `artifact ${app}: s3://${bucket}/${artifact.key} ${uploaded ? ctx.p.green('uploaded') : ctx.p.dim('already there')}`,
    );
  }
  return keys;
}

/** The template as inline text, or uploaded to the bucket when it is too large to inline. */
function templateText(ctx: DeployAllContext, stack: ManifestStack): string {
  return (
    ctx.templateTexts?.get(stack.template) ??
    readFileSync(join(ctx.cwd, ctx.outDir, stack.template), 'utf8')
  );
}

async function templateOf(
  ctx: DeployAllContext,
  stack: ManifestStack,
  body: string,
  bucket: string | undefined,
): Promise<Pick<StackTarget, 'templateBody' | 'templateUrl'>> {
  if (Buffer.byteLength(body) <= INLINE_LIMIT) return { templateBody: body };
  if (!bucket)
    throw new StrataError(
      'E_DEPLOY',
      `${stack.template} is larger than ${INLINE_LIMIT} bytes and there is no artifacts bucket to upload it to`,
      'run strata deploy without --dry-run once to create the bootstrap stack',
    );
  const key = `templates/${stack.layer}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.yaml`;
  await uploadIfMissing(ctx.s3, bucket, key, body, 'application/x-yaml');
  const url = ctx.endpointUrl
    ? `${ctx.endpointUrl.replace(/\/$/, '')}/${bucket}/${key}`
    : `https://${bucket}.s3.${ctx.region}.amazonaws.com/${key}`;
  return { templateUrl: url };
}

/** Deploys one manifest stack once its inputs are known. In a dry run, a stack whose inputs do not exist yet is skipped. */
async function deployManifestStack(
  ctx: DeployAllContext,
  manifest: Manifest,
  stack: ManifestStack,
  inputs: ParameterInputs,
): Promise<StackOutcome> {
  let parameters;
  try {
    parameters = resolveParameters(stack, inputs);
  } catch (error) {
    if (!(ctx.dryRun || ctx.prepare) || !(error instanceof StrataError)) throw error;
    ctx.progress.settled(stack.stackName, ctx.p.yellow(`cannot plan yet: ${error.message}`));
    return {
      stackName: stack.stackName,
      result: 'skipped',
      status: 'NOT_DEPLOYED',
      outputs: {},
      changes: [],
      note: `cannot plan yet: ${error.message}`,
    };
  }
  const text = templateText(ctx, stack);
  const template = await templateOf(ctx, stack, text, inputs.artifactBucket);
  const tags = stackTags(manifest, stack.layer);
  const parsed = parseCfnYaml(text);
  const outcome = await deployStack(ctx, {
    stackName: stack.stackName,
    ...template,
    parameters: toSdkParameters(parameters),
    terminationProtection: stack.terminationProtection,
    tags,
    protectedResources: statefulResources(parsed),
    allowReplace: ctx.allowReplace,
    creates: creationChanges(parsed.Resources ?? {}),
  });
  inputs.outputs.set(stack.layer, outcome.outputs);
  return outcome;
}

/** Reads the outputs of the layers a single stack depends on and says which values it uses. */
async function upstreamOutputs(
  ctx: DeployAllContext,
  manifest: Manifest,
  stack: ManifestStack,
  inputs: ParameterInputs,
): Promise<void> {
  for (const layer of stack.dependsOn) {
    const info = await describeStack(ctx.cfn, stackOf(manifest, layer).stackName);
    if (info) inputs.outputs.set(layer, info.outputs);
  }
  // Only output parameters here: the bucket and artifacts come later, and a missing upstream should fail before anything is created.
  const fromOutputs = Object.fromEntries(
    Object.entries(stack.parameters).filter(([, p]) => p.from === 'output'),
  );
  const used = resolveParameters({ ...stack, parameters: fromOutputs }, inputs);
  if (used.length > 0)
    ctx.progress.log(
      `${stack.stackName} uses upstream outputs: ${used.map((p) => `${p.key} = ${p.source} (${p.value})`).join(', ')}`,
    );
}

/**
 * Resolves the deploy-time parameters (`--parameter`, else the live stack's previous value) before any
 * change, so a missing snapshot name fails before the bootstrap stack or an upload; a dry run plans the rest.
 */
async function checkDeployParameters(
  ctx: DeployAllContext,
  selected: ManifestStack[],
  inputs: ParameterInputs,
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const stack of selected) {
    const keys = Object.entries(stack.parameters).filter(([, p]) => p.from === 'deploy-parameter');
    if (keys.length === 0) continue;
    if (await describeStack(ctx.cfn, stack.stackName)) existing.add(stack.stackName);
    const only = { ...stack, parameters: Object.fromEntries(keys) };
    if (!ctx.dryRun) resolveParameters(only, { ...inputs, existing });
  }
  return existing;
}

function manifestOutputs(manifest: Manifest, inputs: ParameterInputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(manifest.outputs)) {
    const value = inputs.outputs.get(ref.layer)?.[ref.output];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** `strata deploy`: bootstrap, artifacts, then every stack (or one layer) in dependency order, independent ones in parallel. */
export async function deployAll(
  ctx: DeployAllContext,
  manifest: Manifest,
  layer?: string,
): Promise<DeployReport> {
  const selected = layer ? [stackOf(manifest, layer)] : manifest.stacks;
  const inputs: ParameterInputs = { outputs: new Map(), artifactKeys: {}, given: ctx.given };
  inputs.existing = await checkDeployParameters(ctx, selected, inputs);
  if (layer) await upstreamOutputs(ctx, manifest, selected[0], inputs);
  inputs.artifactBucket = await bootstrap(ctx, manifest);
  const needsArtifacts = selected.some((s) =>
    Object.values(s.parameters).some((p) => p.from === 'artifact-key'),
  );
  if (needsArtifacts)
    inputs.artifactKeys = await publishArtifacts(ctx, manifest, inputs.artifactBucket);
  const now = () => ctx.polling.clock.now();
  const settled = await settleInDependencyOrder(selected, async (s) => {
    const start = now();
    const outcome = await deployManifestStack(ctx, manifest, s, inputs);
    return { ...outcome, durationMs: now() - start };
  });
  const outcomes = settled.map((s, i): StackOutcome =>
    s.status === 'fulfilled'
      ? s.value
      : {
          stackName: selected[i].stackName,
          result: s.reason instanceof UpstreamFailed ? 'not-started' : 'failed',
          status: s.reason instanceof DeployFailure ? s.reason.status : 'UNKNOWN',
          outputs: {},
          changes: [],
        },
  );
  return { outcomes, outputs: manifestOutputs(manifest, inputs), failure: firstRejection(settled) };
}
