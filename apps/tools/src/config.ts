/** Settings of the developer tools (dev, db:migrate, db:seed, bench, tests): local MariaDB unless told otherwise. */
import { loadBackendConfig, type BackendConfig } from '../../backend/src/config';
import type { Env } from '../../shared/src/env';

/** The local database server of the development box: root with no password on 127.0.0.1:3306. */
export const LOCAL_DB_DEFAULTS = {
  DB_HOST: '127.0.0.1',
  DB_PORT: '3306',
  DB_USER: 'root',
  DB_PASSWORD: '',
} as const;

/** The database `npm run dev`, `db:migrate` and `db:seed` use when DB_NAME is not set. */
export const DEV_DB_NAME = 'strata_dev';

/**
 * The backend environment for a local tool: the DB_* variables of `env` where set (so the tools also work
 * against another server), the local defaults otherwise, and `database` unless DB_NAME is set.
 */
export function localBackendEnv(env: Env, database: string): Env {
  const picked: Env = { ...LOCAL_DB_DEFAULTS, DB_NAME: database };
  for (const name of [
    'DB_HOST',
    'DB_PORT',
    'DB_USER',
    'DB_PASSWORD',
    'DB_SECRET_ARN',
    'DB_NAME',
    'AWS_REGION',
    'AWS_ENDPOINT_URL',
  ]) {
    if (env[name] !== undefined) picked[name] = env[name];
  }
  if (picked.DB_SECRET_ARN) delete picked.DB_PASSWORD;
  return picked;
}

/** The backend config for a local tool (see localBackendEnv). */
export function localBackendConfig(env: Env, database: string): BackendConfig {
  return loadBackendConfig(localBackendEnv(env, database));
}

/** The process environment, for the tools' entry points (the apps read theirs only in their own config.ts). */
export function toolEnv(): Env {
  return process.env;
}
