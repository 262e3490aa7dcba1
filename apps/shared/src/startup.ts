/** Turning a bad setting into one clear log line and exit code 1, before anything listens. */
import { ConfigError } from './env';
import type { Logger } from './logger';

/** Runs `load`; on a ConfigError logs it (naming the variable) and exits 1, without a stack trace. */
export function loadOrExit<T>(load: () => T, logger: Logger): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`invalid configuration: ${error.message}`, { variable: error.variable });
    // Also to stderr in plain words, for someone running `npm run backend` in a terminal.
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
}
