/** `npm run dev`: migrate and seed the local dev database, run backend and frontend, stop both on Ctrl-C. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import path from 'node:path';
import { connectDb } from '../../backend/src/db';
import { migrate } from '../../backend/src/migrations';
import { seed } from '../../backend/src/seed';
import { DEV_DB_NAME, localBackendConfig, localBackendEnv, toolEnv } from './config';
import { ensureDatabase } from './local-db';
import { startServer, type ServerProcess } from './processes';

const BACKEND_PORT = 5001;
const FRONTEND_PORT = 5000;

async function prepareDatabase(): Promise<string> {
  const config = localBackendConfig(toolEnv(), DEV_DB_NAME);
  await ensureDatabase(config);
  const db = await connectDb(config);
  try {
    await migrate(db);
    // Seed an empty portfolio only, so what you changed by hand survives a restart (`npm run db:seed` resets).
    const [{ n }] = await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM projects');
    if (Number(n) === 0) await seed(db);
  } finally {
    await db.end();
  }
  return `${config.db.user}@${config.db.host}:${config.db.port}/${config.db.database}`;
}

function prefixed(name: string): (line: string) => void {
  return (line) => process.stdout.write(`[${name}] ${line}\n`);
}

async function main(): Promise<void> {
  const env = toolEnv();
  const database = await prepareDatabase();
  const workers = env.WORKERS ?? '2';
  const here = __dirname;
  const running: ServerProcess[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(running.map((server) => server.stop('SIGTERM')));
  };
  // Ctrl-C reaches the children too (same process group); they drain and exit, and so do we.
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping…\n');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const backendEnv = {
      ...(localBackendEnv(env, DEV_DB_NAME) as Record<string, string>),
      PORT: String(BACKEND_PORT),
      WORKERS: workers,
    };
    running.push(
      await startServer(path.resolve(here, '../../backend/src/server.js'), {
        env: backendEnv,
        workers: Number(workers),
        echo: prefixed('backend'),
      }),
    );
    const frontendEnv = {
      PORT: String(FRONTEND_PORT),
      WORKERS: workers,
      BACKEND_URLS: `http://127.0.0.1:${BACKEND_PORT}`,
    };
    running.push(
      await startServer(path.resolve(here, '../../frontend/src/server.js'), {
        env: frontendEnv,
        workers: Number(workers),
        echo: prefixed('frontend'),
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  process.stdout.write(
    `\nPortfolio running at http://localhost:${FRONTEND_PORT}  (API http://localhost:${BACKEND_PORT}, database ${database})\nPress Ctrl-C to stop.\n\n`,
  );
  // If either app dies for good, stop the other and fail.
  await Promise.race(
    running.map((server) => new Promise((resolve) => server.child.once('exit', resolve))),
  );
  if (!stopping) {
    await stopAll();
    throw new Error('an app exited; see its log above');
  }
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
