/** The frontend Express app: the portfolio page, /health, and /api/* proxied to the backends. */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { FrontendConfig } from './config';
import { backendProbe } from './backend-health';
import { backendProxy } from './proxy';
import { findPublicDir } from './public-dir';
import { errorHandler, notFound, requestLog } from '../../shared/src/middleware';
import { REQUEST_TIMEOUT_MS, requestTimeout } from '../../shared/src/http-server';
import { silentLogger, type Logger } from '../../shared/src/logger';

/** What createApp needs besides the config. */
export interface FrontendDeps {
  logger?: Logger;
  isShuttingDown?: () => boolean;
  publicDir?: string;
}

/** Largest request body passed on to the backend (the backend accepts the same). */
export const PROXY_BODY_LIMIT = '64kb';

/** Builds the frontend app. */
export function createApp(
  config: Pick<FrontendConfig, 'backendUrls' | 'proxy' | 'healthProbe'>,
  { logger = silentLogger, isShuttingDown, publicDir = findPublicDir() }: FrontendDeps = {},
): Express {
  const app = express();
  const backendStatus = backendProbe(config.backendUrls, config.healthProbe);
  app.disable('x-powered-by');
  app.use(requestTimeout(REQUEST_TIMEOUT_MS, isShuttingDown));
  app.use(requestLog(logger));
  // API responses carry the backend's own security headers; the page's (helmet's) are for HTML.
  app.use(
    '/api',
    express.raw({ type: () => true, limit: PROXY_BODY_LIMIT }),
    backendProxy(config.backendUrls, config.proxy, logger),
  );
  app.use(
    helmet({
      // The ALB listener may be plain HTTP; upgrading subresources to https would break the page there.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  // 200 whenever this process serves: the ALB must not pull every frontend because the backends are sick.
  app.get('/health', async (_req, res) => {
    const backends = await backendStatus();
    const backend = backends.healthy > 0 ? 'up' : backends.reachable > 0 ? 'degraded' : 'down';
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', backend, backends });
  });
  app.use(express.static(publicDir, { maxAge: '5m', index: 'index.html' }));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
