/**
 * `npm run bench:apps`: autocannon against GET /api/projects and GET /api/stats, direct to the backend and
 * through the frontend proxy, on a seeded scratch database. Loopback only; prints req/s, p50/p99 and peak memory.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleApp } from './bundle';
import { localBackendEnv, toolEnv } from './config';
import { scratchDatabase } from './local-db';
import { startServer, type ServerProcess } from './processes';
import { integer } from '../../shared/src/env';

// autocannon ships no types; this is the part of its result we read.
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => Promise<CannonResult>;

/** Sums the resident memory (MB) of a process and its direct children (the cluster workers). */
async function treeRssMb(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const pids = [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  let kb = 0;
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** Samples the peak memory of the given servers while `work` runs. */
async function withPeakMemory<T>(
  servers: ServerProcess[],
  work: () => Promise<T>,
): Promise<{ result: T; peaks: number[] }> {
  const peaks = servers.map(() => 0);
  const sample = async (): Promise<void> => {
    const now = await Promise.all(servers.map((s) => treeRssMb(s.child.pid!)));
    now.forEach((mb, i) => (peaks[i] = Math.max(peaks[i], mb)));
  };
  const timer = setInterval(() => void sample(), 100);
  try {
    const result = await work();
    await sample();
    return { result, peaks };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const env = toolEnv();
  const seconds = integer(env, 'BENCH_SECONDS', 10, 1, 120);
  const connections = integer(env, 'BENCH_CONNECTIONS', 32, 1, 512);
  // Two workers per app, as on EC2; BENCH_WORKERS=1 shows the difference on a box that also runs MariaDB.
  const workers = String(integer(env, 'BENCH_WORKERS', 2, 1, 16));
  const scratch = await scratchDatabase('bench');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-'));
  const servers: ServerProcess[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  };
  // Ctrl-C mid-run still stops the servers and drops the scratch database.
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const backendEnv = {
      ...(localBackendEnv({}, scratch.config.db.database) as Record<string, string>),
      PORT: '0',
      WORKERS: workers,
    };
    const backend = await startServer(await bundleApp('backend', dir + '/backend'), {
      env: backendEnv,
      workers: Number(workers),
    });
    servers.push(backend);
    const frontendEnv = {
      PORT: '0',
      WORKERS: workers,
      BACKEND_URLS: `http://127.0.0.1:${backend.port}`,
    };
    const frontend = await startServer(await bundleApp('frontend', dir + '/frontend'), {
      env: frontendEnv,
      workers: Number(workers),
    });
    servers.push(frontend);
    const memo = await startServer(path.join(__dirname, 'memo-server.js'), {
      env: backendEnv,
      workers: Number(workers),
    });
    servers.push(memo);

    console.log(
      `autocannon: ${connections} connections, ${seconds} s per run, 2 s warm-up; ${workers} workers per app; ${os.cpus().length} CPUs; load average ${os.loadavg()[0].toFixed(2)}`,
    );
    console.log(
      'target    path            req/s    p50 ms  p99 ms  errors  peak RSS backend / frontend (MB)',
    );
    const targets = [
      ['direct', backend.port],
      ['proxied', frontend.port],
      ['memo', memo.port],
    ] as const;
    for (const [label, port] of targets) {
      for (const route of ['/api/projects', '/api/stats']) {
        const url = `http://127.0.0.1:${port}${route}`;
        await autocannon({ url, connections, duration: 2 });
        const measured = label === 'memo' ? [memo, frontend] : [backend, frontend];
        const { result, peaks } = await withPeakMemory(measured, () =>
          autocannon({ url, connections, duration: seconds }),
        );
        const errors = result.errors + result.timeouts + result.non2xx;
        console.log(
          `${label.padEnd(9)} ${route.padEnd(15)} ${result.requests.average.toFixed(0).padStart(6)}  ${String(result.latency.p50).padStart(6)}  ${String(result.latency.p99).padStart(6)}  ${String(errors).padStart(6)}  ${peaks[0].toFixed(0)} / ${peaks[1].toFixed(0)}`,
        );
      }
    }
    console.log(
      'memo = the same backend app with SELECT results held in memory after the first query (what a cache would add)',
    );
    console.log(
      'reference (wrk, 2 threads, 32 connections): Flask + gunicorn 727 req/s p99 64 ms; bare node:http + mysql2 3,446; from memory 14,281',
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
