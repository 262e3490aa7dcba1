/**
 * Runs an app as a primary process and N worker processes (the reference ran two gunicorn workers).
 *
 * The primary owns the listening socket for its whole life and hands each accepted connection to a worker
 * (as node:cluster's round-robin does), instead of letting node:cluster share the port: node:cluster closes
 * the port when its last worker exits, so a crash with one worker, or a restart, refused connections. Here a
 * crashed or restarting worker never closes the port; connections wait in the primary until a worker is
 * ready. `SIGHUP` replaces the workers one at a time (new code from disk, no refused connection), and under
 * systemd socket activation (`LISTEN_FDS`) the socket outlives the process, so a full restart refuses none.
 */
import cluster, { type Worker } from 'node:cluster';
import net from 'node:net';
import type { Logger } from './logger';
import { runWorker, type StartWorker, WORKER_MESSAGES } from './cluster-worker';

export type { StartWorker, StopWorker } from './cluster-worker';

/** Where the primary listens: a port (and host), or a socket inherited from systemd (fd 3). */
export interface ListenTarget {
  port: number;
  host?: string;
  fd?: number;
}

/** How to run one app. */
export interface ClusterOptions {
  workers: number;
  logger: Logger;
  listen: ListenTarget;
  /** Builds the request handler in a worker process. */
  startWorker: StartWorker;
  /**
   * Background work of the primary (e.g. migrations), started once the first worker is ready so that it does
   * not compete with the workers' start-up for the CPU; aborted on shutdown.
   */
  primaryTask?: (signal: AbortSignal) => Promise<void>;
  /** Longest a worker may take to drain on SIGTERM before it is killed. */
  shutdownGraceMs?: number;
}

const RESTART_DELAY_MS = 1_000;

/**
 * V8 flags for the workers. Under load V8 grows the young generation to its 16 MB semi-space maximum and keeps
 * it: measured with `npm run bench:apps`, the backend's three processes went from 190 MB RSS idle to 296 MB
 * after 50k requests with the default, 233 MB with 2 MB semi-spaces, at the same CPU per request (the
 * routes allocate little per request, so the extra scavenges are cheap). An operator's own flag wins.
 */
export const WORKER_V8_FLAGS = ['--max-semi-space-size=2'];

/** The workers' execArgv: ours, unless the primary's own flags or NODE_OPTIONS already size the heap. */
export function workerExecArgv(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string[] {
  const own = [...execArgv, nodeOptions ?? ''].join(' ');
  return own.includes('semi-space') ? [...execArgv] : [...execArgv, ...WORKER_V8_FLAGS];
}
/** Connections held while no worker is ready (a crash, a slow start); beyond this they are dropped. */
const MAX_WAITING_CONNECTIONS = 4_096;

/** Starts the primary or the worker half, depending on which process this is. */
export function runCluster(options: ClusterOptions): void {
  if (cluster.isPrimary) void runPrimary(options);
  else void runWorker(options.logger, options.startWorker, options.shutdownGraceMs);
}

async function runPrimary(options: ClusterOptions): Promise<void> {
  const { logger, listen } = options;
  const server = net.createServer({ pauseOnConnect: true });
  try {
    await listenOn(server, listen);
  } catch (error) {
    failToListen(logger, listen, error as NodeJS.ErrnoException);
  }
  const port = (server.address() as net.AddressInfo).port;
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const pool = workerPool(options, port);
  server.on('connection', (socket) => pool.dispatch(socket));
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info('shutting down', { signal });
    server.close();
    pool.stop();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGHUP', () => void pool.rollingRestart());
  pool.start();
}

function listenOn(server: net.Server, { port, host, fd }: ListenTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (fd !== undefined) server.listen({ fd, backlog: 2_048 }, done);
    else server.listen({ port, host, backlog: 2_048 }, done);
  });
}

// A port in use is a mistake to report once, not a reason to retry forever.
function failToListen(logger: Logger, listen: ListenTarget, error: NodeJS.ErrnoException): never {
  const where = listen.fd !== undefined ? `inherited socket ${listen.fd}` : `port ${listen.port}`;
  const why =
    error.code === 'EADDRINUSE'
      ? `${where} is already in use (another server running? stop it or set PORT)`
      : `cannot listen on ${where}: ${error.message}`;
  logger.error(`failed to listen: ${why}`, { code: error.code });
  process.stderr.write(`error: ${why}\n`);
  process.exit(1);
}

