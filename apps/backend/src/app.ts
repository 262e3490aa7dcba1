/** The backend app: JSON API over MySQL. `server.ts` runs it; tests drive it with supertest. */
import type http from 'node:http';
import type { BackendConfig } from './config';
import type { Db } from './db';
import { healthRoute } from './routes/health';
import { projectsRoute, skillsRoute } from './routes/portfolio';
import { statsRoute } from './routes/stats';
import { fastPath, type FastRoute } from '../../shared/src/fast-path';
import { silentLogger, type Logger } from '../../shared/src/logger';
import { API_SECURITY_HEADERS } from '../../shared/src/security-headers';

/** What createApp needs besides the config. */
export interface BackendDeps {
  db: Db;
  logger?: Logger;
  /** True once SIGTERM arrived: responses then close their connection. */
  isShuttingDown?: () => boolean;
  /** Load Express this long after start at the latest (server.ts); unset, only on the first request needing it. */
  preloadExpressMs?: number;
}

/** The settings createApp reads. */
export type AppConfig = Pick<
  BackendConfig,
  'corsOrigins' | 'healthTimeoutMs' | 'contactRateLimit' | 'trustProxyHops'
>;

/** The read routes, answered on the fast path (and by Express for cross-origin requests). */
function readRoutes(db: Db, healthTimeoutMs: number): Map<string, FastRoute> {
  return new Map([
    ['/health', healthRoute(db, healthTimeoutMs)],
    ['/api/projects', projectsRoute(db)],
    ['/api/skills', skillsRoute(db)],
    ['/api/stats', statsRoute(db)],
  ]);
}

/**
 * Builds the backend's request listener: read routes on the fast path, the rest on Express. Express (with
 * body parsing and the rate limiter) is loaded on the first request that needs it, or `preloadExpressMs`
 * after start-up: it is about a third of a worker's start, and /health, which decides when a new instance
 * serves, never needs it.
 */
export function createApp(config: AppConfig, deps: BackendDeps): http.RequestListener {
  const routes = readRoutes(deps.db, config.healthTimeoutMs);
  let express: Promise<http.RequestListener> | undefined;
  const loadExpress = (): Promise<http.RequestListener> =>
    (express ??= import('./express-app').then(({ expressApp }) =>
      expressApp(config, routes, deps),
    ));
  if (deps.preloadExpressMs !== undefined)
    setTimeout(() => void loadExpress(), deps.preloadExpressMs).unref();
  const fallback: http.RequestListener = (req, res) => {
    loadExpress().then(
      (app) => app(req, res),
      (error: unknown) => {
        (deps.logger ?? silentLogger).error('express failed to load', { error });
        res.destroy();
      },
    );
  };
  // With CORS configured, a request from a browser on another origin goes through Express's cors().
  const crossOrigin =
    config.corsOrigins.length > 0
      ? (req: http.IncomingMessage) => req.headers.origin !== undefined
      : undefined;
  return fastPath({
    routes,
    fallback,
    headers: API_SECURITY_HEADERS,
    logger: deps.logger ?? silentLogger,
    isShuttingDown: deps.isShuttingDown,
    bypass: crossOrigin,
  });
}
