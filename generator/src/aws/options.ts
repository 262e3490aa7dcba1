import type { Command } from 'commander';
import type { STSClient } from '@aws-sdk/client-sts';
import { StrataError } from '../errors';
import { addTargetOptions, type TargetOptions } from '../manifest/target';
import type { ObjectStore, StackApi } from './stack-api';
import { requireProfile } from './profile';
import { formatCall, logCalls } from './verbose';

/**
 * The profile's credentials, asking for the MFA code on the terminal when the profile names an
 * `mfa_serial` (the SDK's default chain has no way to ask and fails instead).
 */
function mfaCredentials(profile: string, askMfa: (serial: string) => Promise<string>) {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only with --profile */
  const { fromIni } =
    require('@aws-sdk/credential-provider-ini') as typeof import('@aws-sdk/credential-provider-ini');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return fromIni({ profile, mfaCodeProvider: askMfa });
}

/** The options every command that talks to AWS accepts (`--env` and `--out` included). */
export interface AwsOptions extends TargetOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** `--verbose`: one stderr line per AWS call. */
  verbose?: boolean;
}

/** What the clients need from the terminal: where `--verbose` writes, and how to ask for an MFA code. */
export interface AwsHooks {
  log?: (line: string) => void;
  /** Asks for the code of an MFA device (only given when stdin is a terminal). */
  askMfa?: (serial: string) => Promise<string>;
}

/** The SDK clients a command uses, built once from the AWS options. */
export interface AwsClients {
  cfn: StackApi;
  s3: ObjectStore;
  sts: STSClient;
  region: string;
}

/** Adds `--env`, `--out`, `--region`, `--profile` and `--endpoint-url` to a command. */
export function addAwsOptions(command: Command): Command {
  return addTargetOptions(command)
    .option('--region <region>', 'AWS region (default: the topology region from out/manifest.json)')
    .option(
      '--profile <name>',
      'named profile from ~/.aws/config (default: the SDK default credential chain)',
    )
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (any CloudFormation/S3-compatible API)',
    )
    .option(
      '--verbose',
      'log every AWS call to stderr: service, operation, request id, duration, retries',
    );
}

/** Checks an endpoint URL early so a typo fails before any request is signed. */
function checkEndpoint(url: string | undefined): void {
  if (url === undefined) return;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new StrataError(
      'E_USAGE',
      `--endpoint-url "${url}" is not an http(s) URL`,
      'pass e.g. --endpoint-url http://localhost:4566',
    );
  }
}

/** The configuration every SDK client of a command shares: region, profile, endpoint, retries. */
export function awsClientConfig(options: AwsOptions, region: string, hooks: AwsHooks = {}) {
  return {
    region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.profile && hooks.askMfa
      ? { credentials: mfaCredentials(options.profile, hooks.askMfa) }
      : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: 8,
    retryMode: 'adaptive',
  };
}

/**
 * Builds the CloudFormation and S3 clients. Credentials come from the SDK default chain (or `--profile`);
 * the SDK's adaptive retry mode backs off on throttling, so no command retries by hand.
 */
export function createAwsClients(
  options: AwsOptions,
  defaultRegion: string | undefined,
  hooks: AwsHooks = {},
): AwsClients {
  checkEndpoint(options.endpointUrl);
  if (options.profile) requireProfile(options.profile);
  const region = options.region ?? defaultRegion;
  if (!region) {
    throw new StrataError(
      'E_USAGE',
      'no AWS region: out/manifest.json has none and --region was not given',
      'pass --region us-east-1 (or run strata generate first)',
    );
  }
  const common = awsClientConfig(options, region, hooks);
  // Loaded here, not at the top: every command that registers --region would otherwise pay for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CloudFormationClient: Cfn } =
    require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  const { S3Client: S3 } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  const { STSClient: Sts } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { sdkStackApi, sdkObjectStore } = require('./stack-api') as typeof import('./stack-api');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const cfn = new Cfn(common);
  // Path-style addressing keeps bucket names out of the host name, which local endpoints need.
  const s3 = new S3({ ...common, forcePathStyle: options.endpointUrl !== undefined });
  const sts = new Sts(common);
  if (options.verbose && hooks.log) {
    const log = hooks.log;
    for (const client of [cfn, s3, sts])
      logCalls(client.middlewareStack, (c) => log(formatCall(c)));
  }
  return { region, cfn: sdkStackApi(cfn), s3: sdkObjectStore(s3), sts };
}
