import { diagnosticsOf, generateText, SEED_TEXT } from './helpers';

/** The seed with one substring replaced; fails loudly if the substring is not there. */
function seedWith(from: string | RegExp, to: string): string {
  const text = SEED_TEXT.replace(from, to);
  if (text === SEED_TEXT) throw new Error(`seed does not contain ${from}`);
  return text;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(
  text: string,
  needle: string,
  occurrence = 1,
): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function only(text: string) {
  const errors = diagnosticsOf(text).filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe('schema errors are located and explained', () => {
  it('an unknown property points at the key and suggests the near miss', () => {
    const text = seedWith(
      '    instanceType: t3.micro\n    count: 2\n    port: 5000',
      '    instanceTyp: t3.micro\n    count: 2\n    port: 5000',
    );
    const d = only(text);
    expect(d).toMatchObject({
      code: 'schema/additionalProperties',
      path: 'tiers.frontend.instanceTyp',
      position: { file: 'spec/topology.yaml', ...positionOf(text, 'instanceTyp') },
    });
    expect(d.fix).toContain('did you mean `instanceType`?');
    expect(d.sourceLine).toBe('    instanceTyp: t3.micro');
  });

  it('a value outside an enum lists the allowed values', () => {
    const text = seedWith('natGateways: per-az', 'natGateways: per-zone');
    const d = only(text);
    expect(d).toMatchObject({
      code: 'schema/enum',
      path: 'network.natGateways',
      position: positionOf(text, 'per-zone'),
    });
    expect(d.fix).toContain('`single`');
  });

  it('a missing required property names it and what it is for', () => {
    const text = seedWith('region: us-east-1\n', '');
    const d = only(text);
    expect(d).toMatchObject({
      code: 'schema/required',
      message: 'missing required property `region`',
    });
    expect(d.fix).toMatch(/^add `region:` \(AWS region/);
  });

  it('a wrong type says what it should be', () => {
    const d = only(seedWith('count: 2\n    port: 5000', 'count: two\n    port: 5000'));
    expect(d).toMatchObject({
      code: 'schema/type',
      path: 'tiers.frontend.count',
      message: 'must be a whole number, not string `two`',
    });
  });

  it('a bare major engine version is rejected with the reason', () => {
    const d = only(seedWith('engineVersion: 8.0.43', 'engineVersion: "8.0"'));
    expect(d).toMatchObject({ code: 'schema/pattern', path: 'database.engineVersion' });
    expect(d.fix).toContain('8.0.43');
  });

  it('every problem is reported at once, in file order', () => {
    const text = seedWith('natGateways: per-az', 'natGateways: many')
      .replace('10.0.12.0/24', '10.0.12.7/24')
      .replace('securityGroup: backend\n    environment', 'securityGroup: bakend\n    environment');
    const codes = diagnosticsOf(text)
      .filter((d) => d.severity === 'error')
      .map((d) => d.code);
    expect(codes).toEqual(['schema/enum', 'cidr/not-canonical', 'ref/unknown-security-group']);
  });
});

describe('YAML syntax errors are located', () => {
  it('an unclosed flow sequence', () => {
    const text = seedWith(
      'availabilityZones: [us-east-1a, us-east-1b]',
      'availabilityZones: [us-east-1a, us-east-1b',
    );
    const d = diagnosticsOf(text)[0];
    expect(d.code).toMatch(/^yaml\//);
    expect(d.position!.line).toBeGreaterThanOrEqual(positionOf(text, 'availabilityZones').line);
  });

  it('a duplicate key', () => {
    const text = seedWith('region: us-east-1\n', 'region: us-east-1\nregion: eu-west-1\n');
    const d = diagnosticsOf(text)[0];
    expect(d).toMatchObject({
      code: 'yaml/duplicate-key',
      position: { line: positionOf(text, 'region: eu-west-1').line },
    });
  });

  it('a document that is not a mapping', () => {
    expect(diagnosticsOf('- just\n- a list\n')[0].code).toBe('yaml/not-a-mapping');
  });
});

describe('semantic rules', () => {
  const cases: Array<[string, string | RegExp, string, string, string]> = [
    ['host bits set', '10.0.12.0/24', '10.0.12.1/24', 'cidr/not-canonical', '10.0.12.1/24'],
    ['octet above 255', '10.0.12.0/24', '10.0.312.0/24', 'cidr/invalid', '10.0.312.0/24'],
    [
      'subnet outside the VPC',
      '10.0.22.0/24',
      '10.1.22.0/24',
      'subnets/outside-vpc',
      '10.1.22.0/24',
    ],
    ['overlapping subnets', '10.0.22.0/24', '10.0.21.128/25', 'subnets/overlap', '10.0.21.128/25'],
    [
      'a group without a subnet per zone',
      '[10.0.21.0/24, 10.0.22.0/24]',
      '[10.0.21.0/24]',
      'subnets/one-per-zone',
      '[10.0.21.0/24]',
    ],
    [
      'SSH open to the world',
      '{ cidr: 203.0.113.0/24 }',
      '{ cidr: 0.0.0.0/0 }',
      'security/open-to-world',
      '0.0.0.0/0 }, description: SSH',
    ],
    [
      'an unknown subnet group',
      'subnets: private\n    securityGroup: backend',
      'subnets: privat\n    securityGroup: backend',
      'ref/unknown-subnet-group',
      'privat\n',
    ],
    [
      'an unknown tier in an env ref',
      'ref: tiers.backend.urls',
      'ref: tiers.backnd.urls',
      'ref/unknown-tier',
      'tiers.backnd.urls',
    ],
    [
      'a NAT route without NAT gateways',
      'natGateways: per-az',
      'natGateways: none',
      'nat/none',
      'nat\n      cidrs: [10.0.11',
    ],
    [
      'a database in public subnets',
      'subnets: database\n  securityGroup: database',
      'subnets: public\n  securityGroup: database',
      'database/public-subnets',
      'public\n  securityGroup: database',
    ],
    [
      'a target tier that does not admit the balancer',
      '{ port: 5000, from: { securityGroup: alb }',
      '{ port: 5050, from: { securityGroup: alb }',
      'load-balancer/target-blocked',
      'tier: frontend\n        port: 5000',
    ],
    [
      'a health-check timeout not shorter than the interval',
      'timeoutSeconds: 5',
      'timeoutSeconds: 30',
      'load-balancer/health-timeout',
      '30\n          healthyThreshold',
    ],
    [
      'a reserved environment variable',
      'DB_PORT: { ref: database.port }',
      'PORT: { ref: database.port }',
      'env/reserved',
      'PORT: { ref: database.port }',
    ],
  ];

  it.each(cases)('%s', (_name, from, to, code, at) => {
    const text = seedWith(from, to);
    const d = diagnosticsOf(text).find((x) => x.code === code);
    expect(d).toBeDefined();
    expect(d!.position).toMatchObject(positionOf(text, at));
    expect(d!.fix).toBeTruthy();
  });

  it('suggests the near miss for an unknown security group', () => {
    const d = only(
      seedWith('securityGroup: backend\n    environment', 'securityGroup: bakend\n    environment'),
    );
    expect(d.fix).toBe('did you mean `backend`?');
  });

  it('rejects tiers that refer to each other in a loop', () => {
    const text = seedWith(
      'DB_HOST: { ref: database.endpoint }',
      'DB_HOST: { ref: database.endpoint }\n      FRONTENDS: { ref: tiers.frontend.urls }',
    );
    expect(diagnosticsOf(text).map((d) => d.code)).toContain('ref/cycle');
  });

  it('rejects a database ref when there is no database', () => {
    const start = SEED_TEXT.indexOf('\ndatabase:\n');
    const end = SEED_TEXT.indexOf('\nloadBalancer:');
    const text = SEED_TEXT.slice(0, start) + SEED_TEXT.slice(end);
    expect(
      diagnosticsOf(text)
        .filter((d) => d.severity === 'error')
        .map((d) => d.code),
    ).toEqual(Array(5).fill('ref/no-database'));
  });

  it('allows SSH from the world only with a stated reason', () => {
    const text = seedWith(
      '{ cidr: 203.0.113.0/24 }, description: SSH from the admin network }',
      '{ cidr: 0.0.0.0/0 }, description: SSH from anywhere, allowWorld: "bastion-less demo account" }',
    );
    expect(() => diagnosticsOf(text)).toThrow('expected the topology to be rejected');
  });

  it('warns, without failing, when a tier cannot reach the tier it calls', () => {
    const text = seedWith(
      '{ port: 5001, from: { securityGroup: frontend }',
      '{ port: 5001, from: { securityGroup: alb }',
    );
    const { warnings } = generateText(text);
    expect(warnings.map((w) => w.code)).toEqual(['reach/tier-blocked']);
  });
});
