/** Backend configuration, read from the environment here and nowhere else. */
import {
  ConfigError,
  type Env,
  inheritedSocket,
  integer,
  list,
  listenHost,
  port,
  required,
} from '../../shared/src/env';
import { type DbSslOptions, type DbTls, loadDbTls, sslOptions } from './db-tls';

/** How the backend reaches MySQL; exactly one of `password` / `secretArn` is set. */
export interface DbSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Local development: the password itself (may be empty, as for a local root). */
  password?: string;
  /** On EC2: the RDS-managed master secret (JSON with `username` and `password`). */
  secretArn?: string;
  /** TLS to the database (DB_TLS): the mode, and the mysql2 `ssl` option it resolves to (CA loaded). */
  tls: DbTls;
  ssl?: DbSslOptions;
}

/** Everything the backend needs to run. */
export interface BackendConfig {
  port: number;
  /** Address to listen on; unset = every interface (EC2, reached from the frontends). */
  host?: string;
  /** A listening socket inherited from systemd (socket activation), used instead of port and host. */
  listenFd?: number;
  workers: number;
  db: DbSettings;
  /** Origins allowed to call the API from a browser; empty = same-origin only (through the frontend proxy). */
  corsOrigins: string[];
  aws: { region?: string; endpointUrl?: string };
  /** How long /health waits for the database before reporting it down. */
  healthTimeoutMs: number;
  /** POST /api/contact allowance per client IP. */
  contactRateLimit: { windowMs: number; limit: number };
  /**
   * Proxies in front of us whose X-Forwarded-For we trust: the ALB and the frontend proxy. The backend sits in a
   * private subnet reachable only from the frontend, so the client IP is the one the ALB saw.
   */
  trustProxyHops: number;
}

/** Every variable the backend reads (NODE_ENV is Express's own); the compute layer's unit must set no other. */
export const BACKEND_VARIABLES = [
  'PORT',
  'HOST',
  'LISTEN_FDS',
  'LISTEN_PID',
  'WORKERS',
  'DB_HOST',
  'DB_PORT',
  'DB_NAME',
  'DB_USER',
  'DB_PASSWORD',
  'DB_SECRET_ARN',
  'DB_TLS',
  'DB_TLS_CA',
  'CORS_ORIGINS',
  'AWS_REGION',
  'AWS_ENDPOINT_URL',
  'NODE_ENV',
] as const;

/** Reads and checks the backend's settings; throws a ConfigError naming the first bad variable. */
export function loadBackendConfig(env: Env, pid: number = process.pid): BackendConfig {
  return {
    port: port(env, 'PORT', 5001, true),
    host: listenHost(env),
    listenFd: inheritedSocket(env, pid),
    workers: integer(env, 'WORKERS', 2, 1, 64),
    db: loadDbSettings(env),
    corsOrigins: loadCorsOrigins(env),
    aws: {
      region: env.AWS_REGION?.trim() || undefined,
      endpointUrl: env.AWS_ENDPOINT_URL?.trim() || undefined,
    },
    healthTimeoutMs: 2_000,
    contactRateLimit: { windowMs: 15 * 60_000, limit: 10 },
    trustProxyHops: 2,
  };
}

function loadDbSettings(env: Env): DbSettings {
  const base = {
    host: required(env, 'DB_HOST', 'the MySQL host, e.g. 127.0.0.1 or the RDS endpoint'),
    port: port(env, 'DB_PORT', 3306),
    database: required(env, 'DB_NAME', 'the database name, e.g. appdb'),
    user: required(env, 'DB_USER', 'the MySQL user, e.g. admin'),
    ...tlsSettings(env),
  };
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(base.database)) {
    throw new ConfigError(
      'DB_NAME',
      `"${base.database}" is not a plain MySQL database name (letters, digits, _ and $)`,
    );
  }
  const secretArn = env.DB_SECRET_ARN?.trim();
  const password = env.DB_PASSWORD;
  if (secretArn && password !== undefined) {
    throw new ConfigError('DB_PASSWORD', 'set either DB_PASSWORD or DB_SECRET_ARN, not both');
  }
  if (secretArn) {
    if (!/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(secretArn)) {
      throw new ConfigError('DB_SECRET_ARN', `"${secretArn}" is not a Secrets Manager secret ARN`);
    }
    return { ...base, secretArn };
  }
  // An empty DB_PASSWORD is allowed: a local MariaDB root often has none.
  if (password === undefined) {
    throw new ConfigError(
      'DB_PASSWORD',
      'is not set (set DB_PASSWORD locally, or DB_SECRET_ARN on AWS)',
    );
  }
  return { ...base, password };
}

function tlsSettings(env: Env): { tls: DbTls; ssl?: DbSslOptions } {
  const tls = loadDbTls(env);
  const ssl = sslOptions(tls);
  return ssl ? { tls, ssl } : { tls };
}

function loadCorsOrigins(env: Env): string[] {
  const origins = list(env, 'CORS_ORIGINS');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `"${origin}" is not an origin like https://example.com (no path, no slash)`,
      );
    }
  }
  return origins;
}
