/** Backend entry point: validates the environment, migrates the schema, and serves the API from N workers. */
// The AWS SDK warns about Node 20 on first use; the notice is for us, not for the service's journal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { loadBackendConfig } from './config';
import type { Db } from './db';
import { runCluster } from '../../shared/src/cluster';
import { createLogger } from '../../shared/src/logger';
import { loadOrExit } from '../../shared/src/startup';

const MIGRATION_RETRY_MS = 5_000;

const logger = createLogger({ app: 'backend', pid: process.pid });
const config = loadOrExit(() => loadBackendConfig(process.env), logger);

// `node server.js migrate|seed` runs once and exits: how an operator seeds the sample portfolio on EC2
// (through Session Manager, with the service's environment). Without an argument it serves.
const command = process.argv[2];
if (command === undefined) {
  serve();
} else if (command === 'migrate' || command === 'seed') {
  void runOnce(command);
} else {
  process.stderr.write(
    `error: unknown command "${command}" (expected migrate, seed, or nothing to serve)\n`,
  );
  process.exit(2);
}

function serve(): void {
  runCluster({
    workers: config.workers,
    logger,
    primaryTask: (signal) => migrateUntilDone(signal),
    listen: { port: config.port, host: config.host, fd: config.listenFd },
    startWorker: async (isShuttingDown) => {
      // Only workers serve: the primary never evaluates Express and the routes.
      const { createApp } = await import('./app');
      const { connectDb } = await import('./db');
      const db = await connectDb(config, { logger });
      return {
        // A second after start, so that the first POST rarely waits for Express to load.
        handler: createApp(config, { db, logger, isShuttingDown, preloadExpressMs: 1_000 }),
        stop: () => db.end(),
      };
    },
  });
}

// The schema is migrated by the primary, in the background: the API answers (503 from /health) while the
// database is still unreachable, and the migration is retried until it succeeds.
async function migrateUntilDone(signal: AbortSignal): Promise<void> {
  // Loaded here, not at the top: the primary forks its workers first (mysql2 takes a while to evaluate).
  const { connectDb } = await import('./db');
  const { migrate } = await import('./migrations');
  while (!signal.aborted) {
    let db: Db | undefined;
    try {
      db = await connectDb(config, { logger, connectionLimit: 1 });
      const applied = await migrate(db);
      logger.info('schema up to date', { applied });
      return;
    } catch (error) {
      logger.warn('migration failed; will retry', { error, retryInMs: MIGRATION_RETRY_MS });
    } finally {
      await db?.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, MIGRATION_RETRY_MS).unref());
  }
}

async function runOnce(what: 'migrate' | 'seed'): Promise<void> {
  const { connectDb } = await import('./db');
  const { migrate } = await import('./migrations');
  const { seed } = await import('./seed');
  let db: Db | undefined;
  try {
    db = await connectDb(config, { logger, connectionLimit: 1 });
    logger.info('schema up to date', { applied: await migrate(db) });
    if (what === 'seed') logger.info('seeded', await seed(db));
  } catch (error) {
    logger.error(`${what} failed`, { error });
    process.exitCode = 1;
  } finally {
    await db?.end();
  }
}
