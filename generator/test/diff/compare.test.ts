import { compareTemplateSets } from '../../src/diff/compare';
import { summaryLine } from '../../src/diff/format';
import type { DiffReport, StackDiff } from '../../src/diff/model';
import {
  CIDR_CHANGED,
  DB_RENAMED,
  generated,
  IAM_WIDENED,
  SEED,
  SSH_OPENED,
  TIER_ADDED,
} from './topologies';

const seed = generated(SEED);
const compare = (text: string): DiffReport =>
  compareTemplateSets(generated(text), seed, 'git', 'HEAD:out/');
const stack = (r: DiffReport, layer: string): StackDiff => r.stacks.find((s) => s.layer === layer)!;
const resource = (s: StackDiff, id: string) => s.resources.find((r) => r.logicalId === id);

describe('diff of generated templates', () => {
  it('finds nothing between the seed and itself', () => {
    const r = compare(SEED);
    expect(r.hasChanges).toBe(false);
    expect(r.stacks.map((s) => s.status)).toEqual(Array(7).fill('unchanged'));
  });

  it('a changed subnet CIDR replaces the subnet, per the resource specification, and names the topology path', () => {
    const network = stack(compare(CIDR_CHANGED), 'network');
    expect(resource(network, 'PublicSubnetA')).toEqual({
      logicalId: 'PublicSubnetA',
      type: 'AWS::EC2::Subnet',
      kind: 'modified',
      impact: 'replace',
      properties: [
        { path: 'CidrBlock', old: '10.0.1.0/24', new: '10.0.3.0/24', replacement: 'always' },
      ],
      topologyPath: 'network.subnets.public.cidrs[0]',
    });
    expect(resource(network, 'PublicSubnetB')).toBeUndefined();
    // Things placed in the replaced subnet go with it, in the stacks it flows to.
    expect(resource(stack(compare(CIDR_CHANGED), 'gateways'), 'NatGatewayA')?.impact).toBe(
      'replace',
    );
  });

  it('follows the replaced subnet downstream: only the instance in that subnet is replaced, and the load balancer updated', () => {
    const r = compare(CIDR_CHANGED);
    const compute = stack(r, 'compute');
    expect(compute.inputs).toEqual([
      {
        parameter: 'PublicSubnetIds',
        from: 'network.PublicSubnetIds',
        why: 'PublicSubnetA is replaced',
      },
    ]);
    expect(resource(compute, 'FrontendInstance1')).toMatchObject({
      impact: 'replace',
      properties: [{ path: 'SubnetId', replacement: 'always' }],
    });
    expect(resource(compute, 'FrontendInstance2')).toBeUndefined();
    const lb = stack(r, 'load-balancer');
    expect(lb.inputs?.map((i) => i.parameter).sort()).toEqual(['PublicSubnetIds']);
    expect(resource(lb, 'LoadBalancer')?.impact).toBe('update');
    expect(stack(r, 'database').status).toBe('unchanged');
  });

  it('puts SSH opened to the world in the security section as widening and open', () => {
    const security = stack(compare(SSH_OPENED), 'security');
    expect(security.security).toEqual(
      expect.arrayContaining([
        {
          kind: 'ingress',
          change: 'added',
          widens: true,
          open: true,
          description: 'FrontendSecurityGroup ingress TCP 22 from Everyone (IPv4)',
        },
        {
          kind: 'ingress',
          change: 'removed',
          widens: false,
          open: false,
          description: 'FrontendSecurityGroup ingress TCP 22 from 203.0.113.0/24',
        },
      ]),
    );
    expect(security.security).toHaveLength(2);
  });

  it('puts IAM statements and managed policies that widen access in the security section', () => {
    const security = stack(compare(IAM_WIDENED), 'identity').security;
    const statements = security.filter((c) => c.kind === 'iam-statement');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((c) => c.change === 'added' && c.widens && c.open)).toBe(true);
    expect(statements.map((c) => c.description).sort()).toEqual([
      'Allow s3:* on * for BackendInstanceRole',
      'Allow s3:* on * for FrontendInstanceRole',
    ]);
    const policies = security.filter((c) => c.kind === 'managed-policy');
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.map((c) => c.description).sort()).toEqual([
      'BackendInstanceRole managed policy CloudWatchAgentServerPolicy',
      'FrontendInstanceRole managed policy CloudWatchAgentServerPolicy',
    ]);
    expect(policies.every((c) => c.widens)).toBe(true);
  });

  it('warns when a resource that holds data is replaced, and says what its policy keeps', () => {
    const r = compare(DB_RENAMED);
    expect(resource(stack(r, 'database'), 'Database')).toMatchObject({
      impact: 'replace',
      dataWarning:
        'holds data: replaced; CloudFormation keeps a snapshot of the old one (UpdateReplacePolicy: Snapshot), the new one starts empty',
      properties: [{ path: 'DBName', old: 'appdb', new: 'appdata', replacement: 'always' }],
    });
    expect(summaryLine(r)).toContain('1 resource holding data replaced or removed');
  });

  it('an added tier adds its instances without touching the existing ones', () => {
    const r = compare(TIER_ADDED);
    const compute = stack(r, 'compute');
    const added = compute.resources.filter((x) => x.kind === 'added');
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((x) => x.impact === 'create')).toBe(true);
    expect(
      added.some(
        (x) => x.type === 'AWS::EC2::Instance' && x.topologyPath?.startsWith('tiers.worker'),
      ),
    ).toBe(true);
    expect(
      compute.resources.filter((x) => x.impact === 'replace' || x.impact === 'destroy'),
    ).toEqual([]);
    expect(stack(r, 'network').status).toBe('unchanged');
  });

  it('reports a stack the base does not have as new, and one that is gone as deleted', () => {
    const withoutLb = {
      manifest: { ...seed.manifest!, stacks: seed.manifest!.stacks.slice(0, 4) },
      templates: new Map([...seed.templates].filter(([l]) => l !== 'load-balancer')),
    };
    expect(stack(compareTemplateSets(seed, withoutLb, 'git', 'x'), 'load-balancer').status).toBe(
      'new',
    );
    expect(stack(compareTemplateSets(withoutLb, seed, 'git', 'x'), 'load-balancer').status).toBe(
      'deleted',
    );
  });
});
