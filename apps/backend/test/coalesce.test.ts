import { coalesce } from '../src/coalesce';

/** A run the test settles by hand, numbered in the order runs started. */
function controlledRuns() {
  const runs: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  const run = () =>
    new Promise<number>((resolve, reject) => {
      runs.push({ resolve, reject });
    });
  return { runs, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesce', () => {
  it('starts a run per call when calls do not overlap', async () => {
    let started = 0;
    const read = coalesce(async () => ++started);
    expect(await read()).toBe(1);
    expect(await read()).toBe(2);
  });

  it('never answers a call with a run that began before it: late callers share the next run', async () => {
    const { runs, run } = controlledRuns();
    const read = coalesce(run);
    const first = read();
    const [second, third] = [read(), read()];
    expect(runs).toHaveLength(1); // the second and third wait; they do not join the run in flight
    runs[0].resolve(1);
    expect(await first).toBe(1);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1].resolve(2);
    expect(await Promise.all([second, third])).toEqual([2, 2]);
  });

  it('gives a failed run to the callers that shared it, and starts afresh after it', async () => {
    const { runs, run } = controlledRuns();
    const read = coalesce(run);
    const first = read();
    const second = read();
    runs[0].reject(new Error('db down'));
    await expect(first).rejects.toThrow('db down');
    await tick();
    runs[1].reject(new Error('still down'));
    await expect(second).rejects.toThrow('still down');
    const third = read();
    expect(runs).toHaveLength(3);
    runs[2].resolve(3);
    expect(await third).toBe(3);
  });

  it('runs the queued read even when the one in flight failed', async () => {
    const { runs, run } = controlledRuns();
    const read = coalesce(run);
    void read().catch(() => undefined);
    const waiting = read();
    runs[0].reject(new Error('first failed'));
    await tick();
    runs[1].resolve(7);
    expect(await waiting).toBe(7);
  });
});
