/** Time as the AWS polling loops see it; tests pass a clock that does not wait. */
export interface Clock {
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
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
