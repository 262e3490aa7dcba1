/** Resolving the database credentials: DB_PASSWORD locally, the RDS-managed secret on EC2. */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { BackendConfig } from './config';
import { ConfigError } from '../../shared/src/env';

/** The user and password to log in with. */
export interface Credentials {
  user: string;
  password: string;
}

/** Builds the Secrets Manager client from the config (region, AWS_ENDPOINT_URL). */
export function secretsClient(aws: BackendConfig['aws']): SecretsManagerClient {
  return new (sdk().SecretsManagerClient)({ region: aws.region, endpoint: aws.endpointUrl });
}

// Loaded on first use: a backend configured with DB_PASSWORD never loads the SDK (start-up time and memory
// in every process). require(), not import(): it keeps secretsClient synchronous, and esbuild bundles it alike.
function sdk(): typeof import('@aws-sdk/client-secrets-manager') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
}

/**
 * Returns the credentials to use now. With DB_SECRET_ARN the secret is read on every call, so a caller that
 * hits "access denied" after a rotation gets the new password by calling again.
 */
export async function resolveCredentials(
  config: Pick<BackendConfig, 'db' | 'aws'>,
  client?: SecretsManagerClient,
): Promise<Credentials> {
  const { db } = config;
  if (!db.secretArn) return { user: db.user, password: db.password ?? '' };
  const result = await (client ?? secretsClient(config.aws)).send(
    new (sdk().GetSecretValueCommand)({ SecretId: db.secretArn }),
  );
  return parseSecret(result.SecretString, db.user);
}

/** Parses an RDS-managed secret (`{"username": ..., "password": ...}`); the username falls back to DB_USER. */
export function parseSecret(text: string | undefined, fallbackUser: string): Credentials {
  if (!text)
    throw new ConfigError(
      'DB_SECRET_ARN',
      'the secret has no SecretString (binary secrets are not supported)',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never echo the secret text: it may be the password itself.
    throw new ConfigError(
      'DB_SECRET_ARN',
      'the secret is not JSON (expected {"username": ..., "password": ...})',
    );
  }
  const { username, password } = (parsed ?? {}) as { username?: unknown; password?: unknown };
  if (typeof password !== 'string' || password === '') {
    throw new ConfigError('DB_SECRET_ARN', 'the secret has no "password" string');
  }
  return {
    user: typeof username === 'string' && username !== '' ? username : fallbackUser,
    password,
  };
}
