/** Runs an app as a primary process and N worker processes (the reference ran two gunicorn workers). */
import cluster from 'node:cluster';
import type { Logger } from './logger';

/** What a started worker hands back: how to stop it gracefully. */
export type StopWorker = () => Promise<void>;

/** How to run one app under node:cluster. */
export interface ClusterOptions {
  workers: number;
  logger: Logger;
  /** Starts the HTTP server in a worker process. */
  startWorker: () => Promise<StopWorker>;
  /** Background work of the primary (e.g. migrations); aborted on shutdown. */
  primaryTask?: (signal: AbortSignal) => Promise<void>;
  /** Longest a worker may take to drain on SIGTERM before it is killed. */
  shutdownGraceMs?: number;
}

const RESTART_DELAY_MS = 1_000;

/** Starts the primary or the worker half, depending on which process this is. */
export function runCluster(options: ClusterOptions): void {
  if (cluster.isPrimary) runPrimary(options);
  else void runWorker(options);
}

function runPrimary({
  workers,
  logger,
  primaryTask,
  shutdownGraceMs = 30_000,
}: ClusterOptions): void {
  let stopping = false;
  const abort = new AbortController();
  const fork = (): void => void cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A crashed worker is replaced after a pause, so a crash loop does not spin the CPU.
    logger.error('worker exited unexpectedly', { worker: worker.id, code, signal });
    setTimeout(fork, RESTART_DELAY_MS);
  });
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    abort.abort();
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const worker of alive) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error('workers did not stop in time; killing them', { graceMs: shutdownGraceMs });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, shutdownGraceMs + 5_000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  for (let i = 0; i < workers; i++) fork();
  primaryTask?.(abort.signal).catch((error) => logger.error('primary task failed', { error }));
}

async function runWorker({
  logger,
  startWorker,
  shutdownGraceMs = 30_000,
}: ClusterOptions): Promise<void> {
  let stop: StopWorker | undefined;
  let stopping = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    try {
      await stop?.();
      logger.info('worker stopped', { reason });
      process.exit(0);
    } catch (error) {
      logger.error('worker failed to stop cleanly', { error });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // The primary is gone (killed): drain and leave rather than linger as an orphan.
  process.on('disconnect', () => void shutdown('primary disconnected'));
  try {
    stop = await startWorker();
  } catch (error) {
    logger.error('worker failed to start', { error });
    process.exit(1);
  }
}
