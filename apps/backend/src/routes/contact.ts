/** POST /api/contact: validate, store, answer 201 with the new id or 400 with per-field errors. */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Db } from '../db';
import type { BackendConfig } from '../config';
import { validateContact } from '../contact-validation';
import type { Logger } from '../../../shared/src/logger';

/** Largest request body accepted; a 5,000-character message of 4-byte characters still fits. */
export const BODY_LIMIT = '64kb';

/** The contact route, rate-limited per client IP; only this route parses bodies. */
export function contactRoutes(
  db: Db,
  limits: BackendConfig['contactRateLimit'],
  logger: Logger,
): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: limits.windowMs,
    limit: limits.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res
        .status(429)
        .json({ error: 'Too many messages from your address; please try again later.' });
    },
  });
  const bodies = [
    express.json({ limit: BODY_LIMIT }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
  ];
  router.post('/api/contact', limiter, ...bodies, async (req, res) => {
    const result = validateContact(req.body);
    if (!result.ok) {
      res
        .status(400)
        .json({ error: 'Please correct the highlighted fields.', errors: result.errors });
      return;
    }
    const { name, email, message } = result.value;
    const inserted = await db.query<{ insertId: number }>(
      'INSERT INTO contacts (name, email, message) VALUES (?, ?, ?)',
      [name, email, message],
    );
    // Log that a message arrived, never who sent it or what it says.
    logger.info('contact saved', { contactId: inserted.insertId, messageLength: message.length });
    res.status(201).json({ id: inserted.insertId });
  });
  return router;
}
