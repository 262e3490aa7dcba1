/** Security headers for a JSON API, set in one step. */
import type { RequestHandler } from 'express';

/**
 * What helmet would send, tightened for responses that are never rendered as pages: no content may load, no
 * framing, no sniffing, no referrer. One middleware setting constant headers instead of helmet's chain of
 * thirteen: in a micro-benchmark of Express answering the projects JSON from memory, that chain cost about a
 * quarter of the throughput.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const entries = Object.entries(API_SECURITY_HEADERS);

/** Sets API_SECURITY_HEADERS on every response. */
export const apiSecurityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of entries) res.setHeader(name, value);
  next();
};
