/**
 * The bundled frontend as a process (its page needs no database): restarts and crashes never refuse a
 * connection, socket activation keeps the port through a full restart, and a port in use stops start-up.
 */
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleApp, repoRoot } from '../../tools/src/bundle';
import { startServer, type ServerProcess } from '../../tools/src/processes';
import { WORKER_V8_FLAGS, workerExecArgv } from '../src/cluster';

jest.setTimeout(60_000);

const HOLDER = path.join(repoRoot(), 'apps/tools/bin/socket-holder.py');
let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-cluster-'));
  script = await bundleApp('frontend', dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function env(workers: number, port = 0): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKERS: String(workers),
    BACKEND_URLS: 'http://127.0.0.1:9',
  };
}

/** One GET on a new connection: the status, or the connection error's code. */
function get(port: number): Promise<string> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/favicon.svg', agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      .setTimeout(10_000, function (this: http.ClientRequest) {
        this.destroy(Object.assign(new Error('no answer'), { code: 'TIMEOUT' }));
      });
  });
}

/** Sends requests one after another until `until` settles; returns how many got each outcome. */
async function hammer(port: number, until: Promise<unknown>): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const outcome = await get(port);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}

function waitForLog(server: ServerProcess, msg: string, count = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (server.logs.filter((line) => line.msg === msg).length >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no "${msg}" log line`));
    }, 20_000).unref();
  });
}

async function workerPids(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.split(/\s+/).filter(Boolean);
}

describe('worker heap flags', () => {
  it('forks workers with small semi-spaces unless the operator sized the heap', async () => {
    expect(workerExecArgv([], undefined)).toEqual(WORKER_V8_FLAGS);
    expect(workerExecArgv(['--max-semi-space-size=8'], undefined)).toEqual([
      '--max-semi-space-size=8',
    ]);
    expect(workerExecArgv([], '--max-semi-space-size=4')).toEqual([]);
    const server = await startServer(script, { env: env(1) });
    try {
      const [worker] = await workerPids(server.child.pid!);
      const cmdline = (await readFile(`/proc/${worker}/cmdline`, 'utf8')).split('\0');
      expect(cmdline).toEqual(expect.arrayContaining(WORKER_V8_FLAGS));
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('the listening socket stays open', () => {
  it('while the only worker crashes and is replaced: connections wait, none is refused', async () => {
    const server = await startServer(script, { env: env(1) });
    try {
      expect(await get(server.port)).toBe('200');
      const [worker] = await workerPids(server.child.pid!);
      process.kill(Number(worker), 'SIGKILL');
      // From the moment the primary knows, no worker is alive for a second: connections must wait.
      await waitForLog(server, 'worker exited unexpectedly');
      const outcomes = await hammer(server.port, waitForLog(server, 'listening', 2));
      expect(outcomes).toEqual({ 200: expect.any(Number) });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('through a rolling restart on SIGHUP: every worker replaced, every request served', async () => {
    const server = await startServer(script, { env: env(2), workers: 2 });
    try {
      const before = await workerPids(server.child.pid!);
      server.child.kill('SIGHUP');
      const outcomes = await hammer(server.port, waitForLog(server, 'worker stopped', 2));
      expect(outcomes).toEqual({ 200: expect.any(Number) });
      // "worker stopped" is logged as the old worker closes; its process may linger a moment longer.
      let after = await workerPids(server.child.pid!);
      for (let i = 0; i < 50 && after.length > 2; i++) {
        await new Promise((done) => setTimeout(done, 100));
        after = await workerPids(server.child.pid!);
      }
      expect(after).toHaveLength(2);
      expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('through a full restart under socket activation (the socket is systemd’s)', async () => {
    const port = await freePort();
    const server = await startServer(script, {
      env: env(2, port),
      workers: 2,
      command: ['python3', HOLDER, '127.0.0.1', String(port), process.execPath],
    });
    try {
      expect(server.port).toBe(port);
      server.child.kill('SIGUSR1');
      // The new process's workers log `listening` again once it has started.
      const outcomes = await hammer(port, waitForLog(server, 'listening', 4));
      expect(outcomes).toEqual({ 200: expect.any(Number) });
      expect(server.logs.filter((line) => line.msg === 'worker stopped')).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });
});

describe('a port that is already in use', () => {
  it('stops start-up with one clear line and exit code 1, without forking workers', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const failure = await startServer(script, { env: env(2, port) }).then(
        () => undefined,
        (error: Error & { code?: number }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.message).toContain(`error: port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
