/**
 * `npm run bench:apps`: the backend, the frontend's proxy, a bare node:http + mysql2 ceiling and a from-memory
 * ceiling, interleaved in one sitting on a seeded scratch database; then memory, cold start, and refused
 * connections during restarts. Loopback only, bounded: BENCH_ROUNDS × targets × BENCH_SECONDS. With `--flask`,
 * the original design's Flask + gunicorn backend and Flask + requests proxy join the rounds (bench-flask.ts).
 *
 * The load generator (autocannon, in this process) shares the machine's cores with the servers and the
 * database, so req/s says as much about scheduling as about a server; the CPU time each server's processes
 * spent per request (from /proc) does not, and the ratios are printed both ways.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleApp } from './bundle';
import { localBackendEnv, toolEnv } from './config';
import { scratchDatabase } from './local-db';
import { startServer, type ServerProcess } from './processes';
import { load, median, sendRequests, treePssMb, treeRssMb, type RunFigures } from './bench-measure';
import { measureColdStart, measureRestarts } from './bench-lifecycle';
import { flaskMissing, startGunicorn } from './bench-flask';
import { integer } from '../../shared/src/env';

interface Target {
  label: string;
  server: ServerProcess;
  routes: string[];
}

async function main(): Promise<void> {
  const env = toolEnv();
  const seconds = integer(env, 'BENCH_SECONDS', 5, 1, 120);
  const rounds = integer(env, 'BENCH_ROUNDS', 3, 1, 20);
  const connections = integer(env, 'BENCH_CONNECTIONS', 32, 1, 512);
  const workers = String(integer(env, 'BENCH_WORKERS', 2, 1, 16));
  const memoryRequests = integer(env, 'BENCH_MEMORY_REQUESTS', 100_000, 0, 1_000_000);
  const topUp = async (port: number, requests: number): Promise<number> =>
    requests > 0 ? sendRequests(`http://127.0.0.1:${port}/api/projects`, connections, requests) : 0;
  const flask = process.argv.includes('--flask');
  const unknown = process.argv.slice(2).filter((arg) => arg !== '--flask');
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown[0]} (expected --flask or nothing)`);
  const noFlask = flask ? flaskMissing() : undefined;
  if (noFlask) console.log(`skipping the Flask targets: ${noFlask}`);
  const scratch = await scratchDatabase('bench');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-'));
  const servers: ServerProcess[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
    await rm(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const dbEnv = localBackendEnv({}, scratch.config.db.database) as Record<string, string>;
    const appEnv = { ...dbEnv, PORT: '0', HOST: '127.0.0.1', WORKERS: workers };
    const start = async (script: string, extra: Record<string, string> = {}) => {
      const server = await startServer(script, {
        env: { ...appEnv, ...extra },
        workers: Number(workers),
      });
      servers.push(server);
      return server;
    };
    const backendJs = await bundleApp('backend', path.join(dir, 'backend'));
    const frontendJs = await bundleApp('frontend', path.join(dir, 'frontend'));
    const backend = await start(backendJs);
    const frontend = await start(frontendJs, { BACKEND_URLS: `http://127.0.0.1:${backend.port}` });
    const ceiling = path.join(__dirname, 'ceiling-server.js');
    const targets: Target[] = [
      { label: 'backend', server: backend, routes: ['/api/projects', '/health'] },
      { label: 'proxy', server: frontend, routes: ['/api/projects'] },
      { label: 'node+mysql2', server: await start(ceiling), routes: ['/api/projects', '/health'] },
      {
        label: 'from memory',
        server: await start(ceiling, { CEILING: 'memory' }),
        routes: ['/api/projects', '/health'],
      },
    ];
    if (flask && !noFlask) {
      const flaskBackend = await startGunicorn('flask_backend', dbEnv, Number(workers));
      servers.push(flaskBackend);
      const flaskProxy = await startGunicorn(
        'flask_proxy',
        { BACKEND_URL: `http://127.0.0.1:${flaskBackend.port}` },
        Number(workers),
      );
      servers.push(flaskProxy);
      targets.push(
        { label: 'flask', server: flaskBackend, routes: ['/api/projects', '/health'] },
        { label: 'flask proxy', server: flaskProxy, routes: ['/api/projects'] },
      );
    }
    console.log(
      `autocannon ${connections} connections, ${seconds} s runs, ${rounds} rounds interleaved; ${workers} workers each; ${os.cpus().length} CPUs; node ${process.version}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const figures = new Map<string, RunFigures[]>();
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) {
        for (const route of target.routes) {
          const url = `http://127.0.0.1:${target.server.port}${route}`;
          const key = `${target.label} ${route}`;
          figures.set(key, [
            ...(figures.get(key) ?? []),
            await load(url, connections, seconds, target.server.child.pid!),
          ]);
        }
      }
    }
    report(figures);
    if (flask && !noFlask) {
      const [flaskBackend, flaskProxy] = targets.slice(-2).map((t) => t.server);
      console.log(
        `RSS after the runs (master + workers): flask ${(await treeRssMb(flaskBackend.child.pid!)).toFixed(0)} MB, flask proxy ${(await treeRssMb(flaskProxy.child.pid!)).toFixed(0)} MB`,
      );
    }
    const total = (label: string) =>
      [...figures]
        .filter(([k]) => k.startsWith(label + ' '))
        .flatMap(([, r]) => r)
        .reduce((n, r) => n + r.requests, 0);
    // The memory goal is stated after 100k requests: top each app up to that many (through the proxy for
    // the frontend, which also counts for the backend), then read the RSS of its processes.
    const frontendServed =
      total('proxy') + (await topUp(frontend.port, memoryRequests - total('proxy')));
    const backendServed = total('backend') + frontendServed;
    const backendTotal =
      backendServed + (await topUp(backend.port, memoryRequests - backendServed));
    const memory = async (server: ServerProcess) =>
      `${(await treeRssMb(server.child.pid!)).toFixed(0)} MB RSS (${(await treePssMb(server.child.pid!)).toFixed(0)} MB PSS)`;
    console.log(
      `\nmemory (primary + workers): backend ${await memory(backend)} after ${backendTotal} requests, frontend ${await memory(frontend)} after ${frontendServed} (goal ≤ 200 MB RSS each; RSS counts the node binary's shared pages once per process, PSS shares them out)`,
    );
    await measureColdStart(backendJs, appEnv);
    await measureRestarts(frontendJs, {
      ...appEnv,
      BACKEND_URLS: `http://127.0.0.1:${backend.port}`,
    });
    console.log(
      `load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await cleanUp();
  }
}

function row(cells: Array<string | number>, widths: number[]): string {
  return cells
    .map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
    .join(' ');
}

function report(figures: Map<string, RunFigures[]>): void {
  const widths = [12, 14, 7, 7, 7, 7, 11];
  console.log(
    '\n' + row(['target', 'route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs/req'], widths),
  );
  const rps = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const [key, runs] of figures) {
    const [label, route] = [key.slice(0, key.indexOf(' /')), key.slice(key.indexOf(' /') + 1)];
    const m = (pick: (r: RunFigures) => number) => median(runs.map(pick));
    rps.set(
      key,
      m((r) => r.rps),
    );
    cpu.set(
      key,
      m((r) => r.cpuUsPerRequest),
    );
    const errors = runs.reduce((n, r) => n + r.errors, 0);
    const cells = [label, route, m((r) => r.rps).toFixed(0), m((r) => r.p50), m((r) => r.p99)];
    console.log(row([...cells, errors, cpu.get(key)!.toFixed(0)], widths));
  }
  console.log("(medians of the rounds; CPU = the server's primary and workers, user + system)");
  const ratio = (a: string, b: string) =>
    !rps.has(a) || !rps.has(b)
      ? 'not measured'
      : `${(rps.get(a)! / rps.get(b)!).toFixed(2)} by req/s, ${(cpu.get(b)! / cpu.get(a)!).toFixed(2)} by CPU per request`;
  console.log(
    `\nbackend / node+mysql2 on /api/projects: ${ratio('backend /api/projects', 'node+mysql2 /api/projects')} (goal ≥ 0.8)`,
  );
  console.log(
    `backend / node+mysql2 on /health:       ${ratio('backend /health', 'node+mysql2 /health')} (goal ≥ 0.6)`,
  );
  console.log(
    `proxy / backend on /api/projects:       ${ratio('proxy /api/projects', 'backend /api/projects')} (goal ≥ 0.7)`,
  );
  if (!rps.has('flask /api/projects')) return;
  console.log(
    `backend / flask on /api/projects:       ${ratio('backend /api/projects', 'flask /api/projects')}`,
  );
  console.log(
    `backend / flask on /health:             ${ratio('backend /health', 'flask /health')}`,
  );
  console.log(
    `proxy / flask proxy on /api/projects:   ${ratio('proxy /api/projects', 'flask proxy /api/projects')}`,
  );
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
