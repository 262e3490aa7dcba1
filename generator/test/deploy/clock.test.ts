import { pollingFrom, systemClock } from '../../src/aws/clock';

describe('polling clock', () => {
  it('ends a sleep as soon as Ctrl-C aborts it, so the process can exit', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const sleeping = systemClock.sleep(60_000, abort.signal);
    setTimeout(() => abort.abort(), 10);
    await sleeping;
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('polls every 5 s unless STRATA_POLL_INTERVAL_MS says otherwise', () => {
    expect(pollingFrom({}).intervalMs).toBe(5000);
    expect(pollingFrom({ STRATA_POLL_INTERVAL_MS: '0' }).intervalMs).toBe(0);
    expect(pollingFrom({ STRATA_POLL_INTERVAL_MS: '250' }).intervalMs).toBe(250);
    expect(pollingFrom({ STRATA_POLL_INTERVAL_MS: 'soon' }).intervalMs).toBe(5000);
    expect(pollingFrom({ STRATA_POLL_INTERVAL_MS: '-1' }).intervalMs).toBe(5000);
  });
});
