/**
 * One attempt to forward a buffered request to one backend over node:http, with its own timeouts.
 *
 * Written over node:http rather than http-proxy(-middleware): http-proxy lets a handler edit the outgoing
 * request only on its `socket` event, which comes after the request has ended whenever the agent queues it
 * (more requests in flight than sockets), so editing headers threw ERR_HTTP_HEADERS_SENT outside any
 * try/catch and the worker died (issue 9 item 8). Here headers are computed before the request is created
 * and the buffered body is written with `end(body)`, so nothing depends on when a socket is assigned.
 */
import http, {
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { Socket } from 'node:net';
import { hopByHopNames } from './hop-by-hop';

/** A parsed backend origin, computed once per backend rather than per request. */
export interface Backend {
  origin: string;
  hostname: string;
  port: number;
  /** The `Host` header the backend sees (its own origin's host, as `changeOrigin` did). */
  host: string;
}

/** Parses an `http://host:port` origin. */
export function parseBackend(origin: string): Backend {
  const url = new URL(origin);
  return {
    origin,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    host: url.host,
  };
}

/**
 * How far an attempt got: waiting for a free socket in the agent's pool, connecting, or sent. Only a request
 * that was sent may have reached the backend.
 */
export type AttemptStage = 'queued' | 'connecting' | 'sent';

/** Why an attempt failed, in the terms the failover decision needs. */
export interface AttemptFailure {
  error: NodeJS.ErrnoException;
  stage: AttemptStage;
  /** Sent on a kept-alive socket: an ECONNRESET then means the backend had closed it, unread. */
  reusedSocket: boolean;
  /** The backend accepted the request but did not answer within the response timeout. */
  responseTimedOut: boolean;
}

/** Timeouts of one attempt. */
export interface AttemptTimeouts {
  queueTimeoutMs: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
}

/** Headers sent to the backend: end-to-end headers of the client, Host of the backend, X-Forwarded-*. */
export function outgoingHeaders(req: IncomingMessage, backend: Backend, bodyLength: number) {
  // Copied without the hop-by-hop names rather than copied and deleted from (deletes slow objects down).
  const drop = hopByHopNames(req.headers);
  const headers: OutgoingHttpHeaders = {};
  for (const name in req.headers) if (!drop.includes(name)) headers[name] = req.headers[name];
  headers.host = backend.host;
  const client = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwarded ? `${String(forwarded)}, ${client}` : client;
  headers['x-forwarded-proto'] ??= 'http';
  // The body was buffered: its length is known, so never chunked (Transfer-Encoding is hop-by-hop anyway).
  if (bodyLength > 0 || !(req.method === 'GET' || req.method === 'HEAD'))
    headers['content-length'] = String(bodyLength);
  else delete headers['content-length'];
  return headers;
}

/**
 * Sends `body` to `backend`; calls `onResponse` with the backend's response or `onFailure` once. Every error
 * of the outgoing request is caught here and reported through `onFailure`, never thrown.
 */
export function attempt(
  req: IncomingMessage,
  path: string,
  body: Buffer,
  backend: Backend,
  agent: http.Agent,
  timeouts: AttemptTimeouts,
  onResponse: (res: IncomingMessage) => void,
  onFailure: (failure: AttemptFailure) => void,
): ClientRequest {
  const state = { stage: 'queued' as AttemptStage, responseTimedOut: false, done: false };
  const proxyReq = http.request({
    agent,
    host: backend.hostname,
    port: backend.port,
    method: req.method,
    path,
    headers: outgoingHeaders(req, backend, body.length),
  });
  let timer: NodeJS.Timeout | undefined = setTimeout(() => {
    proxyReq.destroy(code(new Error('no free connection to the backend'), 'EQUEUETIMEOUT'));
  }, timeouts.queueTimeoutMs);
  const arm = (ms: number, fn: () => void): void => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  const onConnected = (): void => {
    state.stage = 'sent';
    arm(timeouts.responseTimeoutMs, () => {
      state.responseTimedOut = true;
      proxyReq.destroy(code(new Error('response timeout'), 'ETIMEDOUT'));
    });
  };
  proxyReq.once('socket', (socket: Socket) => {
    if (!socket.connecting) return onConnected();
    state.stage = 'connecting';
    arm(timeouts.connectTimeoutMs, () => {
      proxyReq.destroy(code(new Error('connect timeout'), 'ETIMEDOUT'));
    });
    socket.once('connect', onConnected);
  });
  proxyReq.once('response', (res) => {
    clearTimeout(timer);
    state.done = true;
    onResponse(res);
  });
  proxyReq.on('error', (error: NodeJS.ErrnoException) => {
    clearTimeout(timer);
    if (state.done) return;
    state.done = true;
    onFailure({
      error,
      stage: state.stage,
      reusedSocket: proxyReq.reusedSocket,
      responseTimedOut: state.responseTimedOut,
    });
  });
  proxyReq.end(body);
  return proxyReq;
}

/** Response headers for the client: the backend's, minus its hop-by-hop headers. */
export function incomingHeaders(res: IncomingMessage): http.IncomingHttpHeaders {
  const drop = hopByHopNames(res.headers);
  const headers: http.IncomingHttpHeaders = {};
  for (const name in res.headers) if (!drop.includes(name)) headers[name] = res.headers[name];
  return headers;
}

function code(error: Error, value: string): NodeJS.ErrnoException {
  return Object.assign(error, { code: value });
}
