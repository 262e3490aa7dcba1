/**
 * Benchmark-only backend whose read queries are answered from memory after the first time: the same Express
 * app, middleware and JSON, minus the database round trip. `npm run bench:apps` uses it to show what a cache
 * in front of MySQL would add. Not for deployment: it never sees new rows.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createApp } from '../../backend/src/app';
import { loadBackendConfig } from '../../backend/src/config';
import { connectDb, type Db } from '../../backend/src/db';
import { runCluster } from '../../shared/src/cluster';
import { createLogger } from '../../shared/src/logger';
import { toolEnv } from './config';

/** Wraps a Db so each distinct SELECT runs once and is then served from memory. */
export function memoizedDb(db: Db): Db {
  const memo = new Map<string, Promise<unknown>>();
  return {
    ...db,
    query: <T>(sql: string, params: unknown[] = []): Promise<T> => {
      if (!/^\s*SELECT/i.test(sql)) return db.query<T>(sql, params);
      const key = JSON.stringify([sql, params]);
      if (!memo.has(key)) memo.set(key, db.query(sql, params));
      return memo.get(key) as Promise<T>;
    },
    ping: (timeoutMs) => db.ping(timeoutMs),
    withConnection: (fn) => db.withConnection(fn),
    end: () => db.end(),
  };
}

const logger = createLogger({ app: 'memo-backend', pid: process.pid });
const config = loadBackendConfig(toolEnv());
runCluster({
  workers: config.workers,
  logger,
  listen: { port: config.port, host: config.host },
  startWorker: async () => {
    const db = memoizedDb(await connectDb(config));
    return { handler: createApp(config, { db }), stop: () => db.end() };
  },
});
