import type { Command } from 'commander';
import type { STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  MiddlewareStack,
} from '@smithy/types';
import { StrataError } from '../errors';
import { addTargetOptions, type TargetOptions } from '../manifest/target';
import type { ObjectStore, StackApi } from './stack-api';
import { requireProfile } from './profile';
import { formatCall, logCalls, nameFailedCalls } from './verbose';

/** What the credentials of a profile that names an `mfa_serial` are given when nobody can type the code. */
function noTerminal(profile: string) {
  return (serial: string): Promise<string> => {
    throw new StrataError(
      'E_USAGE',
      `profile \`${profile}\` needs an MFA code (mfa_serial ${serial}), and stdin is not a terminal to ask for it`,
      'run strata on a terminal, or export temporary credentials first (aws sts assume-role ... --token-code)',
    );
  };
}

/**
 * The profile's credentials, asking for the MFA code on the terminal when the profile names an
 * `mfa_serial` (the SDK's default chain has no way to ask and fails instead). Memoised here, once for
 * all of a command's clients: each client caches credentials on its own, and would ask again.
 */
function profileCredentials(
  profile: string,
  askMfa: ((serial: string) => Promise<string>) | undefined,
  endpoint: string | undefined,
  calls: CallMiddleware,
): AwsCredentialIdentityProvider {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only with --profile */
  const { fromIni } =
    require('@aws-sdk/credential-provider-ini') as typeof import('@aws-sdk/credential-provider-ini');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = fromIni({
    profile,
    mfaCodeProvider: askMfa ?? noTerminal(profile),
    // The role is assumed through --endpoint-url too: it is where every call of the command goes.
    ...(endpoint ? { clientConfig: { endpoint } } : {}),
    // The SDK's own STS client assumes the role: its AssumeRole is a call of the command as well.
    clientPlugins: [{ applyToStack: calls }],
  });
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const load = () => {
    const p = provider();
    cached = p;
    p.catch(() => (cached === p ? (cached = undefined) : undefined));
    return p;
  };
  // Assumed-role credentials expire (an hour by default): a long deploy assumes the role again.
  const fresh = (c: AwsCredentialIdentity) =>
    !c.expiration || c.expiration.getTime() - Date.now() > 5 * 60_000;
  return async () => {
    const p = cached ?? load();
    const credentials = await p;
    if (fresh(credentials)) return credentials;
    return cached === p ? load() : cached!;
  };
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

/** An SDK client as the factory sees it: any client's middleware stack and config. */
interface SdkClient {
  // The stack's generic input/output types differ per client; the middleware reads only $metadata.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  middlewareStack: MiddlewareStack<any, any>;
}

/** Adds strata's middleware (call names in errors, --verbose logging) to one client's stack. */
type CallMiddleware = (stack: SdkClient['middlewareStack']) => void;

/** Builds one SDK client of a command (CloudFormation, RDS, SSM, ...): shared config, logging, credentials. */
export type ClientFactory = <C extends SdkClient>(
  Client: new (config: ReturnType<typeof awsClientConfig>) => C,
  extra?: object,
) => C;

/** The SDK clients a command uses, built once from the AWS options. */
export interface AwsClients {
  cfn: StackApi;
  s3: ObjectStore;
  sts: STSClient;
  region: string;
  /** How the command builds any other client (RDS, SSM, CloudWatch Logs): always through here. */
  client: ClientFactory;
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

/** The configuration every SDK client of a command shares: region, credentials, endpoint, retries. */
function awsClientConfig(
  options: AwsOptions,
  region: string,
  credentials: AwsCredentialIdentityProvider | undefined,
) {
  return {
    region,
    // The profile still names the config file's other settings (its region is given explicitly).
    ...(options.profile ? { profile: options.profile } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: 8,
    retryMode: 'adaptive',
  };
}

/**
 * The one place a command's SDK clients are made: each gets the shared configuration (one credentials
 * provider for all, so an MFA code is asked once), the middleware that names the call in its errors, and
 * with --verbose the one that logs every call.
 */
export function clientFactory(
  options: AwsOptions,
  region: string,
  hooks: AwsHooks = {},
): ClientFactory {
  const log = hooks.log;
  const calls: CallMiddleware = (stack) => {
    nameFailedCalls(stack);
    if (options.verbose && log) logCalls(stack, (c) => log(formatCall(c)));
  };
  const credentials = options.profile
    ? profileCredentials(options.profile, hooks.askMfa, options.endpointUrl, calls)
    : undefined;
  const config = awsClientConfig(options, region, credentials);
  return (Client, extra) => {
    const client = new Client({ ...config, ...extra });
    calls(client.middlewareStack);
    return client;
  };
}

/**
 * Builds the CloudFormation, S3 and STS clients every AWS command uses, and the factory for the others.
 * Credentials come from the SDK default chain (or `--profile`); the SDK's adaptive retry mode backs off
 * on throttling, so no command retries by hand.
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
  const client = clientFactory(options, region, hooks);
  // Loaded here, not at the top: every command that registers --region would otherwise pay for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CloudFormationClient } =
    require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  const { STSClient } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const { sdkStackApi, sdkObjectStore } = require('./stack-api') as typeof import('./stack-api');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    region,
    cfn: sdkStackApi(client(CloudFormationClient)),
    // Path-style addressing keeps bucket names out of the host name, which local endpoints need.
    s3: sdkObjectStore(client(S3Client, { forcePathStyle: options.endpointUrl !== undefined })),
    sts: client(STSClient),
    client,
  };
}
