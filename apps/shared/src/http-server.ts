/** Starting and gracefully stopping the apps' HTTP servers, with the reference's 60 s request timeout. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';

/** How long a request may take end to end, as gunicorn's `--timeout 60` in the reference. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Longer than the ALB's 60 s idle timeout, so the ALB (not us) closes idle keep-alive connections. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** A listening server and the way to stop it. */
export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/** An HTTP server for `handler` with the timeouts above; it may listen itself or be handed connections. */
export function createAppServer(handler: http.RequestListener): http.Server {
  const server = http.createServer(handler);
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // headersTimeout must exceed keepAliveTimeout or Node may cut a reused connection mid-request.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

/** Listens with `handler` on `port` (0 = ephemeral) and applies the timeouts above. */
export async function startHttpServer(
  handler: http.RequestListener,
  port: number,
  host?: string,
): Promise<RunningServer> {
  const server = createAppServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return { server, port: actual, close: (graceMs) => closeGracefully(server, graceMs) };
}

/** Stops accepting connections, closes idle ones, waits for in-flight requests, then drops stragglers. */
export function closeGracefully(server: http.Server, graceMs = 30_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    // A keep-alive connection whose request was in flight becomes idle only when it finishes; keep sweeping.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Answers 503 when a handler has not responded within `ms` (gunicorn kills the worker instead; we keep it)
 * and marks responses `Connection: close` once the server is shutting down, so keep-alive clients move on.
 */
export function requestTimeout(
  ms: number,
  isShuttingDown: () => boolean = () => false,
): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (!res.headersSent) res.status(503).json({ error: 'request timed out' });
    }, ms);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    if (isShuttingDown()) res.setHeader('Connection', 'close');
    next();
  };
}