/** The workers, the round-robin over the ready ones, and the connections waiting for one. */
function workerPool(options: ClusterOptions, port: number) {
  const { logger, workers: count, shutdownGraceMs = 30_000 } = options;
  const ready: Worker[] = [];
  const waiting: net.Socket[] = [];
  const abort = new AbortController();
  let stopping = false;
  let turn = 0;

  // Sockets handed to a worker that has not yet confirmed it holds them. The primary keeps its own descriptor
  // until then, so when a worker dies with sockets still queued for it, they are still ours, paused and
  // unread, and go to the next worker instead of being dropped. (One already in the dead worker's pipe is
  // lost, like the requests the worker was serving.)
  const inTransit = new Map<number, { socket: net.Socket; worker: Worker }>();
  let nextId = 0;
  const send = (worker: Worker, socket: net.Socket): void => {
    const id = nextId++;
    inTransit.set(id, { socket, worker });
    const message = { type: WORKER_MESSAGES.connection, id };
    worker.send(message, socket, { keepOpen: true }, (error) => {
      if (!error || !inTransit.delete(id)) return;
      redispatch(worker, socket);
    });
  };
  const received = (id: number): void => {
    const entry = inTransit.get(id);
    if (!entry) return;
    inTransit.delete(id);
    entry.socket.destroy(); // only our descriptor: the worker has its own
  };
  const redispatched = new WeakSet<net.Socket>();
  const redispatch = (worker: Worker, socket: net.Socket): void => {
    retire(worker);
    // Once only: a socket whose descriptor Node closed with the dead worker's channel fails again.
    if (socket.destroyed || redispatched.has(socket)) return void socket.destroy();
    redispatched.add(socket);
    dispatch(socket);
  };
  const rescue = (worker: Worker): void => {
    for (const [id, entry] of inTransit) {
      if (entry.worker !== worker) continue;
      inTransit.delete(id);
      redispatch(worker, entry.socket);
    }
  };
  const dispatch = (socket: net.Socket): void => {
    if (ready.length > 0) return send(ready[turn++ % ready.length], socket);
    if (waiting.length < MAX_WAITING_CONNECTIONS) waiting.push(socket);
    else socket.destroy();
  };
  const retire = (worker: Worker): void => {
    const index = ready.indexOf(worker);
    if (index >= 0) ready.splice(index, 1);
  };
  const fork = (): Promise<Worker> =>
    new Promise((resolve) => {
      const worker = cluster.fork({ STRATA_WORKER_PORT: String(port) });
      // The IPC channel closes as soon as a worker dies, before `exit`: stop sending to it at once.
      worker.once('disconnect', () => {
        retire(worker);
        rescue(worker);
      });
      worker.on('message', (message: { type?: string; id?: number }) => {
        if (message?.type === WORKER_MESSAGES.received) return received(message.id!);
        if (message?.type !== WORKER_MESSAGES.ready) return;
        ready.push(worker);
        for (const socket of waiting.splice(0)) dispatch(socket);
        resolve(worker);
      });
    });

  cluster.on('exit', (worker, code, signal) => {
    retire(worker);
    rescue(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if ((worker as Worker & { retiring?: boolean }).retiring) return;
    // A crashed worker is replaced after a pause, so a crash loop does not spin the CPU.
    logger.error('worker exited unexpectedly', { worker: worker.id, code, signal });
    setTimeout(() => void fork(), RESTART_DELAY_MS);
  });

  return {
    dispatch,
    start: (): void => {
      const forks = Array.from({ length: count }, fork);
      void Promise.race(forks).then(() => {
        if (stopping) return;
        options.primaryTask?.(abort.signal).catch((error) => {
          logger.error('primary task failed', { error });
        });
      });
    },
    // One at a time: a new worker is ready before an old one stops taking connections and drains.
    rollingRestart: async (): Promise<void> => {
      const old = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      logger.info('rolling restart', { workers: old.length });
      for (const worker of old) {
        await fork();
        retire(worker);
        (worker as Worker & { retiring?: boolean }).retiring = true;
        worker.process.kill('SIGTERM');
      }
      logger.info('rolling restart done', { workers: ready.length });
    },
    stop: (): void => {
      if (stopping) return;
      stopping = true;
      abort.abort();
      for (const socket of waiting.splice(0)) socket.destroy();
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit(0);
      for (const worker of alive) worker?.process.kill('SIGTERM');
      setTimeout(() => {
        logger.error('workers did not stop in time; killing them', { graceMs: shutdownGraceMs });
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }, shutdownGraceMs + 5_000).unref();
    },
  };
}
