import fc from 'fast-check';
import { formatReport, summaryLine } from '../../src/diff/format';
import {
  noTotals,
  PLAN_SCHEMA_VERSION,
  type DiffReport,
  type ResourceChange,
} from '../../src/diff/model';
import { securityChanges } from '../../src/diff/security';
import { showValue } from '../../src/diff/show';
import { symbol, type Scope } from '../../src/diff/symbolic';
import type { CfnTemplate } from '../../src/cfn/yaml';

const plain = {
  bold: String,
  dim: String,
  red: String,
  green: String,
  yellow: String,
  cyan: String,
} as never;

function report(resources: ResourceChange[]): DiffReport {
  const totals = noTotals();
  for (const r of resources) totals[r.impact]++;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    source: 'git',
    base: 'HEAD:out/',
    downtime: [],
    artifacts: [],
    hasChanges: resources.length > 0,
    totals,
    stacks: [
      {
        layer: 'compute',
        stackName: 'p-compute',
        template: 'compute.yaml',
        status: 'changed',
        resources,
        parameters: [],
        outputs: [],
        inputs: [],
        security: [],
        sections: [],
        totals,
      },
    ],
  };
}

const modified = (old: unknown, now: unknown): ResourceChange => ({
  logicalId: 'Thing',
  type: 'AWS::EC2::Instance',
  impact: 'modify',
  properties: [{ path: 'Some.Path', old, new: now, effect: 'modify' }],
  causes: [{ path: 'tiers.frontend.instanceType', line: 3, change: 'changed' }],
});

const intrinsic = fc.oneof(
  fc.record({ Ref: fc.string() }),
  fc.record({ 'Fn::GetAtt': fc.tuple(fc.string(), fc.string()) }),
  fc.record({ 'Fn::Sub': fc.string() }),
  fc.record({ 'Fn::Base64': fc.string() }),
);
const value = fc.oneof(
  fc.jsonValue(),
  intrinsic,
  fc.constant(symbol({ stack: 'network', resource: 'Vpc', attribute: 'Ref', renewed: true })),
);

describe('the human formatter', () => {
  it('prints a change of every JSON value type (numbers, booleans, null, arrays, objects, intrinsics) without throwing', () => {
    fc.assert(
      fc.property(value, value, (old, now) => {
        const text = formatReport(report([modified(old, now)]), plain);
        expect(text).toContain('~ Thing');
        expect(text).toContain('Some.Path');
        expect(text).not.toContain('[object Object]');
        expect(text).not.toMatch(/"Fn::|"Ref":|\$symbol/);
      }),
      { numRuns: 300 },
    );
  });

  it('never cuts a value: a long value is printed whole', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 100, maxLength: 400 }).filter((s) => !s.includes('\n')),
        (long) => {
          expect(formatReport(report([modified('short', long)]), plain)).toContain(long);
        },
      ),
    );
  });

  it('shows numbers and booleans as they are (the interval change that used to crash)', () => {
    const text = formatReport(report([modified(30, 15), modified(true, false)]), plain);
    expect(text).toContain('Some.Path: 30 → 15');
    expect(text).toContain('Some.Path: true → false');
  });

  it('writes intrinsics as readable expressions and a renewed identity as known after deploy', () => {
    expect(
      showValue({ 'Fn::Join': ['', ['arn:', symbol({ pseudo: 'AWS::Partition' }), ':s3:::b']] }),
    ).toBe('arn:${AWS::Partition}:s3:::b');
    const subnet = symbol({ stack: 'network', resource: 'PublicSubnetA', attribute: 'Ref' });
    const renewed = symbol({
      stack: 'network',
      resource: 'PublicSubnetA',
      attribute: 'Ref',
      renewed: true,
    });
    const change: ResourceChange = {
      ...modified(subnet, renewed),
      impact: 'replace',
      properties: [
        {
          path: 'SubnetId',
          old: subnet,
          new: renewed,
          effect: 'replace',
          reason: 'SubnetId is create-only (registry schema)',
          knownAfterDeploy: true,
        },
      ],
    };
    const text = formatReport(report([change]), plain);
    expect(text).toContain(
      'SubnetId: network:PublicSubnetA → known after deploy (new network:PublicSubnetA)  replace: SubnetId is create-only (registry schema)',
    );
    expect(text).toContain('← tiers.frontend.instanceType (line 3, changed)');
  });

  it('reads several edits on one topology line as one cause', () => {
    const r = report([
      {
        ...modified(1, 2),
        causes: [
          { path: 'securityGroups.web.ingress[1].from.cidr', line: 9, change: 'changed' },
          { path: 'securityGroups.web.ingress[1].allowWorld', line: 9, change: 'added' },
          { path: 'tags.Team', line: 4, change: 'added' },
        ],
      },
    ]);
    expect(formatReport(r, plain)).toContain(
      '← securityGroups.web.ingress[1] (line 9: from.cidr changed, allowWorld added); tags.Team (line 4, added)',
    );
  });

  it('prints per-stack and overall totals by impact', () => {
    const r = report([{ ...modified(1, 2), impact: 'replace' }, modified(1, 2)]);
    expect(formatReport(r, plain)).toContain('p-compute (compute.yaml)  1 to modify, 1 to replace');
    expect(summaryLine(r)).toBe('Plan: 1 to modify, 1 to replace in 1 of 1 stacks.');
    expect(summaryLine(report([]))).toBe('No changes in 1 stacks.');
  });
});

describe('security changes', () => {
  const scope = (t: CfnTemplate): Scope => ({
    stack: 's',
    resources: t.Resources,
    parameters: new Map(),
    renewed: () => false,
  });
  const group = (egress: unknown[], ingress: unknown[] = []): CfnTemplate => ({
    Resources: {
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'x',
          SecurityGroupEgress: egress,
          SecurityGroupIngress: ingress,
        },
      },
    },
  });

  it('does not flag the default outbound rule to anywhere as open to the world', () => {
    const [before, after] = [group([]), group([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }])];
    const changes = securityChanges('s', before, after, scope(before), scope(after));
    expect(changes).toEqual([
      {
        kind: 'egress',
        change: 'added',
        description: 'Sg egress all traffic to Everyone (IPv4)',
        widens: true,
        open: false,
      },
    ]);
  });

  it('flags inbound from anywhere, and tells a narrowed CIDR from a widened one', () => {
    const rule = (cidr: string) => [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: cidr }];
    const t = (cidr: string) => group([], rule(cidr));
    const diff = (a: string, b: string) =>
      securityChanges('s', t(a), t(b), scope(t(a)), scope(t(b)));
    expect(diff('10.0.0.0/24', '0.0.0.0/0')[0]).toMatchObject({ open: true, widens: true });
    expect(diff('10.0.0.0/24', '10.0.0.0/25')[0]).toMatchObject({
      widens: false,
      description: 'Sg ingress TCP 22 from 10.0.0.0/25 (narrowed from 10.0.0.0/24)',
    });
    expect(diff('10.0.0.0/24', '10.0.0.0/16')[0]).toMatchObject({
      widens: true,
      description: 'Sg ingress TCP 22 from 10.0.0.0/16 (widened from 10.0.0.0/24)',
    });
  });
});
