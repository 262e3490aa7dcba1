/** Unknown pages: a small HTML 404 page for people, JSON for API paths (scripts read the error). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { notFound } from '../../shared/src/middleware';

/** Answers 404 with `public/404.html` (read once at start-up), or the JSON 404 under /api. */
export function notFoundPage(publicDir: string): RequestHandler {
  const page = readFileSync(path.join(publicDir, '404.html'));
  return (req, res, next) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      notFound(req, res, next);
      return;
    }
    res.status(404).type('html').setHeader('Cache-Control', 'no-store');
    res.send(page);
  };
}
