import { diagnosticsOf, generateText, SEED_TEXT } from '../core/helpers';
import { cronProblem } from '../../src/spec/cron';
import { AUTO_SCALING_FILE, AUTO_SCALING_TEXT, fixtureWith } from './helpers';

const BACKEND_SCALING = `    autoScaling:
      min: 2
      max: 6`;
const located = (text: string) =>
  diagnosticsOf(text, AUTO_SCALING_FILE).map((d) => [d.code, d.path, d.position?.line]);
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('auto-scaling rules', () => {
  it('the fixture is valid', () => {
    expect(generateText(AUTO_SCALING_TEXT, AUTO_SCALING_FILE).warnings).toEqual([]);
  });

  it('rejects count beside autoScaling, at the count', () => {
    const text = fixtureWith(BACKEND_SCALING, `    count: 2\n${BACKEND_SCALING}`);
    expect(located(text)).toEqual([
      ['scaling/count-and-auto', 'tiers.backend.count', lineOf(text, '    count: 2')],
    ]);
  });

  it('rejects sizes that do not nest, each at its own field', () => {
    const text = fixtureWith(
      BACKEND_SCALING,
      '    autoScaling:\n      min: 4\n      max: 3\n      desired: 9',
    );
    expect(located(text).map(([code, path]) => [code, path])).toEqual([
      ['scaling/min-max', 'tiers.backend.autoScaling.min'],
      ['scaling/desired', 'tiers.backend.autoScaling.desired'],
    ]);
  });

  it('needs room for a rolling update: max 2 or more, and a batch below max', () => {
    const text = fixtureWith(BACKEND_SCALING, '    autoScaling:\n      min: 1\n      max: 1');
    expect(located(text).map(([code]) => code)).toEqual(['scaling/no-room']);
  });

  it('points at a cron that is not five Unix fields, with the reason', () => {
    const text = fixtureWith("cron: '0 22 * * MON-FRI'", "cron: '0 25 * * MON-FRI'");
    const [d] = diagnosticsOf(text, AUTO_SCALING_FILE);
    expect([d.code, d.path, d.position?.line]).toEqual([
      'scaling/cron',
      'tiers.backend.autoScaling.schedules[1].cron',
      lineOf(text, "cron: '0 25"),
    ]);
    expect(d.message).toContain('expected range 0-23');
  });

  it('rejects a tier group in one zone', () => {
    const text = fixtureWith('cidrs: [10.0.11.0/24, 10.0.12.0/24]', 'cidrs: [10.0.11.0/24]');
    expect(located(text).map(([code, path]) => [code, path])).toContainEqual([
      'scaling/one-zone',
      'tiers.backend.subnets',
    ]);
  });

  it('url needs an internal load balancer; urls cannot list an auto-scaled tier', () => {
    const noLb = fixtureWith('    internalLoadBalancer: {}\n', '');
    expect(located(noLb).map(([code, path]) => [code, path])).toEqual([
      ['ref/no-internal-lb', 'tiers.frontend.environment.BACKEND_URLS.ref'],
    ]);
    const urls = fixtureWith('tiers.backend.url }', 'tiers.backend.urls }');
    expect(located(urls).map(([code]) => code)).toEqual(['ref/auto-scaled-addresses']);
  });

  it('warns when desired is given but a policy sizes the group', () => {
    const text = fixtureWith(
      '{ min: 2, max: 6, targetCpuPercent: 50 }',
      '{ min: 2, max: 6, desired: 4, targetCpuPercent: 50 }',
    );
    expect(generateText(text, AUTO_SCALING_FILE).warnings.map((w) => [w.code, w.path])).toEqual([
      ['scaling/desired-ignored', 'tiers.frontend.autoScaling.desired'],
    ]);
  });

  it('a url ref is no cycle: it goes through the load balancer', () => {
    const text = SEED_TEXT.replace(
      '      DB_HOST: { ref: database.endpoint }',
      '      DB_HOST: { ref: database.endpoint }\n      SITE: { ref: tiers.frontend.url }',
    ).replace('    port: 5000\n', '    port: 5000\n    internalLoadBalancer: {}\n');
    expect(() => generateText(text)).not.toThrow();
  });
});

describe('cronProblem', () => {
  it.each(['0 8 * * MON-FRI', '*/15 * * * *', '0 0 1,15 JAN-MAR *', '30 6 * * 1-5'])(
    'accepts %s',
    (e) => expect(cronProblem(e)).toBeUndefined(),
  );
  it.each([
    ['0 8 * *', 'has 4 fields'],
    ['0 0 8 * * *', 'has 6 fields'],
    ['@daily', 'has 1 field;'],
    ['0 8 L * *', '`L` is not Unix cron'],
    ['0 8 ? * *', '`?` is not Unix cron'],
    ['61 * * * *', 'expected range 0-59'],
    ['0 8 * * FOO', 'foo'],
  ])('refuses %s', (e, why) => expect(cronProblem(e)).toContain(why));
});

describe('schedule names', () => {
  it('refuses two schedules whose logical ids would collide', () => {
    const text = fixtureWith('name: evenings,', 'name: business-hours,');
    expect(located(text).map(([code, path]) => [code, path])).toEqual([
      ['scaling/schedule-name', 'tiers.backend.autoScaling.schedules[1].name'],
    ]);
  });
});

describe('rolling batches', () => {
  it('refuses a batch that would take every instance out of service', () => {
    const text = fixtureWith(BACKEND_SCALING, `${BACKEND_SCALING}\n      maxBatchSize: 6`);
    expect(located(text).map(([code, path]) => [code, path])).toEqual([
      ['scaling/batch', 'tiers.backend.autoScaling.maxBatchSize'],
    ]);
  });
});
