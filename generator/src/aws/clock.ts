/** Time as the AWS polling loops see it; tests pass a clock that does not wait. */
export interface Clock {
  /** Waits `ms`, or less when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

/** The wall clock; an aborted sleep clears its timer so Ctrl-C exits at once. */
export const systemClock: Clock = {
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      // Removed when the timer fires: a long watch sleeps hundreds of times on one signal.
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  now: () => Date.now(),
};

/** How often the loops poll CloudFormation, and with which clock. */
export interface Polling {
  clock: Clock;
  intervalMs: number;
}

/** Default polling: every 5 s, as CloudFormation's own waiters do; STRATA_POLL_INTERVAL_MS overrides it. */
export function pollingFrom(env: NodeJS.ProcessEnv, clock: Clock = systemClock): Polling {
  const raw = env.STRATA_POLL_INTERVAL_MS;
  const fromEnv = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return { clock, intervalMs: Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 5000 };
}
