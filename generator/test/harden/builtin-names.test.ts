import { SpecError } from '../../src/errors';
import { byName, own, bareCopy } from '../../src/model/records';
import { generateText, SEED_TEXT } from '../core/helpers';

/** Names Object.prototype answers for: a plain-object lookup finds them without the user defining them. */
const BUILTINS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** Every place a topology names a user-defined thing, as a rewrite of the seed. */
const POSITIONS: Array<[string, (name: string) => string]> = [
  ['database.subnets', (n) => SEED_TEXT.replace('  subnets: database\n', `  subnets: ${n}\n`)],
  [
    'database.securityGroup',
    (n) => SEED_TEXT.replace('  securityGroup: database\n', `  securityGroup: ${n}\n`),
  ],
  [
    'loadBalancer.subnets',
    (n) =>
      SEED_TEXT.replace(
        '  subnets: public\n  securityGroup: alb',
        `  subnets: ${n}\n  securityGroup: alb`,
      ),
  ],
  [
    'loadBalancer.securityGroup',
    (n) => SEED_TEXT.replace('  securityGroup: alb\n', `  securityGroup: ${n}\n`),
  ],
  ['listener target tier', (n) => SEED_TEXT.replace('tier: frontend', `tier: ${n}`)],
  ['tier subnets', (n) => SEED_TEXT.replace('    subnets: private\n', `    subnets: ${n}\n`)],
  [
    'tier securityGroup',
    (n) => SEED_TEXT.replace('    securityGroup: backend\n', `    securityGroup: ${n}\n`),
  ],
  ['tier app', (n) => SEED_TEXT.replace('app: backend', `app: ${n}`)],
  [
    'ingress from securityGroup',
    (n) => SEED_TEXT.replace('from: { securityGroup: alb }', `from: { securityGroup: ${n} }`),
  ],
  [
    'ingress from subnets',
    (n) => SEED_TEXT.replace('from: { subnets: public }', `from: { subnets: ${n} }`),
  ],
  ['environment ref tier', (n) => SEED_TEXT.replace('tiers.backend.urls', `tiers.${n}.urls`)],
  [
    'environment variable name',
    (n) => SEED_TEXT.replace('      DB_PORT:', `      ${n}: x\n      DB_PORT:`),
  ],
  ['tag key', (n) => SEED_TEXT.replace('  ManagedBy: strata', `  ManagedBy: strata\n  ${n}: x`)],
  [
    'subnet group name',
    (n) =>
      SEED_TEXT.replace(
        '    public:\n',
        `    ${n}:\n      routing: isolated\n      cidrs: [10.0.31.0/24, 10.0.32.0/24]\n    public:\n`,
      ),
  ],
  [
    'security group name',
    (n) => SEED_TEXT.replace('securityGroups:\n', `securityGroups:\n  ${n}:\n    description: x\n`),
  ],
  [
    'tier name',
    (n) =>
      SEED_TEXT.replace(
        'tiers:\n',
        `tiers:\n  ${n}:\n    app: backend\n    port: 6000\n    subnets: private\n    securityGroup: backend\n`,
      ),
  ],
];

describe('names that are built-in properties of JavaScript objects', () => {
  const cases = POSITIONS.flatMap(([where, edit]) =>
    BUILTINS.map((n) => [where, n, edit] as const),
  );

  it.each(cases)('%s = %s works or gets a located error, never a crash', (_where, name, edit) => {
    const text = edit(name);
    expect(text).not.toBe(SEED_TEXT);
    try {
      generateText(text);
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      for (const d of (error as SpecError).diagnostics) {
        expect(d.position).toEqual(expect.objectContaining({ line: expect.any(Number) }));
        expect(d.position!.line).toBeGreaterThan(1);
      }
    }
  });

  it('an undefined subnet group named `constructor` is reported as unknown, not found on Object', () => {
    const text = SEED_TEXT.replace('  subnets: database\n', '  subnets: constructor\n');
    expect(() => generateText(text)).toThrow(SpecError);
    try {
      generateText(text);
    } catch (error) {
      expect((error as SpecError).diagnostics).toEqual([
        expect.objectContaining({ code: 'ref/unknown-subnet-group', path: 'database.subnets' }),
      ]);
    }
  });

  it('a tier using an undefined security group `constructor` gets no reachability warning about it', () => {
    const text = SEED_TEXT.replace(
      '    securityGroup: backend\n',
      '    securityGroup: constructor\n',
    );
    try {
      generateText(text);
      throw new Error('accepted');
    } catch (error) {
      const codes = (error as SpecError).diagnostics.map((d) => d.code);
      expect(codes).toContain('ref/unknown-security-group');
      expect(codes).not.toContain('reach/tier-blocked');
    }
  });

  it('a subnet group, security group and tier really named `constructor` generate normally', () => {
    const text = SEED_TEXT.replace(/\bbackend\b(?!:)/g, 'constructor')
      .replace('  backend:\n    description', '  constructor:\n    description')
      .replace('  backend:\n    app', '  constructor:\n    app')
      .replace('app: constructor', 'app: backend')
      .replace(/\bprivate\b/g, 'constructor');
    const { model } = generateText(text);
    expect(model.tiers.map((t) => t.name)).toEqual(['frontend', 'constructor']);
    expect(model.network.groups.map((g) => g.name)).toContain('constructor');
  });

  it('tag keys `__proto__` and `constructor` reach the templates as tags', () => {
    const text = SEED_TEXT.replace(
      '  ManagedBy: strata',
      '  ManagedBy: strata\n  __proto__: a\n  constructor: b',
    );
    const tags = generateText(text).templates.get('network.yaml')!.Resources.Vpc.Properties!.Tags;
    expect(tags).toEqual(
      expect.arrayContaining([
        { Key: '__proto__', Value: 'a' },
        { Key: 'constructor', Value: 'b' },
      ]),
    );
  });
});

describe('records', () => {
  it('own ignores inherited properties and byName builds a Map', () => {
    expect(own({ a: 1 }, 'constructor')).toBeUndefined();
    expect(own({ a: 1 }, 'a')).toBe(1);
    expect(byName({ a: 1 }).get('toString')).toBeUndefined();
  });

  it('bareCopy keeps `__proto__` as a key and leaves no prototype to inherit from', () => {
    const source = JSON.parse('{"__proto__": {"x": 1}, "list": [{"constructor": 2}]}');
    const copy = bareCopy(source) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.keys(copy)).toEqual(['__proto__', 'list']);
    expect((copy as { toString?: unknown }).toString).toBeUndefined();
  });
});
