import { loadBackendConfig } from '../src/config';
import { ConfigError } from '../../shared/src/env';

const base = { DB_HOST: 'db.internal', DB_NAME: 'appdb', DB_USER: 'admin', DB_PASSWORD: 'pw' };
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-AbCdEf';

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadBackendConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadBackendConfig', () => {
  it('reads a local configuration with defaults for PORT, DB_PORT and WORKERS', () => {
    const config = loadBackendConfig(base);
    expect(config.port).toBe(5001);
    expect(config.workers).toBe(2);
    expect(config.db).toEqual({
      host: 'db.internal',
      port: 3306,
      database: 'appdb',
      user: 'admin',
      password: 'pw',
      tls: { mode: 'off' },
    });
    expect(config.corsOrigins).toEqual([]);
  });

  it('accepts an empty DB_PASSWORD (local root) but not a missing one', () => {
    expect(loadBackendConfig({ ...base, DB_PASSWORD: '' }).db.password).toBe('');
    const error = failure({ ...base, DB_PASSWORD: undefined });
    expect(error.variable).toBe('DB_PASSWORD');
    expect(error.message).toMatch(/DB_SECRET_ARN/);
  });

  it('uses DB_SECRET_ARN instead of a password on EC2', () => {
    const config = loadBackendConfig({
      ...base,
      DB_PASSWORD: undefined,
      DB_SECRET_ARN: ARN,
      AWS_REGION: 'eu-west-1',
    });
    expect(config.db.secretArn).toBe(ARN);
    expect(config.db.password).toBeUndefined();
    expect(config.aws.region).toBe('eu-west-1');
  });

  it.each([
    ['DB_HOST', { ...base, DB_HOST: undefined }],
    ['DB_NAME', { ...base, DB_NAME: ' ' }],
    ['DB_USER', { ...base, DB_USER: undefined }],
    ['DB_NAME', { ...base, DB_NAME: 'app-db;drop' }],
    ['PORT', { ...base, PORT: 'http' }],
    ['DB_PORT', { ...base, DB_PORT: '70000' }],
    ['WORKERS', { ...base, WORKERS: '0' }],
    ['DB_SECRET_ARN', { ...base, DB_PASSWORD: undefined, DB_SECRET_ARN: 'my-secret' }],
    ['DB_PASSWORD', { ...base, DB_SECRET_ARN: ARN }],
    ['CORS_ORIGINS', { ...base, CORS_ORIGINS: 'https://ok.example,https://bad.example/path' }],
  ])('names %s when it is missing or malformed', (variable, env) => {
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('parses CORS_ORIGINS as a list of origins', () => {
    const config = loadBackendConfig({
      ...base,
      CORS_ORIGINS: 'https://a.example, http://localhost:5000',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:5000']);
  });
});
