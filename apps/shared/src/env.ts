/** Helpers the apps' config.ts files use to read and check environment variables. */

/** The environment as the apps receive it; only config.ts files touch `process.env`. */
export type Env = Record<string, string | undefined>;

/** A missing or malformed setting; server.ts prints the message and exits before listening. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Returns a required, non-empty variable or throws a ConfigError naming it. */
export function required(env: Env, name: string, hint: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, `is not set (${hint})`);
  return value;
}

/** Parses a TCP port (1–65535, or 0 when `allowZero`), falling back to `fallback` when unset. */
export function port(env: Env, name: string, fallback: number, allowZero = false): number {
  return integer(env, name, fallback, allowZero ? 0 : 1, 65535);
}

/** Parses an integer within [min, max], falling back to `fallback` when unset. */
export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** Splits a comma-separated list, dropping blanks. */
export function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Parses an http(s) URL from a variable, naming the variable when it is malformed. */
export function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL (expected e.g. http://10.0.11.5:5001)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `"${raw}" must start with http:// or https://`);
  }
  return url;
}

/** The first file descriptor systemd passes to a socket-activated service (SD_LISTEN_FDS_START). */
export const SD_LISTEN_FDS_START = 3;

/**
 * The listening socket systemd handed over (socket activation: `LISTEN_FDS`, `LISTEN_PID`), or undefined.
 * Only for the process systemd started (LISTEN_PID), not for children that inherited the variables.
 */
export function inheritedSocket(env: Env, pid: number): number | undefined {
  const fds = env.LISTEN_FDS?.trim();
  if (!fds || env.LISTEN_PID?.trim() !== String(pid)) return undefined;
  if (fds !== '1') {
    throw new ConfigError('LISTEN_FDS', `expected exactly one socket from systemd, got "${fds}"`);
  }
  return SD_LISTEN_FDS_START;
}

/** The address to listen on; unset means every interface. */
export function listenHost(env: Env): string | undefined {
  return env.HOST?.trim() || undefined;
}
