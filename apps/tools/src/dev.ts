/** `npm run dev`: migrate and seed the local dev database, run backend and frontend, stop both on Ctrl-C. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import path from 'node:path';
import { connectDb } from '../../backend/src/db';
import { migrate } from '../../backend/src/migrations';
import { seed } from '../../backend/src/seed';
import { DEV_DB_NAME, localBackendConfig, localBackendEnv, toolEnv } from './config';
import { ensureDatabase } from './local-db';
import { startServer, type ServerProcess } from './processes';

import { integer, port } from '../../shared/src/env';

/** Where `npm run dev` serves: PORT (frontend, default 5000), BACKEND_PORT (5001), HOST (127.0.0.1). */
function devAddresses(env: Record<string, string | undefined>) {
  return {
    frontendPort: port(env, 'PORT', 5000),
    backendPort: port(env, 'BACKEND_PORT', 5001),
    // Loopback unless asked: a development server need not be reachable from the network.
    host: env.HOST?.trim() || '127.0.0.1',
    workers: String(integer(env, 'WORKERS', 2, 1, 16)),
  };
}

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
  const {
    frontendPort: FRONTEND_PORT,
    backendPort: BACKEND_PORT,
    host,
    workers,
  } = devAddresses(env);
  const database = await prepareDatabase();
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
      HOST: host,
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
      HOST: host,
      WORKERS: workers,
      BACKEND_URLS: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${BACKEND_PORT}`,
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
    `\nPortfolio running at http://${host}:${FRONTEND_PORT}  (API http://${host}:${BACKEND_PORT}, database ${database})\nPress Ctrl-C to stop.\n\n`,
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

main().catch((error: Error & { code?: unknown }) => {
  // An app that failed to start said why on its stderr (e.g. "port 5000 is already in use"); show that line.
  const reason = /error: (.*)/.exec(error.message)?.[1];
  console.error(`error: ${reason ?? error.message}`);
  process.exit(1);
});
