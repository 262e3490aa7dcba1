import { rmSync } from 'node:fs';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStackResourceCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import type { Manifest } from '../../src/manifest/read';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { makeWorkspace } from '../deploy/workspace';
import { addEnvironment, envManifest, scriptEnvironment, strata } from './workspace';

/** The dr manifest: its database stack takes the snapshot at deploy time. */
function drManifest(): Manifest {
  const m = envManifest('dr', { region: 'us-west-2' });
  const db = m.stacks.find((s) => s.layer === 'database')!;
  db.parameters = { ...db.parameters, DatabaseSnapshotIdentifier: { from: 'deploy-parameter' } };
  return m;
}

// The first deploy creates the stack directly; later ones update it through change sets.
const snapshotParameter = (fake: FakeCloudFormation) =>
  [...fake.cfn.commandCalls(CreateStackCommand), ...fake.cfn.commandCalls(CreateChangeSetCommand)]
    .filter((c) => c.args[0].input.StackName === 'portfolio-dr-database')
    .map((c) =>
      c.args[0].input.Parameters!.find((p) => p.ParameterKey === 'DatabaseSnapshotIdentifier'),
    );

describe('deploy-time parameters (the DR snapshot)', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    scriptEnvironment(fake, 'dr');
    cwd = makeWorkspace();
    addEnvironment(cwd, drManifest());
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses a first deploy without the snapshot before any change', async () => {
    const r = await strata(cwd, ['deploy', '--env', 'dr', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'portfolio-dr-database needs DatabaseSnapshotIdentifier at its first deploy',
    );
    expect(r.stderr).toContain('pass --parameter DatabaseSnapshotIdentifier=<value>');
    expect(fake.timeline).toEqual([]);
  });

  it('passes --parameter on create, then keeps the previous value on later deploys', async () => {
    const snap = 'arn:aws:rds:us-west-2:123456789012:snapshot:prod-copy-1';
    const first = await strata(cwd, [
      'deploy',
      '--env',
      'dr',
      '--yes',
      '--parameter',
      `DatabaseSnapshotIdentifier=${snap}`,
    ]);
    expect(first.code).toBe(0);
    const again = await strata(cwd, ['deploy', '--env', 'dr', '--yes']);
    expect(again.code).toBe(0);
    expect(snapshotParameter(fake)).toEqual([
      { ParameterKey: 'DatabaseSnapshotIdentifier', ParameterValue: snap },
      { ParameterKey: 'DatabaseSnapshotIdentifier', UsePreviousValue: true },
    ]);
  });

  it('rejects a parameter no stack takes, and one without a value', async () => {
    const typo = await strata(cwd, ['deploy', '--env', 'dr', '--yes', '--parameter', 'DbSnap=x']);
    expect(typo.stderr).toContain('no stack takes DbSnap at deploy time');
    expect(typo.stderr).toContain('deploy-time parameters here: DatabaseSnapshotIdentifier');
    const empty = await strata(cwd, [
      'deploy',
      '--env',
      'dr',
      '--yes',
      '--parameter',
      'DatabaseSnapshotIdentifier=',
    ]);
    expect(empty.stderr).toContain('is not Key=Value');
    expect(fake.timeline).toEqual([]);
  });
});

describe('strata snapshots', () => {
  const rds = mockClient(RDSClient);
  let fake: FakeCloudFormation;
  let cwd: string;
  const tags = (env?: string) => [
    { Key: 'strata:project', Value: 'portfolio' },
    { Key: 'strata:layer', Value: 'database' },
    ...(env ? [{ Key: 'strata:environment', Value: env }] : []),
  ];
  beforeEach(() => {
    rds.reset();
    fake = new FakeCloudFormation();
    cwd = makeWorkspace();
    addEnvironment(cwd, envManifest('prod'));
    fake.cfn.on(DescribeStackResourceCommand).resolves({
      StackResourceDetail: {
        LogicalResourceId: 'Database',
        PhysicalResourceId: 'portfolio-prod-db-abc',
        ResourceType: 'AWS::RDS::DBInstance',
        ResourceStatus: 'CREATE_COMPLETE',
        LastUpdatedTimestamp: new Date(),
      },
    });
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({
        Marker: 'page-2',
        DBSnapshots: [
          {
            DBSnapshotIdentifier: 'rds:portfolio-prod-db-abc-2026-12-01-03-00',
            DBSnapshotArn:
              'arn:aws:rds:us-east-1:123456789012:snapshot:rds:portfolio-prod-db-abc-2026-12-01-03-00',
            DBInstanceIdentifier: 'portfolio-prod-db-abc',
            SnapshotType: 'automated',
            Status: 'available',
            SnapshotCreateTime: new Date('2026-12-01T03:00:00Z'),
            AllocatedStorage: 20,
            Encrypted: true,
            EngineVersion: '8.0.43',
          },
          {
            DBSnapshotIdentifier: 'staging-final',
            DBInstanceIdentifier: 'portfolio-staging-db-xyz',
            SnapshotType: 'manual',
            TagList: tags('staging'),
          },
        ],
      })
      .resolvesOnce({
        DBSnapshots: [
          {
            // The final snapshot of a destroyed prod stack: its instance is gone, its tags remain.
            DBSnapshotIdentifier: 'portfolio-prod-database-database-1xyz-snapshot',
            DBSnapshotArn:
              'arn:aws:rds:us-east-1:123456789012:snapshot:portfolio-prod-database-database-1xyz-snapshot',
            DBInstanceIdentifier: 'portfolio-prod-db-old',
            SnapshotType: 'manual',
            Status: 'available',
            SnapshotCreateTime: new Date('2026-11-20T10:00:00Z'),
            AllocatedStorage: 20,
            Encrypted: true,
            EngineVersion: '8.0.43',
            TagList: tags('prod'),
          },
          { DBSnapshotIdentifier: 'someone-else', DBInstanceIdentifier: 'other-db' },
        ],
      });
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));
  afterAll(() => rds.restore());

  it("lists the environment's snapshots, final snapshots included, newest first", async () => {
    const r = await strata(cwd, ['snapshots', '--env', 'prod', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.snapshots.map((s: { identifier: string }) => s.identifier)).toEqual([
      'rds:portfolio-prod-db-abc-2026-12-01-03-00',
      'portfolio-prod-database-database-1xyz-snapshot',
    ]);
    expect(body.snapshots[1]).toMatchObject({ type: 'manual', encrypted: true, sizeGiB: 20 });
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)[1].args[0].input.Marker).toBe('page-2');
    expect(r.stderr).toContain('portfolio · environment prod · account not checked · us-east-1');
  });

  it('prints them for a person, with the restore command', async () => {
    const r = await strata(cwd, ['snapshots', '--env', 'prod']);
    expect(r.stdout).toContain('DB snapshots of environment prod in us-east-1, newest first:');
    expect(r.stdout).toContain(
      '    automated available 2026-12-01T03:00:00.000Z  20 GiB  encrypted  MySQL 8.0.43',
    );
    expect(r.stdout).toContain('--parameter DatabaseSnapshotIdentifier=<identifier or ARN>');
  });
});
