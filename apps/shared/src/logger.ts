/** Structured JSON logging for the apps: one JSON object per line on stdout, never a secret or a request body. */

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Extra fields of a log line; values must be JSON-serialisable. */
export type LogFields = Record<string, unknown>;

/** The logging surface the apps use; tests inject one that records lines. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Creates a logger writing JSON lines through `write` (stdout by default). */
export function createLogger(
  base: LogFields = {},
  write: (line: string) => void = defaultWrite,
): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    const line = { time: new Date().toISOString(), level, msg, ...base, ...fields };
    write(JSON.stringify(line, errorReplacer));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, write),
  };
}

/** A logger that drops everything (for tests that do not look at logs). */
export const silentLogger: Logger = createLogger({}, () => undefined);

/** Collects log lines as parsed objects; for tests that assert on logs. */
export function memoryLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { logger: createLogger({}, (line) => lines.push(JSON.parse(line))), lines };
}

function defaultWrite(line: string): void {
  process.stdout.write(line + '\n');
}

// Errors serialise to {} by default; keep their name, code and message (never the stack of a user error).
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}) };
  }
  return value;
}
