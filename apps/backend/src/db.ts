/** The MySQL connection pool behind one small interface, with recovery after outages and secret rotation. */
import mysql, { type ExecuteValues, type Pool, type PoolConnection } from 'mysql2/promise';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { BackendConfig } from './config';
import { type Credentials, resolveCredentials } from './secret';
import { silentLogger, type Logger } from '../../shared/src/logger';

/** A query that runs longer than this is cancelled, so a stuck database cannot pin every request. */
export const QUERY_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;
const CREDENTIAL_REFRESH_INTERVAL_MS = 10_000;

/** What the routes need from the database. */
export interface Db {
  /** Runs one prepared statement and returns its rows (or the OkPacket for writes). */
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
  /** True when the database answers `SELECT 1` within `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean>;
  /** Runs `fn` on one dedicated connection (transactions, locks). */
  withConnection<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T>;
  /** Closes every connection; waits for queries in flight. */
  end(): Promise<void>;
}

/** Options for `connectDb`. */
export interface ConnectOptions {
  logger?: Logger;
  secrets?: SecretsManagerClient;
  connectionLimit?: number;
}

/** Resolves the credentials and creates the pool; connections are opened lazily, so this works while the DB is down. */
export async function connectDb(
  config: Pick<BackendConfig, 'db' | 'aws'>,
  options: ConnectOptions = {},
): Promise<Db> {
  const load = (): Promise<Credentials> => resolveCredentials(config, options.secrets);
  const db = new PooledDb(
    config.db,
    await load(),
    load,
    options.logger ?? silentLogger,
    options.connectionLimit,
  );
  return db;
}

class PooledDb implements Db {
  private pool: Pool;
  private lastRefresh = 0;

  constructor(
    private readonly settings: BackendConfig['db'],
    credentials: Credentials,
    private readonly loadCredentials: () => Promise<Credentials>,
    private readonly logger: Logger,
    private readonly connectionLimit = 10,
  ) {
    this.pool = this.createPool(credentials);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T> {
    // Prepared statements (binary protocol, cached per connection) spare the server re-parsing the SQL:
    // about a quarter more requests per second on GET /api/projects than text queries.
    const run = async (): Promise<T> =>
      (
        await this.pool.execute({ sql, timeout: QUERY_TIMEOUT_MS }, params as ExecuteValues)
      )[0] as T;
    try {
      return await run();
    } catch (error) {
      if (!(await this.refreshAfter(error))) throw error;
      return run();
    }
  }

  async ping(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async withConnection<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
    const conn = await this.pool.getConnection();
    try {
      return await fn(conn);
    } finally {
      conn.release();
    }
  }

  async end(): Promise<void> {
    // A connection that died during an outage rejects end(); the pool is closed either way.
    await this.pool.end().catch(() => undefined);
  }

  private createPool(credentials: Credentials): Pool {
    return mysql.createPool({
      host: this.settings.host,
      port: this.settings.port,
      database: this.settings.database,
      user: credentials.user,
      password: credentials.password,
      // TLS when configured, verifying the server's certificate chain and host name (see db-tls.ts).
      ssl: this.settings.ssl,
      connectionLimit: this.connectionLimit,
      // Idle connections are dropped after a minute; dead ones are replaced on the next query, which is how the
      // pool recovers by itself once the database is back.
      maxIdle: this.connectionLimit,
      idleTimeout: 60_000,
      connectTimeout: CONNECT_TIMEOUT_MS,
      enableKeepAlive: true,
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true,
    });
  }

  // RDS rotates a managed master secret; "access denied" then means our password is stale, so re-read it once.
  private async refreshAfter(error: unknown): Promise<boolean> {
    const code = (error as { code?: string }).code;
    if (code !== 'ER_ACCESS_DENIED_ERROR' || !this.settings.secretArn) return false;
    if (Date.now() - this.lastRefresh < CREDENTIAL_REFRESH_INTERVAL_MS) return false;
    this.lastRefresh = Date.now();
    this.logger.warn('database refused our credentials; re-reading the secret');
    const old = this.pool;
    this.pool = this.createPool(await this.loadCredentials());
    old.end().catch(() => undefined);
    return true;
  }
}
