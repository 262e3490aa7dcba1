/** The worker half of the cluster: serves the connections the primary hands over, drains on SIGTERM. */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from './logger';
import { createAppServer } from './http-server';

/** What a started worker hands back: how to stop it gracefully (after its connections have drained). */
export type StopWorker = () => Promise<void>;

/** What a worker serves: its request handler, and what to close once connections have drained. */
export interface WorkerApp {
  handler: http.RequestListener;
  /** Called with the shutdown flag the handler should consult (responses then close their connection). */
  stop?: StopWorker;
}

/** Builds a worker's app; `isShuttingDown` turns true once SIGTERM arrives. */
export type StartWorker = (isShuttingDown: () => boolean) => Promise<WorkerApp>;

/** Messages between primary and workers. */
export const WORKER_MESSAGES = {
  ready: 'strata:ready',
  connection: 'strata:connection',
  received: 'strata:received',
} as const;

/** Runs in a worker process: builds the app, takes connections from the primary, drains on SIGTERM. */
export async function runWorker(
  logger: Logger,
  startWorker: StartWorker,
  shutdownGraceMs = 30_000,
): Promise<void> {
  let stopping = false;
  let app: WorkerApp | undefined;
  const serving: { server?: http.Server } = {};
  const sockets = new Set<Socket>();
  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    try {
      if (serving.server) await drain(serving.server, sockets, shutdownGraceMs);
      await app?.stop?.();
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
    app = await startWorker(() => stopping);
  } catch (error) {
    logger.error('worker failed to start', { error });
    process.exit(1);
  }
  const live = createAppServer(app.handler);
  serving.server = live;
  // node:http starts its request/headers timeout checks on 'listening'; this server never listens itself.
  live.emit('listening');
  process.on('message', (message: { type?: string; id?: number }, socket?: Socket) => {
    if (message?.type !== WORKER_MESSAGES.connection || !socket) return;
    // Tells the primary it may close its copy of the descriptor.
    process.send?.({ type: WORKER_MESSAGES.received, id: message.id });
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    live.emit('connection', socket);
    // The primary accepted it paused, so nothing was read before it arrived here.
    socket.resume();
  });
  process.send?.({ type: WORKER_MESSAGES.ready });
  // The primary is the one listening; the port is its, passed down so the log says where we serve.
  logger.info('listening', { port: Number(process.env.STRATA_WORKER_PORT) });
}

/**
 * Lets in-flight requests finish: idle kept-alive connections are closed at once (and again as requests end),
 * busy ones when their response is done (they carry `Connection: close`); stragglers are cut after `graceMs`.
 */
function drain(server: http.Server, sockets: Set<Socket>, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve();
    };
    const sweep = setInterval(() => {
      server.closeIdleConnections();
      if (sockets.size === 0) finish();
    }, 50);
    const timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
      finish();
    }, graceMs - 1_000);
    server.closeIdleConnections();
    if (sockets.size === 0) finish();
  });
}
