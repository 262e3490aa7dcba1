/** `/api/*` to the backends: rotation, failover, timeouts, load shedding and JSON errors. */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROXY_DEFAULTS, type ProxySettings } from './config';
import {
  attempt,
  type AttemptFailure,
  type Backend,
  incomingHeaders,
  parseBackend,
} from './forward';
import { API_SECURITY_HEADERS } from '../../shared/src/security-headers';
import { silentLogger, type Logger } from '../../shared/src/logger';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const EMPTY = Buffer.alloc(0);

/** The proxy as a plain request listener: it runs under Express (POST, with a parsed body) or without. */
export type ProxyHandler = (req: ProxyRequest, res: ServerResponse) => void;

/** A request as the proxy reads it: Express adds `originalUrl` and the buffered `body`. */
export type ProxyRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

// Under Express mounted at /api, `url` has lost its mount path; `originalUrl` keeps it.
function fullUrl(req: ProxyRequest): string {
  return req.originalUrl ?? req.url ?? '/';
}

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
 * The agent the proxy uses unless given one: kept-alive sockets, `maxSockets` per backend. Requests beyond
 * that wait in the agent's queue (bounded by `maxInFlight` and `queueTimeoutMs`) rather than opening more
 * connections than the backend's workers and database pool can serve at once.
 */
export function proxyAgent(settings: Pick<ProxySettings, 'maxSockets'> = {}): http.Agent {
  const maxSockets = settings.maxSockets ?? PROXY_DEFAULTS.maxSockets;
  return new http.Agent({
    keepAlive: true,
    maxSockets,
    maxFreeSockets: maxSockets,
    scheduling: 'lifo',
  });
}

/**
 * The proxy handler. Mount it after a raw body parser: the buffered body is what lets a request be replayed
 * on the next backend when the first refuses the connection.
 */
export function backendProxy(
  targets: readonly string[],
  settings: ProxySettings,
  logger: Logger = silentLogger,
  agent: http.Agent = proxyAgent(settings),
): ProxyHandler {
  const s = { ...PROXY_DEFAULTS, ...settings };
  const backends = new Map<string, Backend>(targets.map((t) => [t, parseBackend(t)]));
  const downUntil = new Map<string, number>();
  let turn = 0;
  let inFlight = 0;

  const tryNext = (
    req: ProxyRequest,
    res: ServerResponse,
    order: string[],
    index: number,
    inProgress: { attempt?: http.ClientRequest },
  ): void => {
    const body = Buffer.isBuffer(req.body) ? req.body : EMPTY;
    const backend = backends.get(order[index])!;
    const onFailure = (failure: AttemptFailure): void => {
      if (res.destroyed) return; // the client left; nobody to answer
      const next = decide(failure, req, backend.origin);
      if (next === 'retry' && index + 1 < order.length)
        return tryNext(req, res, order, index + 1, inProgress);
      if (failure.stage === 'queued')
        return shed(res, 'The site is busy; please try again shortly.');
      if (failure.responseTimedOut)
        return sendError(res, 504, 'The backend did not answer in time.');
      sendError(res, 502, 'No backend is reachable right now; please try again shortly.');
    };
    inProgress.attempt = attempt(
      req,
      fullUrl(req),
      body,
      backend,
      agent,
      s,
      (proxyRes) => sendBack(proxyRes, res),
      onFailure,
    );
  };

  // Decides what a failed attempt leads to: retry on the next backend, or answer now.
  const decide = (
    failure: AttemptFailure,
    req: ProxyRequest,
    origin: string,
  ): 'retry' | 'answer' => {
    const { error, stage } = failure;
    if (stage === 'connecting') downUntil.set(origin, Date.now() + s.cooldownMs);
    logger.warn('backend failed', {
      backend: origin,
      code: error.code ?? 'UNKNOWN',
      stage,
      timedOut: failure.responseTimedOut,
      method: req.method,
      path: fullUrl(req).split('?')[0],
    });
    // A request may be replayed when it never reached a backend: still queued or connecting, or sent on a
    // kept-alive socket the backend had just closed. Otherwise only idempotent methods are (a POST may be stored).
    const safe =
      stage !== 'sent' ||
      IDEMPOTENT.has(req.method ?? '') ||
      (error.code === 'ECONNRESET' && failure.reusedSocket);
    return safe ? 'retry' : 'answer';
  };

  return (req, res) => {
    // Shed rather than queue without bound: every waiting request holds memory and a client socket.
    if (inFlight >= s.maxInFlight) return shed(res, 'The site is busy; please try again shortly.');
    inFlight += 1;
    const inProgress: { attempt?: http.ClientRequest } = {};
    // One listener for both: the place is freed, and a client that went away frees its backend socket.
    res.once('close', () => {
      inFlight -= 1;
      if (!res.writableFinished) inProgress.attempt?.destroy();
    });
    tryNext(req, res, backendOrder(targets, turn++, downUntil, Date.now()), 0, inProgress);
  };
}

/** Answers up to this size are collected and sent in one write; larger or unsized ones are streamed. */
export const BUFFERED_ANSWER_BYTES = 64 * 1024;

function sendBack(proxyRes: http.IncomingMessage, res: ServerResponse): void {
  if (res.headersSent || res.destroyed) {
    proxyRes.destroy();
    return;
  }
  // The response had started: if the backend breaks off now, all we can do is cut the client's connection.
  proxyRes.once('error', () => res.destroy());
  proxyRes.once('aborted', () => res.destroy());
  const status = proxyRes.statusCode ?? 502;
  const length = Number(proxyRes.headers['content-length']);
  if (!(length <= BUFFERED_ANSWER_BYTES)) {
    res.writeHead(status, proxyRes.statusMessage, incomingHeaders(proxyRes));
    proxyRes.pipe(res);
    return;
  }
  // The API's answers are a few KB with a Content-Length: headers and body leave in one write, without the
  // stream plumbing of pipe() (measured: about a tenth of the proxy's CPU per request).
  const chunks: Buffer[] = [];
  proxyRes.on('data', (chunk: Buffer) => chunks.push(chunk));
  proxyRes.once('end', () => {
    if (res.destroyed) return;
    res.writeHead(status, proxyRes.statusMessage, incomingHeaders(proxyRes));
    res.end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  });
}

/** 503 with Retry-After: the request was not sent anywhere, so the client may safely repeat it. */
function shed(res: http.ServerResponse, message: string): void {
  res.setHeader('Retry-After', '1');
  sendError(res, 503, message);
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify({ error: message }));
}
