import { diagnosticsOf, generateText, SEED_TEXT } from '../core/helpers';

const only = (text: string) => {
  const d = diagnosticsOf(text).filter((x) => x.severity === 'error');
  expect(d).toHaveLength(1);
  return d[0];
};

describe('input AWS would refuse is a located error (issue 9, item 3)', () => {
  it('a zone of another region', () => {
    const d = only(SEED_TEXT.replace('[us-east-1a, us-east-1b]', '[us-east-1a, eu-west-1b]'));
    expect(d).toMatchObject({
      code: 'zone/other-region',
      path: 'network.availabilityZones[1]',
      position: { line: 13, column: 35 },
    });
    expect(d.fix).toContain('us-east-1a');
  });

  it('a Local Zone is refused by the schema, naming the expected form', () => {
    const d = only(SEED_TEXT.replace('[us-east-1a, us-east-1b]', '[us-east-1a, us-east-1-bos-1a]'));
    expect(d).toMatchObject({ path: 'network.availabilityZones[1]', position: { line: 13 } });
  });

  it('more than 50 tags once strata adds `Name`', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `  Extra${i}: v`).join('\n');
    // The seed has 2 tags; 47 more make 49 + Name = 50: allowed.
    expect(() =>
      generateText(SEED_TEXT.replace('  ManagedBy: strata', `  ManagedBy: strata\n${tags(47)}`)),
    ).not.toThrow();
    const d = only(SEED_TEXT.replace('  ManagedBy: strata', `  ManagedBy: strata\n${tags(48)}`));
    expect(d).toMatchObject({ code: 'tags/too-many', path: 'tags' });
    expect(d.message).toContain('51 tags');
  });

  it.each(['10.0.01.0/24', '10.00.1.0/24', '010.0.1.0/24'])(
    'a CIDR with a leading zero: %s',
    (cidr) => {
      const d = only(SEED_TEXT.replace('10.0.1.0/24', cidr));
      expect(d).toMatchObject({
        code: 'cidr/leading-zero',
        path: 'network.subnets.public.cidrs[0]',
        position: { line: 18, column: 15 },
      });
      expect(d.fix).toContain('`10.0.1.0/24`');
    },
  );

  it('a leading zero in a security group rule CIDR', () => {
    const d = only(SEED_TEXT.replace('203.0.113.0/24', '203.0.113.00/24'));
    expect(d).toMatchObject({
      code: 'cidr/leading-zero',
      path: 'securityGroups.frontend.ingress[1].from.cidr',
    });
  });

  it('an app folder that does not exist under apps/', () => {
    const d = only(SEED_TEXT.replace('app: backend', 'app: backnd'));
    expect(d).toMatchObject({
      code: 'app/missing',
      path: 'tiers.backend.app',
      position: { line: 67, column: 10 },
    });
    expect(d.fix).toBe('did you mean `backend`?');
  });

  it('a folder under apps/ that is not an app (no src/server.ts)', () => {
    const d = only(SEED_TEXT.replace('app: backend', 'app: shared'));
    expect(d).toMatchObject({ code: 'app/no-entry', path: 'tiers.backend.app' });
  });
});

describe('a user mistake is not reported as a strata bug (item 4)', () => {
  it('an unknown ${...} variable in an IAM resource names the variables allowed', () => {
    const d = only(
      SEED_TEXT.replace("resources: ['*']", "resources: ['arn:aws:s3:::${Bucket}/*']"),
    );
    expect(d).toMatchObject({
      code: 'iam/unknown-variable',
      path: 'iam.instancePolicy[1].resources[0]',
      position: { line: 53, column: 19 },
    });
    expect(d.message).toContain('`${Bucket}`');
    expect(d.fix).toContain('`${AWS::Region}`');
  });

  it('an unclosed ${ is located too, and ${!Literal} stays allowed', () => {
    expect(
      only(SEED_TEXT.replace("resources: ['*']", "resources: ['arn:${AWS::Region']")).code,
    ).toBe('iam/unknown-variable');
    expect(() =>
      generateText(
        SEED_TEXT.replace("resources: ['*']", "resources: ['arn:aws:s3:::${!Bucket}/*']"),
      ),
    ).not.toThrow();
  });
});

