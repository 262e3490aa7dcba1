/** `/api/*` to the backends with http-proxy-middleware: rotation, failover, timeouts, JSON errors. */
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ProxySettings } from './config';
import { hopByHopNames } from './hop-by-hop';
import { silentLogger, type Logger } from '../../shared/src/logger';

/** One request's walk through the backends. */
interface Attempt {
  order: string[];
  index: number;
  proxyReq?: ClientRequest;
  connectTimedOut: boolean;
  responseTimedOut: boolean;
}

const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Orders the backends for one request: rotate for balance, and put those in cooldown last. */
export function backendOrder(
  targets: readonly string[],
  turn: number,
  downUntil: ReadonlyMap<string, number>,
  now: number,
): string[] {
  const start = turn % targets.length;
  const rotated = [...targets.slice(start), ...targets.slice(0, start)];
  const up = rotated.filter((t) => (downUntil.get(t) ?? 0) <= now);
  return [...up, ...rotated.filter((t) => !up.includes(t))];
}

/**
 * The proxy handler. Mount it after a raw body parser: the buffered body is what lets a request be replayed
 * on the next backend when the first refuses the connection.
 */
export function backendProxy(
  targets: readonly string[],
  settings: ProxySettings,
  logger: Logger = silentLogger,
  // http-proxy opens a new connection per request without an agent; keep them alive instead.
  agent: http.Agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
): RequestHandler {
  const attempts = new WeakMap<IncomingMessage, Attempt>();
  const downUntil = new Map<string, number>();
  let turn = 0;

  const proxy = createProxyMiddleware<Request, Response>({
    router: (req) => {
      const attempt = attempts.get(req)!;
      return attempt.order[attempt.index];
    },
    // Express strips the mount path (/api); the backend serves the full path.
    pathRewrite: (_path, req) => req.originalUrl,
    changeOrigin: true,
    xfwd: true,
    agent,
    on: {
      proxyReq: (proxyReq, req) => {
        const attempt = attempts.get(req)!;
        attempt.proxyReq = proxyReq;
        for (const name of hopByHopNames(req.headers)) proxyReq.removeHeader(name);
        watchTimeouts(proxyReq, attempt, settings);
        const body = req.body as unknown;
        if (Buffer.isBuffer(body) && body.length > 0) {
          proxyReq.setHeader('Content-Length', body.length);
          proxyReq.write(body);
        }
      },
      proxyRes: (proxyRes) => {
        for (const name of hopByHopNames(proxyRes.headers)) delete proxyRes.headers[name];
      },
      error: (error, req, res) => {
        if (!('writeHead' in res)) return void res.destroy();
        const next = onFailure(error as NodeJS.ErrnoException, req, res);
        if (next) void proxy(req, res, (err?: unknown) => sendError(res, 502, String(err)));
      },
    },
  });

  // Decides what a failed attempt leads to: true = try the next backend, false = the response is settled.
  const onFailure = (error: NodeJS.ErrnoException, req: Request, res: Response): boolean => {
    const attempt = attempts.get(req);
    if (!attempt || res.headersSent) {
      // The response had already started: nothing sensible to send, so cut the connection.
      res.destroy();
      return false;
    }
    const backend = attempt.order[attempt.index];
    const code = error.code ?? 'UNKNOWN';
    const refused = attempt.connectTimedOut || CONNECT_ERRORS.has(code);
    if (refused) downUntil.set(backend, Date.now() + settings.cooldownMs);
    // A request may be replayed when it never reached a backend: refused, or sent on a kept-alive socket the
    // backend had just closed. Otherwise only idempotent methods are replayed (a POST may have been stored).
    const safe =
      refused ||
      IDEMPOTENT.has(req.method) ||
      (code === 'ECONNRESET' && attempt.proxyReq?.reusedSocket === true);
    logger.warn('backend failed', {
      backend,
      code,
      timedOut: attempt.responseTimedOut,
      method: req.method,
      path: req.path,
    });
    if (safe && attempt.index + 1 < attempt.order.length) {
      attempt.index += 1;
      attempt.connectTimedOut = attempt.responseTimedOut = false;
      return true;
    }
    if (attempt.responseTimedOut) sendError(res, 504, 'The backend did not answer in time.');
    else sendError(res, 502, 'No backend is reachable right now; please try again shortly.');
    return false;
  };

  return (req, res, next) => {
    attempts.set(req, {
      order: backendOrder(targets, turn++, downUntil, Date.now()),
      index: 0,
      connectTimedOut: false,
      responseTimedOut: false,
    });
    void proxy(req, res, next);
  };
}

// Connect and response timeouts per attempt; destroying the request reports the error to the `error` handler.
function watchTimeouts(proxyReq: ClientRequest, attempt: Attempt, settings: ProxySettings): void {
  const socket = proxyReq.socket;
  if (socket?.connecting) {
    const timer = setTimeout(() => {
      attempt.connectTimedOut = true;
      proxyReq.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
    }, settings.connectTimeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    proxyReq.once('close', () => clearTimeout(timer));
  }
  proxyReq.setTimeout(settings.responseTimeoutMs, () => {
    if (attempt.connectTimedOut) return;
    attempt.responseTimedOut = true;
    proxyReq.destroy(Object.assign(new Error('response timeout'), { code: 'ETIMEDOUT' }));
  });
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify({ error: message }));
}
