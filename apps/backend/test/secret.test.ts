process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { loadBackendConfig } from '../src/config';
import { parseSecret, resolveCredentials, secretsClient } from '../src/secret';
import { ConfigError } from '../../shared/src/env';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-AbCdEf';
const env = {
  DB_HOST: 'db.internal',
  DB_NAME: 'appdb',
  DB_USER: 'admin',
  DB_SECRET_ARN: ARN,
  AWS_REGION: 'us-east-1',
};

describe('database credentials', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('reads the RDS-managed secret named by DB_SECRET_ARN', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ username: 'admin', password: 's3cr3t!' }),
    });
    const credentials = await resolveCredentials(
      loadBackendConfig(env),
      new SecretsManagerClient({ region: 'us-east-1' }),
    );
    expect(credentials).toEqual({ user: 'admin', password: 's3cr3t!' });
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
  });

  it('uses DB_PASSWORD without calling AWS', async () => {
    const config = loadBackendConfig({ ...env, DB_SECRET_ARN: undefined, DB_PASSWORD: 'local' });
    expect(
      await resolveCredentials(config, new SecretsManagerClient({ region: 'us-east-1' })),
    ).toEqual({ user: 'admin', password: 'local' });
    expect(sm).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('rejects a secret that is not JSON without echoing it', () => {
    const error = (() => {
      try {
        parseSecret('hunter2', 'admin');
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe('DB_SECRET_ARN');
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects a secret without a password and falls back to DB_USER without a username', () => {
    expect(() => parseSecret('{"username":"admin"}', 'admin')).toThrow(/no "password"/);
    expect(parseSecret('{"password":"p"}', 'fallback')).toEqual({
      user: 'fallback',
      password: 'p',
    });
  });

  it('honours AWS_ENDPOINT_URL and AWS_REGION', async () => {
    const config = loadBackendConfig({
      ...env,
      AWS_ENDPOINT_URL: 'http://localhost:4566',
      AWS_REGION: 'eu-central-1',
    });
    const client = secretsClient(config.aws);
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe(
      'http://localhost:4566',
    );
    expect(await client.config.region()).toBe('eu-central-1');
  });
});
