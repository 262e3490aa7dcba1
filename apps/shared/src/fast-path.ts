/**
 * Hot GET routes answered on node:http directly, everything else through Express.
 *
 * Measured here (CPU per request, `npm run bench:apps` and docs/benchmarks.md): a bare node:http server
 * running the projects query costs ~100 µs per request, the same handler inside Express 5 ~265 µs. Most of the
 * difference is Express's per-request set-up (prototype swaps on req/res, the router walk, res.send's ETag and
 * freshness checks), not our code. So the read routes run here with the same manners Express gave them:
 * security headers, the request timeout's 503, `Connection: close` during shutdown, logs of failed and slow
 * requests, errors mapped as the Express error handler maps them.
 */
import type http from 'node:http';
import { REQUEST_TIMEOUT_MS } from './http-server';
import type { Logger } from './logger';
import { answerForError, SLOW_REQUEST_MS } from './middleware';
import type { HeaderSet } from './security-headers';

/** What a fast route answers: a status and a JSON body. */
export interface JsonAnswer {
  status: number;
  body: unknown;
  /** Extra headers, e.g. Cache-Control. */
  headers?: HeaderSet;
  /** `body` as JSON bytes, when the route serialised it once for every caller that shares the answer. */
  serialised?: Buffer;
}

/** An answer serialised once: coalesced callers and constant answers then cost no JSON.stringify each. */
export function jsonAnswer(status: number, body: unknown, headers?: HeaderSet): JsonAnswer {
  return { status, body, headers, serialised: Buffer.from(JSON.stringify(body)) };
}

/** A read route: GET (and HEAD) on one exact path, query string ignored. */
export type FastRoute = () => Promise<JsonAnswer>;

/** What the fast path needs. */
export interface FastPathOptions {
  routes: ReadonlyMap<string, FastRoute>;
  /** Everything that is not a fast route (the Express app). */
  fallback: http.RequestListener;
  /** Sent on every fast response. */
  headers: HeaderSet;
  logger: Logger;
  isShuttingDown?: () => boolean;
  /** Requests that need Express even on a fast path (e.g. cross-origin ones when CORS is configured). */
  bypass?: (req: http.IncomingMessage) => boolean;
}

/** The request listener: fast routes here, the rest to `fallback`. */
export function fastPath(options: FastPathOptions): http.RequestListener {
  const { routes, fallback, logger, isShuttingDown, bypass } = options;
  const base = { ...options.headers, 'Content-Type': 'application/json; charset=utf-8' };
  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes.get(path) : undefined;
    if (!route || bypass?.(req)) return fallback(req, res);
    const started = performance.now();
    const send = (status: number, body: unknown, headers?: HeaderSet, bytes?: Buffer): void => {
      if (res.headersSent) return;
      const text = bytes ?? JSON.stringify(body);
      res.writeHead(status, {
        ...base,
        ...headers,
        'Content-Length': typeof text === 'string' ? Buffer.byteLength(text) : text.length,
        ...(isShuttingDown?.() ? { Connection: 'close' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : text);
      const durationMs = Math.round(performance.now() - started);
      if (status < 400 && durationMs < SLOW_REQUEST_MS) return;
      const fields = { method: req.method, path, status, durationMs };
      if (status >= 500) logger.error('request failed', fields);
      else logger.warn(status >= 400 ? 'request rejected' : 'slow request', fields);
    };
    const timer = setTimeout(() => send(503, { error: 'request timed out' }), REQUEST_TIMEOUT_MS);
    route().then(
      (answer) => {
        clearTimeout(timer);
        send(answer.status, answer.body, answer.headers, answer.serialised);
      },
      (error: unknown) => {
        clearTimeout(timer);
        const answer = answerForError(error);
        if (answer.log) logger.error(answer.log, { method: req.method, path, error });
        send(answer.status, { error: answer.message });
      },
    );
  };
}
