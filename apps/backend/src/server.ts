/** Backend entry point: validates the environment, migrates the schema, and serves the API from N workers. */
// The AWS SDK warns about Node 20 on first use; the notice is for us, not for the service's journal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createApp } from './app';
import { type BackendConfig, loadBackendConfig } from './config';
import { connectDb, type Db } from './db';
import { migrate } from './migrations';
import { runCluster } from '../../shared/src/cluster';
import { startHttpServer } from '../../shared/src/http-server';
import { createLogger, type Logger } from '../../shared/src/logger';
import { loadOrExit } from '../../shared/src/startup';

const MIGRATION_RETRY_MS = 5_000;

const logger = createLogger({ app: 'backend', pid: process.pid });
const config = loadOrExit(() => loadBackendConfig(process.env), logger);

runCluster({
  workers: config.workers,
  logger,
  primaryTask: (signal) => migrateUntilDone(config, logger, signal),
  startWorker: async () => {
    let stopping = false;
    const db = await connectDb(config, { logger });
    const app = createApp(config, { db, logger, isShuttingDown: () => stopping });
    const server = await startHttpServer(app, config.port);
    logger.info('listening', { port: server.port });
    return async () => {
      stopping = true;
      await server.close();
      await db.end();
    };
  },
});

// The schema is migrated by the primary, in the background: the API answers (503 from /health) while the
// database is still unreachable, and the migration is retried until it succeeds.
async function migrateUntilDone(cfg: BackendConfig, log: Logger, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let db: Db | undefined;
    try {
      db = await connectDb(cfg, { logger: log, connectionLimit: 1 });
      const applied = await migrate(db);
      log.info('schema up to date', { applied });
      return;
    } catch (error) {
      log.warn('migration failed; will retry', { error, retryInMs: MIGRATION_RETRY_MS });
    } finally {
      await db?.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, MIGRATION_RETRY_MS).unref());
  }
}
