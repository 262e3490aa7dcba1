/**
 * Benchmark-only ceilings for `npm run bench:apps`: the least a Node server can do for the backend's two hot
 * routes, so the backend's cost over it can be measured. `mysql` runs the backend's own queries on a mysql2
 * pool (prepared statements, the same JSON); `memory` answers the same bytes from memory. Bare node:http, no
 * middleware, no headers beyond the JSON type, no logging: not for deployment.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import mysql from 'mysql2/promise';
import { integer, port as portOf, type Env } from '../../shared/src/env';
import { PROJECTS_SQL, type ProjectRow, projectJson } from '../../backend/src/routes/portfolio';
import { toolEnv } from './config';

function pool(env: Env): mysql.Pool {
  return mysql.createPool({
    host: env.DB_HOST,
    port: Number(env.DB_PORT ?? 3306),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    connectionLimit: 10,
    charset: 'utf8mb4',
    timezone: 'Z',
  });
}

async function handlers(mode: string, env: Env): Promise<Record<string, () => Promise<string>>> {
  const db = pool(env);
  const projects = async (): Promise<string> =>
    JSON.stringify(((await db.execute(PROJECTS_SQL))[0] as ProjectRow[]).map(projectJson));
  const health = async (): Promise<string> => {
    await db.execute('SELECT 1');
    return '{"status":"ok","db":"up"}';
  };
  if (mode === 'mysql') return { '/api/projects': projects, '/health': health };
  const cached = { '/api/projects': await projects(), '/health': await health() };
  await db.end();
  return {
    '/api/projects': async () => cached['/api/projects'],
    '/health': async () => cached['/health'],
  };
}

async function worker(mode: string, env: Env): Promise<void> {
  const routes = await handlers(mode, env);
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    route().then(
      (body) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body),
      () => res.writeHead(503).end(),
    );
  });
  server.keepAliveTimeout = 65_000;
  server.listen(portOf(env, 'PORT', 0, true), '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(JSON.stringify({ msg: 'listening', port }) + '\n');
  });
}

const env = toolEnv();
// Which ceiling: CEILING=mysql (the queries on a bare pool) or CEILING=memory (the same bytes from memory).
const mode = env.CEILING === 'memory' ? 'memory' : 'mysql';
if (cluster.isPrimary) {
  for (let i = 0; i < integer(env, 'WORKERS', 1, 1, 16); i++) cluster.fork();
} else {
  void worker(mode, env);
}
