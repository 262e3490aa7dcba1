/** What the frontend's /health reports about the backends: probed in parallel, cached briefly. */

/** How many backends answered, and how many said they are healthy (database up). */
export interface BackendStatus {
  total: number;
  reachable: number;
  healthy: number;
}

/** Probes `<backend>/health` on each backend; the result is cached so ALB checks do not fan out. */
export function backendProbe(
  targets: readonly string[],
  { timeoutMs, cacheMs }: { timeoutMs: number; cacheMs: number },
): () => Promise<BackendStatus> {
  let cached: { at: number; status: Promise<BackendStatus> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= cacheMs)
      cached = { at: now, status: probeAll(targets, timeoutMs) };
    return cached.status;
  };
}

async function probeAll(targets: readonly string[], timeoutMs: number): Promise<BackendStatus> {
  const answers = await Promise.all(targets.map((target) => probe(target, timeoutMs)));
  return {
    total: targets.length,
    reachable: answers.filter((a) => a !== 'unreachable').length,
    healthy: answers.filter((a) => a === 'healthy').length,
  };
}

async function probe(
  target: string,
  timeoutMs: number,
): Promise<'healthy' | 'degraded' | 'unreachable'> {
  try {
    const response = await fetch(`${target}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok ? 'healthy' : 'degraded';
  } catch {
    return 'unreachable';
  }
}
