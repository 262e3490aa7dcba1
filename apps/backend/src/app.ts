/** The backend app: JSON API over MySQL. `server.ts` runs it; tests drive it with supertest. */
import type http from 'node:http';
import express from 'express';
import type { BackendConfig } from './config';
import type { Db } from './db';
import { cors } from './cors';
import { healthRoute } from './routes/health';
import { projectsRoute, skillsRoute } from './routes/portfolio';
import { statsRoute } from './routes/stats';
import { contactRoutes } from './routes/contact';
import { fastPath, type FastRoute } from '../../shared/src/fast-path';
import { errorHandler, notFound, requestLog } from '../../shared/src/middleware';
import { REQUEST_TIMEOUT_MS, requestTimeout } from '../../shared/src/http-server';
import { silentLogger, type Logger } from '../../shared/src/logger';
import { API_SECURITY_HEADERS, apiSecurityHeaders } from '../../shared/src/security-headers';

/** What createApp needs besides the config. */
export interface BackendDeps {
  db: Db;
  logger?: Logger;
  /** True once SIGTERM arrived: responses then close their connection. */
  isShuttingDown?: () => boolean;
}

/** The read routes, answered on the fast path (and by Express for cross-origin requests). */
function readRoutes(db: Db, healthTimeoutMs: number): Map<string, FastRoute> {
  return new Map([
    ['/health', healthRoute(db, healthTimeoutMs)],
    ['/api/projects', projectsRoute(db)],
    ['/api/skills', skillsRoute(db)],
    ['/api/stats', statsRoute(db)],
  ]);
}

/** Builds the backend's request listener: read routes on the fast path, the rest on Express. */
export function createApp(
  config: Pick<
    BackendConfig,
    'corsOrigins' | 'healthTimeoutMs' | 'contactRateLimit' | 'trustProxyHops'
  >,
  { db, logger = silentLogger, isShuttingDown }: BackendDeps,
): http.RequestListener {
  const routes = readRoutes(db, config.healthTimeoutMs);
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
  // With CORS configured, a request from a browser on another origin goes through Express's cors().
  const crossOrigin =
    config.corsOrigins.length > 0
      ? (req: http.IncomingMessage) => req.headers.origin !== undefined
      : undefined;
  return fastPath({
    routes,
    fallback: app,
    headers: API_SECURITY_HEADERS,
    logger,
    isShuttingDown,
    bypass: crossOrigin,
  });
}
