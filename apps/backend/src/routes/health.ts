/** GET /health: 200 when the database answers within the timeout, 503 otherwise. */
import type { Db } from '../db';
import { jsonAnswer, type FastRoute } from '../../../shared/src/fast-path';
import { coalesce } from '../coalesce';

const NO_STORE = { 'Cache-Control': 'no-store' };
const UP = jsonAnswer(200, { status: 'ok', db: 'up' }, NO_STORE);
const DOWN = jsonAnswer(503, { status: 'degraded', db: 'down' }, NO_STORE);

/**
 * The health route; `timeoutMs` bounds how long the database may take to answer. Concurrent checks share one
 * ping that started after they arrived (see coalesce.ts), so each still reports the database as it is now.
 */
export function healthRoute(db: Db, timeoutMs: number): FastRoute {
  return coalesce(async () => ((await db.ping(timeoutMs)) ? UP : DOWN));
}
