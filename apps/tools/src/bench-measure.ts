/** What `npm run bench:apps` measures: throughput, memory, cold start and refused connections. */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';

// autocannon ships no types; this is the part of its result we read.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (
  options: Record<string, unknown>,
) => Promise<CannonResult>;

/** One load run's figures. */
export interface RunFigures {
  rps: number;
  /** CPU time the server (primary + workers) spent per request: comparable even on a busy machine. */
  cpuUsPerRequest: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

/** CPU time (user + system, in µs) of a process and its direct children, from /proc. */
export async function treeCpuUs(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  let ticks = 0;
  for (const p of [pid, ...children.split(/\s+/).filter(Boolean).map(Number)]) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10_000; // USER_HZ is 100 on Linux
}

/** Runs autocannon against `url` (after a 1 s warm-up) and returns its figures; `pid` is the server's. */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  pid: number,
): Promise<RunFigures> {
  await autocannon({ url, connections, duration: 1 });
  const cpuBefore = await treeCpuUs(pid);
  const result = await autocannon({ url, connections, duration: seconds });
  const cpu = (await treeCpuUs(pid)) - cpuBefore;
  return {
    rps: result.requests.average,
    cpuUsPerRequest: cpu / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/** Sends `amount` GETs to `url` over `connections` connections; returns how many were answered. */
export async function sendRequests(
  url: string,
  connections: number,
  amount: number,
): Promise<number> {
  return (await autocannon({ url, connections, amount })).requests.total;
}

/** Proportional memory (MB) of a process and its direct children: shared pages divided among them. */
export async function treePssMb(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  let kb = 0;
  for (const p of [pid, ...children.split(/\s+/).filter(Boolean).map(Number)]) {
    const rollup = await readFile(`/proc/${p}/smaps_rollup`, 'utf8').catch(() => '');
    kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** Resident memory (MB) of a process and its direct children (the cluster workers). */
export async function treeRssMb(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const pids = [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  let kb = 0;
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

/** One GET on a new connection: the status code, or the error code. */
export function probe(port: number, path: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(), { code: 'TIMEOUT' })));
  });
}

/** Milliseconds from spawning `node script` to its first 200 on `path`, polled every 5 ms. */
export async function coldStartMs(
  script: string,
  env: Record<string, string>,
  port: number,
  path: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if ((await probe(port, path, 1_000)) === '200')
        return Number(process.hrtime.bigint() - started) / 1e6;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${script} did not answer 200 on ${path} within 20 s`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/**
 * Sends requests from `parallel` loops, each on new connections, while `during` runs, and for `tailMs` after;
 * returns how many got each outcome (a status, or an error such as ECONNREFUSED).
 */
export async function outcomesDuring(
  port: number,
  path: string,
  during: () => Promise<unknown>,
  { parallel = 8, tailMs = 500 } = {},
): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  let done = false;
  const loop = async (): Promise<void> => {
    while (!done) {
      const outcome = await probe(port, path);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      // A refused connection fails at once; pace retries so the count reflects time, not a spin.
      if (outcome !== '200') await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  const loops = Array.from({ length: parallel }, loop);
  await during();
  await new Promise((resolve) => setTimeout(resolve, tailMs));
  done = true;
  await Promise.all(loops);
  return outcomes;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
