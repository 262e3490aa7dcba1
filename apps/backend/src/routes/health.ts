/** GET /health: 200 when the database answers within the timeout, 503 otherwise. */
import type { Db } from '../db';
import type { FastRoute } from '../../../shared/src/fast-path';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The health route; `timeoutMs` bounds how long the database may take to answer. */
export function healthRoute(db: Db, timeoutMs: number): FastRoute {
  return async () =>
    (await db.ping(timeoutMs))
      ? { status: 200, body: { status: 'ok', db: 'up' }, headers: NO_STORE }
      : { status: 503, body: { status: 'degraded', db: 'down' }, headers: NO_STORE };
}