describe('messages name what is wrong and how to fix it (item 6)', () => {
  it('CR-only line endings', () => {
    const d = only(SEED_TEXT.replace(/\n/g, '\r'));
    expect(d.code).toBe('yaml/cr-line-breaks');
    expect(d.fix).toContain('LF');
  });

  it('an invisible character in a tag value is named with its column', () => {
    const d = only(SEED_TEXT.replace('ManagedBy: strata', 'ManagedBy: str\u200bata'));
    expect(d.message).toContain('U+200B ZERO WIDTH SPACE');
    expect(d.position).toMatchObject({ line: 9, column: 17 });
  });

  it('a bad tag key gets the tag-key rule, not the hint for names', () => {
    const d = only(SEED_TEXT.replace('ManagedBy: strata', 'Managed{By: strata'));
    expect(d.message).toContain('`{`');
    expect(d.fix).toContain('tag key');
    expect(d.fix).not.toContain('hyphens');
  });

  it('a quoted number says to write a number', () => {
    const d = only(SEED_TEXT.replace('count: 2', 'count: "two"'));
    expect(d.message).toBe('must be a whole number, not string `two`');
    expect(d.fix).toMatch(/^write a whole number such as 2, without quotes/);
    expect(only(SEED_TEXT.replace('count: 2', 'count: "2"')).fix).toMatch(
      /^remove the quotes: write 2/,
    );
  });

  it('a name in camel case suggests its kebab-case form', () => {
    const d = only(SEED_TEXT.replace('  subnets: database\n', '  subnets: dataBase\n'));
    expect(d.message).toContain('is not a valid name');
    expect(d.fix).toContain('`data-base`');
  });
});

describe('characters no template may hold are named where they are written (item 2)', () => {
  const env = (value: string) =>
    SEED_TEXT.replace(
      '      DB_HOST: { ref: database.endpoint }',
      `      DB_HOST: { ref: database.endpoint }\n      EXTRA: ${value}`,
    );

  it.each([
    ['"a\\ab"', 'U+0007 BELL', 16],
    ['"a\\Lb"', 'U+2028 LINE SEPARATOR', 16],
    ['"a\\Pb"', 'U+2029 PARAGRAPH SEPARATOR', 16],
    ['"a\\Nb"', 'U+0085 NEXT LINE (NEL)', 16],
    ['"a\\ud800b"', 'U+D800 (a lone surrogate, not a character)', 16],
    ['a\u2028b', 'U+2028 LINE SEPARATOR', 15],
  ])('an environment value %s', (value, name, column) => {
    const d = only(env(value));
    expect(d).toMatchObject({
      code: 'text/forbidden-character',
      path: 'tiers.backend.environment.EXTRA',
      position: { line: 75, column },
    });
    expect(d.message).toBe(`the value holds ${name} at column ${column}`);
  });

  it('a DEL in an IAM resource', () => {
    const d = only(SEED_TEXT.replace("resources: ['*']", 'resources: ["*\\x7f"]'));
    expect(d).toMatchObject({ path: 'iam.instancePolicy[1].resources[0]', position: { line: 53 } });
    expect(d.message).toContain('U+007F DELETE');
  });

  it('a tag key holding a line separator (\\p{Z} lets it through the tag pattern)', () => {
    const d = only(SEED_TEXT.replace('  ManagedBy: strata', '  ManagedBy: strata\n  "a\\Lb": c'));
    expect(d).toMatchObject({
      code: 'text/forbidden-character',
      path: 'tags',
      position: { line: 10 },
    });
    expect(d.message).toContain('the key holds U+2028');
  });
});
