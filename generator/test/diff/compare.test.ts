import { compareTemplateSets } from '../../src/diff/compare';
import type { DiffReport, StackDiff } from '../../src/diff/model';
import { CIDR_CHANGED, DB_RENAMED, edit, generated, IAM_WIDENED, SEED } from './topologies';

const seed = generated(SEED);
const compare = (text: string): DiffReport => compareTemplateSets(generated(text), seed);
const stack = (r: DiffReport, layer: string): StackDiff => r.stacks.find((s) => s.layer === layer)!;
const resource = (s: StackDiff, id: string) => s.resources.find((r) => r.logicalId === id);

describe('the plan of generated templates', () => {
  it('finds nothing between the seed and itself', () => {
    const r = compare(SEED);
    expect(r.hasChanges).toBe(false);
    expect(r.stacks.map((s) => s.status)).toEqual(Array(7).fill('unchanged'));
    expect(r.totals).toEqual({ create: 0, modify: 0, interrupt: 0, replace: 0, remove: 0 });
  });

  it('a changed subnet CIDR replaces the subnet, citing the create-only property and the edited line', () => {
    const network = stack(compare(CIDR_CHANGED), 'network');
    expect(resource(network, 'PublicSubnetA')).toEqual({
      logicalId: 'PublicSubnetA',
      type: 'AWS::EC2::Subnet',
      impact: 'replace',
      properties: [
        {
          path: 'CidrBlock',
          old: '10.0.1.0/24',
          new: '10.0.3.0/24',
          effect: 'replace',
          reason: 'CidrBlock is create-only (registry schema)',
        },
      ],
      causes: [{ path: 'network.subnets.public.cidrs[0]', line: 18, change: 'changed' }],
      topologyPath: 'network.subnets.public.cidrs[0]',
    });
    expect(resource(network, 'PublicSubnetB')).toBeUndefined();
  });

  it('resolves list outputs element by element: only the instance in the replaced subnet is replaced', () => {
    const r = compare(CIDR_CHANGED);
    const compute = stack(r, 'compute');
    const one = resource(compute, 'FrontendInstance1')!;
    expect(one).toMatchObject({ impact: 'replace', via: ['network.PublicSubnetA'] });
    expect(one.properties).toEqual([
      expect.objectContaining({ path: 'SubnetId', effect: 'replace', knownAfterDeploy: true }),
    ]);
    // The propagated change names the upstream edit, not the line that created the instance.
    expect(one.causes.map((c) => c.path)).toEqual(['network.subnets.public.cidrs[0]']);
    expect(resource(compute, 'FrontendInstance2')).toBeUndefined();
    expect(compute.inputs.map((i) => i.parameter)).toEqual(['PublicSubnetIds']);
    expect(resource(stack(r, 'load-balancer'), 'LoadBalancer')?.impact).toBe('modify');
    expect(stack(r, 'database').status).toBe('unchanged');
  });

  it('an instance type change replaces the instances through the launch template version, and says the site goes down', () => {
    const r = compare(
      edit(
        SEED,
        'instanceType: t3.micro\n    count: 2\n    port: 5001',
        'instanceType: t3.small\n    count: 2\n    port: 5001',
      ),
    );
    const compute = stack(r, 'compute');
    expect(resource(compute, 'BackendLaunchTemplate')?.impact).toBe('modify');
    expect(resource(compute, 'BackendInstance1')?.properties[0]).toMatchObject({
      path: 'LaunchTemplate.Version',
      effect: 'replace',
      reason: 'LaunchTemplate is create-only (registry schema)',
      knownAfterDeploy: true,
    });
    expect(resource(compute, 'FrontendInstance1')?.impact).toBe('replace');
    expect(r.downtime[0]).toMatch(/^the frontend tier is replaced all at once/);
    expect(r.totals).toMatchObject({ replace: 4, modify: 3 });
  });

  it('a renamed database is replaced and says what is kept and what is lost', () => {
    const db = resource(stack(compare(DB_RENAMED), 'database'), 'Database')!;
    expect(db.impact).toBe('replace');
    expect(db.data?.kept).toMatch(/final snapshot .*UpdateReplacePolicy: Snapshot/);
    expect(db.data?.lost).toMatch(/the new one starts empty/);
  });

  it('a database class change interrupts, with the documented source of the fact', () => {
    const r = compare(edit(SEED, 'instanceClass: db.t3.micro', 'instanceClass: db.t3.small'));
    const db = resource(stack(r, 'database'), 'Database')!;
    expect(db.impact).toBe('interrupt');
    expect(db.properties[0].reason).toMatch(
      /AWS::RDS::DBInstance: "Update requires: Some interruptions"/,
    );
    expect(r.downtime).toEqual([expect.stringMatching(/^the database Database restarts/)]);
  });

  it('puts wildcard IAM statements and managed policies in the security section', () => {
    const security = stack(compare(IAM_WIDENED), 'identity').security;
    const statements = security.filter((c) => c.kind === 'iam-statement');
    expect(statements.map((c) => c.description).sort()).toEqual([
      'Allow s3:* on * for BackendInstanceRole',
      'Allow s3:* on * for FrontendInstanceRole',
    ]);
    expect(statements.every((c) => c.widens && c.open)).toBe(true);
    expect(security.filter((c) => c.kind === 'managed-policy')).toHaveLength(2);
  });

  it('a renamed project is new stacks to CloudFormation, and says the old ones stay', () => {
    const r = compare(edit(SEED, 'name: portfolio\n', 'name: shop\n'));
    const network = stack(r, 'network');
    expect(network).toMatchObject({ stackName: 'shop-network', status: 'new' });
    expect(network.resources.every((x) => x.impact === 'create')).toBe(true);
    expect(network.note).toMatch(
      /^the stack was portfolio-network: deploy creates shop-network beside it/,
    );
  });
});
