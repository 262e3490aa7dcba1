/**
 * The bundled frontend under a burst it cannot serve at once: 3,000 concurrent connections through the proxy
 * to a backend that takes 250 ms per request. Loopback only, bounded in count and time. Every connection must
 * get an HTTP answer (200, or 503 with Retry-After when shed) and no worker may exit.
 */
import http from 'node:http';
import net from 'node:net';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleApp } from '../../tools/src/bundle';
import { startServer, type ServerProcess } from '../../tools/src/processes';

jest.setTimeout(90_000);

const CONNECTIONS = 3_000;
const BACKEND_DELAY_MS = 250;

let dir: string;
let slow: http.Server;
let frontend: ServerProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-load-'));
  slow = http.createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    }, BACKEND_DELAY_MS);
  });
  slow.maxConnections = 10_000;
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', 2_048, resolve));
  const backendUrl = `http://127.0.0.1:${(slow.address() as net.AddressInfo).port}`;
  frontend = await startServer(await bundleApp('frontend', dir), {
    env: { PORT: '0', HOST: '127.0.0.1', WORKERS: '2', BACKEND_URLS: backendUrl },
    workers: 2,
  });
});
afterAll(async () => {
  await frontend?.stop();
  slow?.closeAllConnections();
  await new Promise((resolve) => slow?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** One raw connection sending one GET; resolves with the status line and headers, or the socket error. */
function oneRequest(port: number): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('GET /api/projects HTTP/1.1\r\nHost: load.test\r\nConnection: close\r\n\r\n');
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (received ||= `error ${error.code}`));
    socket.on('close', () => resolve(received.split('\r\n\r\n')[0]));
    socket.setTimeout(60_000, () => socket.destroy());
  });
}

async function workerPids(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim();
}

describe('the frontend under 3,000 concurrent connections to a slow backend', () => {
  it('answers every connection (200, or 503 with Retry-After) and keeps its workers', async () => {
    const before = await workerPids(frontend.child.pid!);
    const answers = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => oneRequest(frontend.port)),
    );
    const statuses = new Map<string, number>();
    for (const head of answers) {
      const status = head.split('\r\n')[0].split(' ')[1] ?? head;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === '503') expect(head.toLowerCase()).toContain('\r\nretry-after: ');
    }
    // Only complete answers: 200 from the backend, 503 when shed.
    expect([...statuses.keys()].filter((s) => s !== '200' && s !== '503')).toEqual([]);
    expect(statuses.get('200')).toBeGreaterThan(0);
    expect(frontend.child.exitCode).toBeNull();
    expect(await workerPids(frontend.child.pid!)).toBe(before);
    expect(frontend.logs.filter((line) => line.msg === 'worker exited unexpectedly')).toEqual([]);
    // Still serving after the burst.
    expect((await fetch(`http://127.0.0.1:${frontend.port}/api/projects`)).status).toBe(200);
  });
});
