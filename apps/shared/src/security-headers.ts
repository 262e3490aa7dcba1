/** Security headers, computed once and set in one step per response. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** A fixed set of response headers. */
export type HeaderSet = Readonly<Record<string, string>>;

/**
 * What helmet would send, tightened for responses that are never rendered as pages: no content may load, no
 * framing, no sniffing, no referrer. One middleware setting constant headers instead of helmet's chain of
 * thirteen: in a micro-benchmark of Express answering the projects JSON from memory, that chain cost about a
 * quarter of the throughput.
 */
export const API_SECURITY_HEADERS: HeaderSet = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** A middleware setting `headers` on every response. */
export function setHeaders(headers: HeaderSet): RequestHandler {
  const entries = Object.entries(headers);
  return (_req, res, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    next();
  };
}

/** Sets API_SECURITY_HEADERS on every response. */
export const apiSecurityHeaders: RequestHandler = setHeaders(API_SECURITY_HEADERS);

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The headers a middleware sets when they do not depend on the request (helmet without nonce functions):
 * run it once against a recording response at start-up, so each request costs one loop instead of a chain.
 */
export function capturedHeaders(middleware: Middleware): HeaderSet {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  let called = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    called = true;
  });
  // A middleware that answers asynchronously depends on the request: it cannot be captured.
  if (!called) throw new Error('the header middleware did not finish synchronously');
  return headers;
}
