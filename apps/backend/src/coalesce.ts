/**
 * Request coalescing for the read routes: callers that arrive while a read is in flight share the next one.
 *
 * This is not a cache. A caller never gets the answer of a read that began before it called: it joins the
 * run that starts once the current one settles, and every caller waiting at that moment shares it. So a read
 * sees every write committed before it was asked for (from this worker, another worker or another instance),
 * as an uncoalesced read would; what it saves is the database round trips and the JSON serialisation that
 * concurrent callers would repeat. Under no concurrency nothing is shared and nothing waits; under load each
 * caller waits at most for one read in flight plus its own.
 */

/** Wraps `run` so that concurrent calls share runs, each from a run that started after the call. */
export function coalesce<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const started = run();
    current = started;
    const settle = (): void => {
      if (current === started) current = undefined;
    };
    started.then(settle, settle);
    return started;
  };
  return () => {
    if (next) return next;
    if (!current) return start();
    const queued: Promise<T> = current.then(ignore, ignore).then(() => {
      next = undefined;
      return start();
    });
    next = queued;
    return queued;
  };
}

function ignore(): void {}
