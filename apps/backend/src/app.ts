/** The backend Express app: JSON API over MySQL. `server.ts` runs it; tests drive it with supertest. */
import express, { type Express } from 'express';
import type { BackendConfig } from './config';
import type { Db } from './db';
import { cors } from './cors';
import { apiSecurityHeaders } from '../../shared/src/security-headers';
import { healthRoutes } from './routes/health';
import { portfolioRoutes } from './routes/portfolio';
import { statsRoutes } from './routes/stats';
import { contactRoutes } from './routes/contact';
import { errorHandler, notFound, requestLog } from '../../shared/src/middleware';
import { REQUEST_TIMEOUT_MS, requestTimeout } from '../../shared/src/http-server';
import { silentLogger, type Logger } from '../../shared/src/logger';

/** What createApp needs besides the config. */
export interface BackendDeps {
  db: Db;
  logger?: Logger;
  /** True once SIGTERM arrived: responses then close their connection. */
  isShuttingDown?: () => boolean;
}

/** Builds the backend app. */
export function createApp(
  config: Pick<
    BackendConfig,
    'corsOrigins' | 'healthTimeoutMs' | 'contactRateLimit' | 'trustProxyHops'
  >,
  { db, logger = silentLogger, isShuttingDown }: BackendDeps,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  app.use(requestTimeout(REQUEST_TIMEOUT_MS, isShuttingDown));
  app.use(requestLog(logger));
  app.use(apiSecurityHeaders);
  if (config.corsOrigins.length > 0) app.use(cors(config.corsOrigins));
  app.use(healthRoutes(db, config.healthTimeoutMs));
  app.use(portfolioRoutes(db));
  app.use(statsRoutes(db));
  app.use(contactRoutes(db, config.contactRateLimit, logger));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
