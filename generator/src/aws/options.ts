import type { Command } from 'commander';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { StrataError } from '../errors';
import { addTargetOptions, type TargetOptions } from '../manifest/target';

/** The options every command that talks to AWS accepts (`--env` and `--out` included). */
export interface AwsOptions extends TargetOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** The SDK clients a command uses, built once from the AWS options. */
export interface AwsClients {
  cfn: CloudFormationClient;
  s3: S3Client;
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

/** The settings every SDK client of a command shares, for clients only one command needs (RDS). */
export function clientConfig(options: AwsOptions, region: string) {
  return {
    region,
    ...(options.profile ? { profile: options.profile } : {}),
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
): AwsClients {
  checkEndpoint(options.endpointUrl);
  const region = options.region ?? defaultRegion;
  if (!region) {
    throw new StrataError(
      'E_USAGE',
      'no AWS region: out/manifest.json has none and --region was not given',
      'pass --region us-east-1 (or run strata generate first)',
    );
  }
  const common = clientConfig(options, region);
  return {
    region,
    cfn: new CloudFormationClient(common),
    // Path-style addressing keeps bucket names out of the host name, which local endpoints need.
    s3: new S3Client({ ...common, forcePathStyle: options.endpointUrl !== undefined }),
    sts: new STSClient(common),
  };
}
