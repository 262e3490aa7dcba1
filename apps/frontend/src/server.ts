/** Frontend entry point: validates the environment and serves the page and the proxy from N workers. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createApp } from './app';
import { loadFrontendConfig } from './config';
import { findPublicDir } from './public-dir';
import { runCluster } from '../../shared/src/cluster';
import { startHttpServer } from '../../shared/src/http-server';
import { createLogger } from '../../shared/src/logger';
import { loadOrExit } from '../../shared/src/startup';

const logger = createLogger({ app: 'frontend', pid: process.pid });
const config = loadOrExit(() => loadFrontendConfig(process.env), logger);
// Fail at start, not on the first page view, when the static files are missing from the artifact.
const publicDir = findPublicDir();

runCluster({
  workers: config.workers,
  logger,
  startWorker: async () => {
    let stopping = false;
    const app = createApp(config, { logger, publicDir, isShuttingDown: () => stopping });
    const server = await startHttpServer(app, config.port, config.host);
    logger.info('listening', { port: server.port, backends: config.backendUrls.length });
    return async () => {
      stopping = true;
      await server.close();
    };
  },
});
