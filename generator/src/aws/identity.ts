import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { StrataError } from '../errors';
import { awsError } from './stacks';

/** Who the credentials are: the account and the principal's ARN. */
export interface Identity {
  account: string;
  arn: string;
}

/** What the identity check needs to know about the target. */
export interface AccountTarget {
  project: string;
  environment?: string;
  account?: string;
}

/** STS GetCallerIdentity: needs no permission, so it works with any valid credentials. */
export async function callerIdentity(sts: STSClient): Promise<Identity> {
  try {
    const r = await sts.send(new GetCallerIdentityCommand({}));
    return { account: r.Account ?? 'unknown', arn: r.Arn ?? 'unknown' };
  } catch (error) {
    throw awsError('STS GetCallerIdentity', error);
  }
}

/** How the environment is named in messages: `environment prod`, or `the base topology`. */
export const describeEnvironment = (target: AccountTarget): string =>
  target.environment ? `environment ${target.environment}` : `${target.project} (base topology)`;

/**
 * Checks the credentials' account before anything changes: a command that writes always asks STS (the
 * banner names the account), a read-only one only when the topology pins an account. A pinned account
 * that differs is refused, as CDK does with `env.account`.
 */
export async function checkAccount(
  sts: STSClient,
  target: AccountTarget,
  writes: boolean,
): Promise<Identity | undefined> {
  if (!writes && !target.account) return undefined;
  const identity = await callerIdentity(sts);
  if (target.account && identity.account !== target.account) {
    throw new StrataError(
      'E_ABORTED',
      `${describeEnvironment(target)} is pinned to account ${target.account}, but the credentials (${identity.arn}) are for account ${identity.account}; nothing was changed`,
      `use credentials of account ${target.account} (--profile, AWS_PROFILE, or the CI role of that account)`,
    );
  }
  return identity;
}

/** The line every AWS command starts with: what it acts on, in which account and region. */
export function targetBanner(
  target: AccountTarget,
  region: string,
  identity: Identity | undefined,
  endpointUrl?: string,
): string {
  const account = identity
    ? `account ${identity.account}`
    : target.account
      ? `account ${target.account} (pinned)`
      : 'account not checked';
  const env = target.environment ? `environment ${target.environment}` : 'base topology';
  const via = endpointUrl ? ` via ${endpointUrl}` : '';
  return `${target.project} · ${env} · ${account} · ${region}${via}`;
}
