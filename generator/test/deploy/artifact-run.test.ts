/**
 * The artifact contract: the frontend's tarball runs with `node server.js` alone — no node_modules, no
 * TypeScript — and serves its public/ files, as it will under systemd on EC2.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageApp } from '../../src/deploy/artifacts';

const ROOT = join(__dirname, '..', '..', '..');
const HAS_FRONTEND = existsSync(join(ROOT, 'apps', 'frontend', 'src', 'server.ts'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitForHealth(url: string, child: ChildProcess): Promise<Response> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer`);
}

(HAS_FRONTEND ? it : it.skip)(
  'the frontend artifact starts from server.js alone and serves its page',
  async () => {
    const artifact = await packageApp(ROOT, 'frontend', {
      source: 'apps/frontend',
      entry: 'apps/frontend/src/server.ts',
    });
    const dir = mkdtempSync(join(tmpdir(), 'strata-artifact-'));
    writeFileSync(join(dir, 'a.tgz'), artifact.bytes);
    execFileSync('tar', ['-xzf', 'a.tgz'], { cwd: dir });
    const port = await freePort();
    // Its own process group, so the cluster workers it forks stop with it.
    const child = spawn(process.execPath, ['server.js'], {
      cwd: dir,
      detached: true,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        BACKEND_URLS: 'http://127.0.0.1:9',
        NODE_ENV: 'production',
      },
    });
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/health`, child);
      expect(health.status).toBe(200);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<!doctype html>/i);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
  20_000,
);
