/** The frontend Express app: the portfolio page, /health, and /api/* proxied to the backends. */
import type http from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { FrontendConfig } from './config';
import { backendProbe } from './backend-health';
import { backendProxy, type ProxyHandler } from './proxy';
import { findPublicDir } from './public-dir';
import { notFoundPage } from './not-found-page';
import { errorHandler, requestLog, SLOW_REQUEST_MS } from '../../shared/src/middleware';
import {
  API_SECURITY_HEADERS,
  capturedHeaders,
  setHeaders,
} from '../../shared/src/security-headers';
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

/**
 * helmet's headers for the page, computed once. The CSP allows scripts, styles and fonts from this origin
 * only (helmet's default also allows styles and fonts from any https: origin and inline styles; the page
 * needs neither) and has no `upgrade-insecure-requests`: the ALB listener may be plain HTTP, and upgrading
 * subresources to https would break the page there.
 */
export const PAGE_HEADERS = capturedHeaders(
  helmet({
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: null, styleSrc: ["'self'"], fontSrc: ["'self'"] },
    },
  }),
);

/** Builds the frontend's request listener: GET /api/* straight to the proxy, the rest on Express. */
export function createApp(
  config: Pick<FrontendConfig, 'backendUrls' | 'proxy' | 'healthProbe'>,
  deps: FrontendDeps = {},
): http.RequestListener {
  const proxy = backendProxy(config.backendUrls, config.proxy, deps.logger);
  const app = expressApp(config, proxy, deps);
  return proxyFastPath(proxy, app, deps);
}

/**
 * GET and HEAD under /api carry no body, so they need nothing of Express: they go to the proxy directly, with
 * the headers, the shutdown `Connection: close` and the failure/slow logs Express would have given them (the
 * proxy bounds their time itself: queue, connect and response timeouts, all under the 60 s request timeout).
 */
function proxyFastPath(
  proxy: ProxyHandler,
  app: http.RequestListener,
  { logger = silentLogger, isShuttingDown }: FrontendDeps,
): http.RequestListener {
  const headers = Object.entries({ ...PAGE_HEADERS, ...API_SECURITY_HEADERS });
  return (req, res) => {
    const url = req.url ?? '/';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith('/api/'))
      return app(req, res);
    for (const [name, value] of headers) res.setHeader(name, value);
    if (isShuttingDown?.()) res.setHeader('Connection', 'close');
    const started = performance.now();
    res.once('finish', () => {
      const durationMs = Math.round(performance.now() - started);
      if (res.statusCode < 400 && durationMs < SLOW_REQUEST_MS) return;
      const fields = {
        method: req.method,
        path: url.split('?')[0],
        status: res.statusCode,
        durationMs,
      };
      if (res.statusCode >= 500) logger.error('request failed', fields);
      else logger.warn(res.statusCode >= 400 ? 'request rejected' : 'slow request', fields);
    });
    proxy(req, res);
  };
}

function expressApp(
  config: Pick<FrontendConfig, 'healthProbe' | 'backendUrls'>,
  proxy: ProxyHandler,
  { logger = silentLogger, isShuttingDown, publicDir = findPublicDir() }: FrontendDeps,
): express.Express {
  const app = express();
  const backendStatus = backendProbe(config.backendUrls, config.healthProbe);
  app.disable('x-powered-by');
  app.use(requestTimeout(REQUEST_TIMEOUT_MS, isShuttingDown));
  app.use(requestLog(logger));
  // Every response carries the page's headers, the frontend's own errors (413, 404, 502) included.
  app.use(setHeaders(PAGE_HEADERS));
  // API responses carry the backend's own security headers (the same set as API_SECURITY_HEADERS, which the
  // frontend's own API errors get); the proxied answer's headers replace these.
  app.use(
    '/api',
    setHeaders(API_SECURITY_HEADERS),
    express.raw({ type: () => true, limit: PROXY_BODY_LIMIT }),
    (req, res) => proxy(req, res),
  );
  // 200 whenever this process serves: the ALB must not pull every frontend because the backends are sick.
  app.get('/health', async (_req, res) => {
    const backends = await backendStatus();
    const backend = backends.healthy > 0 ? 'up' : backends.reachable > 0 ? 'degraded' : 'down';
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', backend, backends });
  });
  app.use(express.static(publicDir, { maxAge: '5m', index: 'index.html' }));
  app.use(notFoundPage(publicDir));
  app.use(errorHandler(logger));
  return app;
}
