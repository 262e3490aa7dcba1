/** The Express half of the backend: POST /api/contact, CORS, 404s and errors (see app.ts for why it is lazy). */
import type http from 'node:http';
import express from 'express';
import type { AppConfig, BackendDeps } from './app';
import { cors } from './cors';
import { contactRoutes } from './routes/contact';
import type { FastRoute } from '../../shared/src/fast-path';
import { errorHandler, notFound, requestLog } from '../../shared/src/middleware';
import { REQUEST_TIMEOUT_MS, requestTimeout } from '../../shared/src/http-server';
import { silentLogger } from '../../shared/src/logger';
import { apiSecurityHeaders } from '../../shared/src/security-headers';

/** The Express app, with the read routes too (for cross-origin requests, which need cors()). */
export function expressApp(
  config: AppConfig,
  routes: ReadonlyMap<string, FastRoute>,
  { db, logger = silentLogger, isShuttingDown }: BackendDeps,
): http.RequestListener {
  const app = express();
  app.disable('x-powered-by');
  // Every answer is built per request from the database; an ETag would cost a hash and save nothing.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxyHops);
  app.use(requestTimeout(REQUEST_TIMEOUT_MS, isShuttingDown));
  app.use(requestLog(logger));
  app.use(apiSecurityHeaders);
  if (config.corsOrigins.length > 0) app.use(cors(config.corsOrigins));
  for (const [path, route] of routes) {
    app.get(path, (_req, res, next) => {
      route().then((answer) => {
        if (answer.headers) res.set(answer.headers);
        res.status(answer.status).json(answer.body);
      }, next);
    });
  }
  app.use(contactRoutes(db, config.contactRateLimit, logger));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
