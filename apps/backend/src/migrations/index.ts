/** Applies pending schema migrations once, even with several workers or instances starting together. */
import type { Db } from '../db';
import { initialSchema } from './001-initial-schema';
import { portfolioDetails } from './002-portfolio-details';
import type { Migration } from './types';

/** Every migration, in order; listed explicitly so the esbuild bundle contains them. */
export const migrations: readonly Migration[] = [initialSchema, portfolioDetails];

const LOCK_NAME = 'strata_schema_migrations';
const LOCK_WAIT_SECONDS = 60;

/** Applies what `schema_migrations` does not record yet; returns the names applied now. */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<string[]> {
  return db.withConnection(async (conn) => {
    // A named lock serialises concurrent starters (two workers, two instances); the loser finds nothing to do.
    const [lock] = await conn.query('SELECT GET_LOCK(?, ?) AS got', [LOCK_NAME, LOCK_WAIT_SECONDS]);
    if ((lock as Array<{ got: number | null }>)[0]?.got !== 1) {
      throw new Error(`could not take the migration lock within ${LOCK_WAIT_SECONDS} s`);
    }
    try {
      await conn.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INT PRIMARY KEY,
        name VARCHAR(255) NOT NULL,
        applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
      const [rows] = await conn.query('SELECT version FROM schema_migrations');
      const done = new Set((rows as Array<{ version: number }>).map((row) => row.version));
      const applied: string[] = [];
      for (const migration of list) {
        if (done.has(migration.version)) continue;
        await migration.up(conn);
        await conn.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [
          migration.version,
          migration.name,
        ]);
        applied.push(`${String(migration.version).padStart(3, '0')}-${migration.name}`);
      }
      return applied;
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  });
}
