/**
 * `npm run bench:apps -- --flask`: the original design's Flask + gunicorn backend and Flask + requests proxy
 * (apps/tools/bench/*.py), from Debian's python3-flask, gunicorn, python3-pymysql and python3-requests.
 * Optional: the bench, CI and tests never need them.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './bundle';
import { freePort } from './bench-lifecycle';
import { startServer, type ServerProcess } from './processes';

const PYTHON = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';

/** Why the Flask targets cannot run here, or undefined when they can. */
export function flaskMissing(): string | undefined {
  const check = spawnSync(PYTHON, ['-c', 'import flask, pymysql, requests, gunicorn'], {
    encoding: 'utf8',
  });
  if (check.error || check.status !== 0) {
    return `--flask needs Debian's python3-flask, gunicorn, python3-pymysql and python3-requests (apt-get install python3-flask gunicorn python3-pymysql python3-requests): ${check.error?.message ?? check.stderr.trim().split('\n').pop()}`;
  }
  return undefined;
}

/** Runs `module:app` under gunicorn with `workers` sync workers and the reference's 60 s timeout. */
export async function startGunicorn(
  module: 'flask_backend' | 'flask_proxy',
  env: Record<string, string>,
  workers: number,
): Promise<ServerProcess> {
  const port = await freePort();
  return startServer(`${module}:app`, {
    env: { ...env, PORT: String(port), PYTHONDONTWRITEBYTECODE: '1' },
    workers,
    command: [
      GUNICORN,
      '--workers',
      String(workers),
      '--bind',
      `127.0.0.1:${port}`,
      '--timeout',
      '60',
      '--chdir',
      path.join(repoRoot(), 'apps/tools/bench'),
    ],
  });
}
