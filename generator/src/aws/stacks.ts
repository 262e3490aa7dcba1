import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { StrataError, isStrataError } from '../errors';
import type { StackApi } from './stack-api';

/** What strata needs to know about one live stack. */
export interface StackInfo {
  name: string;
  id: string;
  status: string;
  reason?: string;
  outputs: Record<string, string>;
  terminationProtection: boolean;
  /** When the last operation changed the stack (its creation time before any update), ISO 8601. */
  lastUpdated?: string;
}

/** True for the error CloudFormation returns when a stack does not exist. */
export function isMissingStack(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ValidationError' && /does not exist/i.test(e.message ?? '');
}

// Failures to reach an endpoint at all, as Node's resolver and sockets name them.
const NETWORK = new Set(['EAI_AGAIN', 'ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);

/**
 * Network failures (no DNS, refused, timed out) in plain words instead of the raw socket error. The
 * code and address come from the error's fields, or from its message when a wrapper dropped them
 * (the SDK's retry layer re-wraps an error it does not recognise as an Error, keeping only its text).
 */
function unreachable(action: string, error: unknown): StrataError | undefined {
  const e = error as {
    code?: string;
    name?: string;
    message?: string;
    hostname?: string;
    address?: string;
    port?: number;
  };
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'RequestTimeout';
  // `connect ECONNREFUSED 127.0.0.1:4566`, `getaddrinfo ENOTFOUND cloudformation.example`
  const said = /\b(EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\b(?: (\S+))?/.exec(
    e?.message ?? '',
  );
  const code = e?.code ?? said?.[1];
  if (!timedOut && !NETWORK.has(code ?? '')) return undefined;
  const host = e.hostname ?? e.address;
  const where = host ? (e.port ? `${host}:${e.port}` : host) : (said?.[2] ?? 'the AWS endpoint');
  return new StrataError(
    'E_AWS',
    `${action}: cannot reach ${where} (${code ?? e.name}): check the network or --endpoint-url`,
  );
}

/**
 * Wraps an SDK failure in a user error that names the call and AWS's request id (what AWS support
 * asks for), so no stack trace reaches the user.
 */
export function awsError(action: string, error: unknown): StrataError {
  // Already said in the user's terms (e.g. by the MFA prompt of a credentials provider).
  if (isStrataError(error)) return error;
  const network = unreachable(action, error);
  if (network) return network;
  const e = error as { name?: string; message?: string; $metadata?: { requestId?: string } };
  const id = e?.$metadata?.requestId ? ` (request id ${e.$metadata.requestId})` : '';
  const hint = /credential|token|signature|expired/i.test(`${e?.name} ${e?.message}`)
    ? 'check your AWS credentials (AWS_PROFILE / --profile, or aws sso login)'
    : undefined;
  return new StrataError(
    'E_AWS',
    `${action} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}${id}`,
    hint,
  );
}

/** Describes a stack, or resolves to undefined when it does not exist. */
export async function describeStack(cfn: StackApi, name: string): Promise<StackInfo | undefined> {
  try {
    const out = await cfn.describeStacks(name);
    const s = out.Stacks?.[0];
    if (!s) return undefined;
    const outputs: Record<string, string> = {};
    for (const o of s.Outputs ?? []) if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue ?? '';
    return {
      name: s.StackName ?? name,
      id: s.StackId ?? name,
      status: s.StackStatus ?? 'UNKNOWN',
      reason: s.StackStatusReason,
      outputs,
      terminationProtection: s.EnableTerminationProtection === true,
      lastUpdated: (s.LastUpdatedTime ?? s.CreationTime)?.toISOString(),
    };
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw awsError(`DescribeStacks ${name}`, error);
  }
}

/** The deployed template body of a stack (as submitted: YAML or JSON text). */
export async function getTemplateBody(cfn: StackApi, name: string): Promise<string | undefined> {
  try {
    const out = await cfn.getTemplate(name);
    return out.TemplateBody;
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw awsError(`GetTemplate ${name}`, error);
  }
}

/** Logical ids of resources a stack still holds (anything not deleted). */
export async function liveResources(cfn: StackApi, name: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const out = await cfn.listStackResources({ StackName: name, NextToken: token });
    for (const r of out.StackResourceSummaries ?? []) {
      if (r.ResourceStatus !== 'DELETE_COMPLETE' && r.LogicalResourceId)
        ids.push(r.LogicalResourceId);
    }
    token = out.NextToken;
  } while (token);
  return ids;
}

/** Starts deleting a stack (the caller watches it). */
export async function deleteStack(cfn: StackApi, name: string): Promise<void> {
  try {
    await cfn.deleteStack(name);
  } catch (error) {
    throw awsError(`DeleteStack ${name}`, error);
  }
}

/** Turns termination protection on or off. */
export async function setTerminationProtection(
  cfn: StackApi,
  name: string,
  on: boolean,
): Promise<void> {
  try {
    await cfn.updateTerminationProtection(name, on);
  } catch (error) {
    throw awsError(`UpdateTerminationProtection ${name}`, error);
  }
}

/**
 * Events newer than the ones in `seen`, oldest first. DescribeStackEvents pages newest first, so paging stops
 * at the first event already seen.
 */
export async function newEvents(
  cfn: StackApi,
  stackId: string,
  seen: Set<string>,
): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let token: string | undefined;
  outer: do {
    const out = await cfn.describeStackEvents({ StackName: stackId, NextToken: token });
    for (const e of out.StackEvents ?? []) {
      if (!e.EventId || seen.has(e.EventId)) break outer;
      fresh.push(e);
    }
    token = out.NextToken;
  } while (token);
  for (const e of fresh) seen.add(e.EventId!);
  return fresh.reverse();
}
