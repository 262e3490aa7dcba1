/** Frontend entry point: validates the environment and serves the page and the proxy from N workers. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { loadFrontendConfig } from './config';
import { findPublicDir } from './public-dir';
import { runCluster } from '../../shared/src/cluster';
import { createLogger } from '../../shared/src/logger';
import { loadOrExit } from '../../shared/src/startup';

const logger = createLogger({ app: 'frontend', pid: process.pid });
const config = loadOrExit(() => loadFrontendConfig(process.env), logger);
// Fail at start, not on the first page view, when the static files are missing from the artifact.
const publicDir = findPublicDir();

runCluster({
  workers: config.workers,
  logger,
  listen: { port: config.port, host: config.host, fd: config.listenFd },
  startWorker: async (isShuttingDown) => {
    // Only workers serve: the primary never evaluates Express, helmet and the proxy.
    const { createApp } = await import('./app');
    return { handler: createApp(config, { logger, publicDir, isShuttingDown }) };
  },
});
