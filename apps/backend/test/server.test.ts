import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { bundleApp } from '../../tools/src/bundle';
import { seedProjects, seedSkills } from '../src/seed';
import { dropDatabase, ensureDatabase } from '../../tools/src/local-db';
import { localBackendConfig, localBackendEnv } from '../../tools/src/config';
import { startServer, type ServerProcess } from '../../tools/src/processes';
import { startRelay } from './tcp-relay';

jest.setTimeout(60_000);

// The process under test is the esbuild bundle EC2 runs, started the way its systemd unit starts it.
let dir: string;
let script: string;
const database = `strata_server_${process.pid}_${Date.now() % 100000}`;
const env: Record<string, string> = {
  ...(localBackendEnv({}, database) as Record<string, string>),
  PORT: '0',
  WORKERS: '2',
  NODE_ENV: 'production',
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-backend-'));
  script = await bundleApp('backend', dir);
  // A database that exists but was never migrated, as RDS creates `appdb`.
  await ensureDatabase(localBackendConfig({}, database));
});
afterAll(async () => {
  await dropDatabase(localBackendConfig({}, database));
  await rm(dir, { recursive: true, force: true });
});

describe('backend server process', () => {
  it('refuses to start without DB_HOST and says so', async () => {
    const { DB_HOST: _omitted, ...rest } = env;
    const error = await startServer(script, { env: rest }).catch(
      (e: Error & { code?: number }) => e,
    );
    expect((error as { code?: number }).code).toBe(1);
    expect((error as Error).message).toContain('DB_HOST: is not set');
  });

  it('starts while the database is unreachable and migrates once it is back', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 3306 });
    await relay.cut();
    const other = `${database}_late`;
    await ensureDatabase(localBackendConfig({}, other));
    const server = await startServer(script, {
      env: { ...env, DB_NAME: other, DB_PORT: String(relay.port), WORKERS: '1' },
    });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(503);
      await waitFor(() => server.logs.some((l) => l.msg === 'migration failed; will retry'));
      await relay.restore();
      await waitFor(() => server.logs.some((l) => l.msg === 'schema up to date'), 15_000);
      expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
    } finally {
      await server.stop();
      await relay.close();
      await dropDatabase(localBackendConfig({}, other));
    }
  });

  it('seeds the database with `server.js seed` and exits 0', async () => {
    const other = `${database}_seed`;
    await ensureDatabase(localBackendConfig({}, other));
    try {
      const child = spawnSync(process.execPath, [script, 'seed'], {
        env: { ...env, DB_NAME: other },
        encoding: 'utf8',
      });
      expect(child.status).toBe(0);
      const lines = child.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.find((l) => l.msg === 'seeded')).toEqual(
        expect.objectContaining({ projects: seedProjects.length, skills: seedSkills.length }),
      );
      const bad = spawnSync(process.execPath, [script, 'serve-twice'], { env, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('unknown command "serve-twice"');
    } finally {
      await dropDatabase(localBackendConfig({}, other));
    }
  });

  describe('running', () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await startServer(script, { env, workers: 2 });
    });
    afterAll(() => server.stop('SIGKILL'));

    it('runs two workers, migrates the empty database and serves', async () => {
      expect(server.logs.filter((l) => l.msg === 'listening')).toHaveLength(2);
      await waitFor(() => server.logs.some((l) => l.msg === 'schema up to date'));
      expect(server.logs.find((l) => l.msg === 'schema up to date')?.applied).toEqual([
        '001-initial-schema',
        '002-portfolio-details',
      ]);
      const health = await fetch(`http://127.0.0.1:${server.port}/health`);
      expect(await health.json()).toEqual({ status: 'ok', db: 'up' });
      const projects = await fetch(`http://127.0.0.1:${server.port}/api/projects`);
      expect(await projects.json()).toEqual([]);
    });

    it('replaces a worker that dies', async () => {
      const workerPid = server.logs.find((l) => l.msg === 'listening')!.pid as number;
      process.kill(workerPid, 'SIGKILL');
      await waitFor(() => server.logs.filter((l) => l.msg === 'listening').length === 3);
      expect(server.logs.find((l) => l.msg === 'worker exited unexpectedly')).toEqual(
        expect.objectContaining({ signal: 'SIGKILL' }),
      );
      expect((await fetch(`http://127.0.0.1:${server.port}/health`)).status).toBe(200);
    });

    it('finishes in-flight requests on SIGTERM, then stops accepting and exits 0', async () => {
      const lock = await mysql.createConnection({
        host: '127.0.0.1',
        user: 'root',
        password: '',
        database,
      });
      await lock.query('LOCK TABLES projects WRITE');
      const inFlight = fetch(`http://127.0.0.1:${server.port}/api/projects`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = server.stop('SIGTERM');
      await waitFor(() => server.logs.some((l) => l.msg === 'shutting down'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await lock.query('UNLOCK TABLES');
      await lock.end();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await exited).toBe(0);
      expect(server.logs.filter((l) => l.msg === 'worker stopped')).toHaveLength(2);
      await expect(fetch(`http://127.0.0.1:${server.port}/health`)).rejects.toThrow();
    });
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
