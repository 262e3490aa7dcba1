import { fuzz } from './harness';

/**
 * The probe of issue 9 kept in the suite: a fixed seed and a bounded count, so it runs in seconds and
 * fails the same way every time. `npm run fuzz -- --runs 10000` runs the same harness for longer.
 */
const RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 200);

describe('fuzzed topologies', () => {
  jest.setTimeout(600_000);

  it(`${RUNS} mutated topologies: exit 0 or 1, every rejection located, every output read alike by two YAML parsers`, () => {
    const report = fuzz(RUNS, 9);
    expect(report.failures.map((f) => `${f.kind}: ${f.detail}`)).toEqual([]);
    expect(report.counts.crash + report.counts.unlocated + report.counts['strata-fault']).toBe(0);
    expect(report.unparseable).toBe(0);
    // The mutations must reach both outcomes, or they are not exercising the pipeline.
    expect(report.counts.accepted).toBeGreaterThan(0);
    expect(report.counts.rejected).toBeGreaterThan(0);
  });
});
