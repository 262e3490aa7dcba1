/** GET /health: 200 when the database answers within the timeout, 503 otherwise. */
import { Router } from 'express';
import type { Db } from '../db';

/** The health route; `timeoutMs` bounds how long the database may take to answer. */
export function healthRoutes(db: Db, timeoutMs: number): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const up = await db.ping(timeoutMs);
    res.setHeader('Cache-Control', 'no-store');
    if (up) res.json({ status: 'ok', db: 'up' });
    else res.status(503).json({ status: 'degraded', db: 'down' });
  });
  return router;
}
