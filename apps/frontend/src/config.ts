/** Frontend configuration, read from the environment here and nowhere else. */
import {
  ConfigError,
  type Env,
  httpUrl,
  inheritedSocket,
  integer,
  list,
  listenHost,
  port,
} from '../../shared/src/env';

/** Proxy timing: how long to wait for a connection and for a response before trying the next backend. */
export interface ProxySettings {
  /** A backend that does not accept the TCP connection within this is skipped (safe for any method). */
  connectTimeoutMs: number;
  /** A backend silent for this long is abandoned: GETs fail over, other methods get a 504. */
  responseTimeoutMs: number;
  /** After a connection failure a backend is tried last for this long. */
  cooldownMs: number;
  /** Kept-alive sockets per backend; more requests wait for a free one (default PROXY_DEFAULTS). */
  maxSockets?: number;
  /** Proxied requests one worker holds at once (waiting or in progress); beyond it, 503 + Retry-After. */
  maxInFlight?: number;
  /** Longest a request waits for a free socket before it is shed with a 503 (it was never sent). */
  queueTimeoutMs?: number;
}

/**
 * Sizing of the proxy, per worker. A backend runs 2 workers with a pool of 10 database connections each, so
 * more than a few dozen concurrent requests per backend only queue there; 64 sockets keep it busy without
 * piling work onto it. 1,024 in flight at ~1 ms per request on a healthy backend is well under a second of
 * queue; past that a fast 503 with Retry-After beats a slow timeout.
 */
export const PROXY_DEFAULTS = {
  maxSockets: 64,
  maxInFlight: 1_024,
  queueTimeoutMs: 5_000,
} as const;

/** Everything the frontend needs to run. */
export interface FrontendConfig {
  port: number;
  /** Address to listen on; unset = every interface (EC2, behind the ALB). */
  host?: string;
  /** A listening socket inherited from systemd (socket activation), used instead of port and host. */
  listenFd?: number;
  workers: number;
  /** Backend origins, e.g. `http://10.0.11.5:5001`, tried in rotating order. */
  backendUrls: string[];
  proxy: ProxySettings;
  /** /health probes each backend's /health with this timeout and caches the answer this long. */
  healthProbe: { timeoutMs: number; cacheMs: number };
}

/** Every variable the frontend reads (NODE_ENV is Express's own, AWS_REGION is passed to every app). */
export const FRONTEND_VARIABLES = [
  'PORT',
  'HOST',
  'LISTEN_FDS',
  'LISTEN_PID',
  'WORKERS',
  'BACKEND_URLS',
  'AWS_REGION',
  'NODE_ENV',
] as const;

/** Reads and checks the frontend's settings; throws a ConfigError naming the first bad variable. */
export function loadFrontendConfig(env: Env, pid: number = process.pid): FrontendConfig {
  return {
    port: port(env, 'PORT', 5000, true),
    host: listenHost(env),
    listenFd: inheritedSocket(env, pid),
    workers: integer(env, 'WORKERS', 2, 1, 64),
    backendUrls: loadBackendUrls(env),
    proxy: {
      connectTimeoutMs: 2_000,
      responseTimeoutMs: 30_000,
      cooldownMs: 10_000,
      ...PROXY_DEFAULTS,
    },
    healthProbe: { timeoutMs: 1_000, cacheMs: 2_000 },
  };
}

function loadBackendUrls(env: Env): string[] {
  const raw = list(env, 'BACKEND_URLS');
  if (raw.length === 0) {
    throw new ConfigError(
      'BACKEND_URLS',
      'is not set (comma-separated backend URLs, e.g. http://10.0.11.5:5001,http://10.0.12.5:5001)',
    );
  }
  return raw.map((item) => {
    const url = httpUrl('BACKEND_URLS', item);
    // Backends live on the private network; one keep-alive agent serves them all, so plain http only.
    if (url.protocol !== 'http:')
      throw new ConfigError('BACKEND_URLS', `"${item}" must use http:// (backends are private)`);
    if (url.pathname !== '/' || url.search || url.hash) {
      throw new ConfigError(
        'BACKEND_URLS',
        `"${item}" must be an origin without a path, e.g. http://10.0.11.5:5001`,
      );
    }
    return url.origin;
  });
}
