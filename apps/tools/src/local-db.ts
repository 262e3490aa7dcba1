/** Creating and dropping whole databases on the local server: dev setup, scratch databases for tests and benches. */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { BackendConfig } from '../../backend/src/config';
import { connectDb, type Db } from '../../backend/src/db';
import { migrate } from '../../backend/src/migrations';
import { seed } from '../../backend/src/seed';
import { resolveCredentials } from '../../backend/src/secret';
import { localBackendConfig } from './config';

/** Runs `fn` on a connection to the server without selecting a database. */
async function onServer<T>(
  config: BackendConfig,
  fn: (conn: mysql.Connection) => Promise<T>,
): Promise<T> {
  const { user, password } = await resolveCredentials(config);
  const conn = await mysql.createConnection({
    host: config.db.host,
    port: config.db.port,
    user,
    password,
    ssl: config.db.ssl,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** Creates the configured database if it does not exist (utf8mb4). */
export async function ensureDatabase(config: BackendConfig): Promise<void> {
  await onServer(config, (conn) =>
    conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${config.db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );
}

/** Drops the configured database if it exists. */
export async function dropDatabase(config: BackendConfig): Promise<void> {
  await onServer(config, (conn) => conn.query(`DROP DATABASE IF EXISTS \`${config.db.database}\``));
}

/** A throwaway database: created, migrated and (optionally) seeded; `drop()` removes it. */
export interface ScratchDatabase {
  config: BackendConfig;
  db: Db;
  drop(): Promise<void>;
}

/** Creates `strata_<prefix>_<random>` on the local server, migrated, and seeded unless `seeded` is false. */
export async function scratchDatabase(
  prefix: string,
  { seeded = true } = {},
): Promise<ScratchDatabase> {
  const name = `strata_${prefix}_${randomBytes(4).toString('hex')}`;
  // Tests and benches always use the local server, whatever DB_* the shell has.
  const config = localBackendConfig({}, name);
  await ensureDatabase(config);
  const db = await connectDb(config);
  await migrate(db);
  if (seeded) await seed(db);
  return {
    config,
    db,
    drop: async () => {
      await db.end().catch(() => undefined);
      await dropDatabase(config);
    },
  };
}
