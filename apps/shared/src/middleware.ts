/** Middleware both apps use: request logging, JSON 404s and the last-resort error handler. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

/** Requests slower than this are logged even when they succeed. */
export const SLOW_REQUEST_MS = 1_000;

/**
 * Logs failed (status >= 400) and slow requests as JSON: method, path without the query string, status, time.
 * Successful fast requests are not logged: per-request access logs belong at the ALB, not in each worker.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode < 400 && durationMs < SLOW_REQUEST_MS) return;
      const fields = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(durationMs),
      };
      if (res.statusCode >= 500) logger.error('request failed', fields);
      else logger.warn(res.statusCode >= 400 ? 'request rejected' : 'slow request', fields);
    });
    next();
  };
}

/** Answers unknown routes with a JSON 404. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `No route for ${req.method} ${req.path}` });
};

/** How an error becomes a response: status and message, and whether it is logged (and as what). */
export interface ErrorAnswer {
  status: number;
  message: string;
  log?: string;
}

/** Maps body-parser errors to 400/413, a database that is away to 503, anything else to 500. */
export function answerForError(error: unknown): ErrorAnswer {
  const status = (error as { status?: number }).status;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return { status: 413, message: 'Request body too large.' };
  if (type === 'entity.parse.failed')
    return { status: 400, message: 'Request body is not valid JSON.' };
  if (status !== undefined && status >= 400 && status < 500)
    return { status, message: (error as Error).message };
  if (isConnectionError(error)) {
    return {
      status: 503,
      message: 'The database is unavailable; please try again shortly.',
      log: 'database unavailable',
    };
  }
  return { status: 500, message: 'Internal server error.', log: 'unhandled error' };
}

/** The Express error handler over answerForError; logs server-side failures with method and path. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const answer = answerForError(error);
    if (answer.log) logger.error(answer.log, { method: req.method, path: req.path, error });
    res.status(answer.status).json({ error: answer.message });
  };
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_ACCESS_DENIED_ERROR',
  'ER_CON_COUNT_ERROR',
  // TLS to the database failed: its certificate does not verify, or it offers no TLS.
  'HANDSHAKE_SSL_ERROR',
  'HANDSHAKE_NO_SSL_SUPPORT',
]);

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    (code !== undefined && CONNECTION_ERRORS.has(code)) ||
    (error as Error).message === 'Pool is closed.'
  );
}
