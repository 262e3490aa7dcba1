/** `npm run bench:apps`, second half: cold start of the bundled backend, and refused connections on restart. */
import net from 'node:net';
import path from 'node:path';
import { coldStartMs, median, outcomesDuring } from './bench-measure';
import { repoRoot } from './bundle';
import { startServer, type ServerProcess } from './processes';

const COLD_STARTS = 5;

/** A port no one listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Prints the median time from `node server.js` to the first 200 on /health, for 1 and 2 workers. */
export async function measureColdStart(script: string, env: Record<string, string>): Promise<void> {
  for (const workers of ['1', '2']) {
    const times: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      times.push(
        await coldStartMs(script, { ...env, WORKERS: workers }, await freePort(), '/health'),
      );
    }
    console.log(
      `cold start of the bundled backend to the first 200 on /health, WORKERS=${workers}: median ${median(times).toFixed(0)} ms of ${COLD_STARTS} (min ${Math.min(...times).toFixed(0)}; goal ≤ 250 ms)`,
    );
  }
}

function waitForLog(server: ServerProcess, msg: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (server.logs.filter((line) => line.msg === msg).length < count) return;
      clearInterval(timer);
      resolve();
    }, 10);
  });
}

function summary(outcomes: Record<string, number>): string {
  const ok = outcomes['200'] ?? 0;
  const failed = Object.entries(outcomes).filter(([k]) => k !== '200');
  return `${ok} answered, ${failed.reduce((n, [, v]) => n + v, 0)} failed${failed.length ? ` (${failed.map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`;
}

/**
 * Restarts the bundled frontend three ways while 8 loops send GET /api/projects on new connections:
 * a plain full restart (stop, start: what `systemctl restart` did before), SIGHUP (rolling restart of the
 * workers), and a full restart with the socket held as systemd socket activation holds it.
 */
export async function measureRestarts(script: string, env: Record<string, string>): Promise<void> {
  const port = await freePort();
  const run = { env: { ...env, PORT: String(port) }, workers: 2 };
  let plain = await startServer(script, run);
  const full = await outcomesDuring(port, '/api/projects', async () => {
    await plain.stop();
    plain = await startServer(script, run);
  });
  console.log(`\nfull restart, no socket activation:       ${summary(full)}`);
  const rolling = await outcomesDuring(port, '/api/projects', async () => {
    plain.child.kill('SIGHUP');
    await waitForLog(plain, 'worker stopped', 2);
  });
  console.log(`rolling restart (SIGHUP):                 ${summary(rolling)}`);
  await plain.stop();
  const held = await startServer(script, {
    ...run,
    command: [
      'python3',
      path.join(repoRoot(), 'apps/tools/bin/socket-holder.py'),
      '127.0.0.1',
      String(port),
      process.execPath,
    ],
  });
  const activated = await outcomesDuring(port, '/api/projects', async () => {
    held.child.kill('SIGUSR1');
    await waitForLog(held, 'listening', 4);
  });
  console.log(`full restart under socket activation:     ${summary(activated)}`);
  await held.stop();
}
