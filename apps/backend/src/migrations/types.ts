/** The shape of one schema migration. */
import type { PoolConnection } from 'mysql2/promise';

/**
 * One versioned schema change. MySQL commits DDL implicitly, so `up` must be safe to re-run after a partial
 * failure: create with IF NOT EXISTS, and check information_schema before altering (RDS MySQL 8.0 has no
 * `ADD COLUMN IF NOT EXISTS`, MariaDB has; we write what both accept).
 */
export interface Migration {
  version: number;
  name: string;
  up(conn: PoolConnection): Promise<void>;
}

/** Adds a column unless it already exists (portable replacement for ADD COLUMN IF NOT EXISTS). */
export async function addColumnIfMissing(
  conn: PoolConnection,
  table: string,
  column: string,
  definition: string,
): Promise<void> {
  const [rows] = await conn.query(
    'SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?',
    [table, column],
  );
  if ((rows as unknown[]).length === 0) {
    await conn.query(`ALTER TABLE \`${table}\` ADD COLUMN \`${column}\` ${definition}`);
  }
}

/** Adds an index unless one of that name exists. */
export async function addIndexIfMissing(
  conn: PoolConnection,
  table: string,
  index: string,
  columns: string,
): Promise<void> {
  const [rows] = await conn.query(
    'SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ?',
    [table, index],
  );
  if ((rows as unknown[]).length === 0) {
    await conn.query(`CREATE INDEX \`${index}\` ON \`${table}\` (${columns})`);
  }
}
