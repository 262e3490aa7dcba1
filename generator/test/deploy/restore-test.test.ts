import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  RestoreDBInstanceFromDBSnapshotCommand,
} from '@aws-sdk/client-rds';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  CloudFormationClient,
  ListStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';
import { runCli } from '../core/run-cli';
import { parseCounts } from '../../src/deploy/restore-check';
import { restoredName, restoreTest, type RestoreTarget } from '../../src/deploy/restore-test';

const rds = mockClient(RDSClient);
const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);

/** A clock where each sleep moves time on by what it was asked, without waiting. */
function simulatedClock() {
  let now = Date.UTC(2026, 11, 2, 1, 0, 0);
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return new Promise<void>((r) => setImmediate(r));
    },
  };
}

const target: RestoreTarget = {
  sourceInstanceId: 'portfolio-database',
  secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1',
  databaseName: 'appdb',
  username: 'admin',
  runnerInstanceId: 'i-0backend',
  tables: ['projects', 'skills', 'contacts'],
};

const source = {
  DBInstanceIdentifier: 'portfolio-database',
  DBInstanceStatus: 'available',
  DBInstanceClass: 'db.t3.micro',
  DBSubnetGroup: { DBSubnetGroupName: 'portfolio-db-subnets' },
  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db' }],
  DBParameterGroups: [{ DBParameterGroupName: 'portfolio-params' }],
};

/**
 * The restored instance: creating for two polls, then available, then gone after delete. Each
 * restore starts the script afresh, so one test may run the command twice (a script that stayed
 * "deleted" after the first run made the second one poll for "available" until its hour was up).
 */
function scriptRds(
  restoredStatus: string[] = [
    'creating',
    'creating',
    'available',
    'resetting-master-credentials',
    'available',
  ],
) {
  let deleted = false;
  let statuses = [...restoredStatus];
  rds.on(DescribeDBSnapshotsCommand).resolves({
    DBSnapshots: [
      {
        DBSnapshotIdentifier: 'rds:portfolio-database-2026-11-30',
        Status: 'available',
        SnapshotCreateTime: new Date('2026-11-30T03:00:00Z'),
      },
      {
        DBSnapshotIdentifier: 'rds:portfolio-database-2026-12-01',
        Status: 'available',
        SnapshotCreateTime: new Date('2026-12-01T03:00:00Z'),
      },
      {
        DBSnapshotIdentifier: 'rds:portfolio-database-2026-12-02',
        Status: 'creating',
        SnapshotCreateTime: new Date('2026-12-02T03:00:00Z'),
      },
    ],
  });
  rds.on(DescribeDBInstancesCommand).callsFake((input: { DBInstanceIdentifier?: string }) => {
    if (input.DBInstanceIdentifier === 'portfolio-database') return { DBInstances: [source] };
    if (deleted) throw Object.assign(new Error('not found'), { name: 'DBInstanceNotFoundFault' });
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0];
    return {
      DBInstances: [
        {
          DBInstanceStatus: status,
          Endpoint: { Address: 'restored.example.internal', Port: 3306 },
        },
      ],
    };
  });
  rds.on(RestoreDBInstanceFromDBSnapshotCommand).callsFake(() => {
    deleted = false;
    statuses = [...restoredStatus];
    return {};
  });
  rds.on(ModifyDBInstanceCommand).resolves({});
  rds.on(DeleteDBInstanceCommand).callsFake(() => {
    deleted = true;
    return {};
  });
  secrets
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify({ username: 'admin', password: 'hunter2-current' }) });
}

function context(lines: string[] = []) {
  return {
    rds: new RDSClient({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    secrets: new SecretsManagerClient({ region: 'us-east-1' }),
    polling: { clock: simulatedClock(), intervalMs: 15000 },
    log: (line: string) => lines.push(line),
    timeoutMs: 3600000,
  };
}

beforeEach(() => {
  rds.reset();
  ssm.reset();
  secrets.reset();
});

describe('strata restore-test', () => {
  it('restores the newest available automated snapshot into the same subnets, checks it over SSM and deletes it', async () => {
    scriptRds();
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssm
      .on(GetCommandInvocationCommand)
      .rejectsOnce(Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist' }))
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({
        Status: 'Success',
        StandardOutputContent: 'projects\t3\nskills\t12\ncontacts\t0\n',
      });
    const lines: string[] = [];
    const report = await restoreTest(context(lines), target);

    expect(report.snapshotId).toBe('rds:portfolio-database-2026-12-01');
    expect(report.rows).toEqual({ projects: 3, skills: 12, contacts: 0 });
    const restore = rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0].input;
    expect(restore).toMatchObject({
      DBSnapshotIdentifier: 'rds:portfolio-database-2026-12-01',
      DBSubnetGroupName: 'portfolio-db-subnets',
      VpcSecurityGroupIds: ['sg-db'],
      DBParameterGroupName: 'portfolio-params',
      PubliclyAccessible: false,
      DeletionProtection: false,
    });
    expect(restore.DBInstanceIdentifier).toBe(report.restoredId);
    expect(rds.commandCalls(ModifyDBInstanceCommand)[0].args[0].input).toMatchObject({
      MasterUserPassword: 'hunter2-current',
      ApplyImmediately: true,
    });
    // The password never goes into the SSM command, and so never into its history or output.
    const sent = JSON.stringify(ssm.commandCalls(SendCommandCommand)[0].args[0].input);
    expect(sent).not.toContain('hunter2');
    expect(sent).toContain('restored.example.internal');
    expect(sent).toContain('MYSQL_PWD');
    expect(sent).toContain('--ssl-verify-server-cert');
    expect(rds.commandCalls(DeleteDBInstanceCommand)[0].args[0].input).toMatchObject({
      DBInstanceIdentifier: report.restoredId,
      SkipFinalSnapshot: true,
    });
    expect(report.timings.map((t) => t.step)).toEqual([
      'restore until available',
      'password reset',
      'SELECT over the tables',
      'deletion',
    ]);
    expect(report.timings[0].seconds).toBe(30);
    expect(lines.join('\n')).toMatch(/restore until available: 30 s/);
  });

  it('deletes the temporary instance when the check fails', async () => {
    scriptRds();
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-2' } });
    ssm.on(GetCommandInvocationCommand).resolves({
      Status: 'Failed',
      StandardErrorContent: "ERROR 1146 (42S02): Table 'appdb.skills' doesn't exist",
    });
    await expect(restoreTest(context(), target)).rejects.toMatchObject({
      code: 'E_DEPLOY',
      hint: expect.stringContaining("doesn't exist"),
    });
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
  });

  it('stops at its bound when the restore never becomes available, and still deletes', async () => {
    scriptRds(['creating']);
    const ctx = { ...context(), timeoutMs: 5 * 60000 };
    await expect(restoreTest(ctx, target)).rejects.toMatchObject({
      message: expect.stringContaining('did not become available in time'),
    });
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
    expect(ssm.commandCalls(SendCommandCommand)).toHaveLength(0);
  });

  it('says so when there is no automated snapshot yet, and restores nothing', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [source] });
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    await expect(restoreTest(context(), target)).rejects.toMatchObject({
      message: 'portfolio-database has no available automated snapshot',
    });
    expect(rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)).toHaveLength(0);
  });

  it('names the temporary instance within 63 characters and reads counts strictly', () => {
    const name = restoredName('a'.repeat(63), Date.UTC(2026, 11, 2, 1, 30));
    expect(name).toHaveLength(63);
    expect(name.endsWith('-restore-test-202612020130')).toBe(true);
    expect(() => parseCounts('projects\t3\n', ['projects', 'skills'])).toThrow(
      /did not answer for skills/,
    );
  });
});

describe('strata restore-test (the command)', () => {
  const cfn = mockClient(CloudFormationClient);
  const sts = mockClient(STSClient);
  let account = '123456789012';
  beforeEach(() => {
    cfn.reset();
    sts.reset();
    account = '123456789012';
    sts.on(GetCallerIdentityCommand).callsFake(() => ({
      Account: account,
      Arn: `arn:aws:iam::${account}:user/ci`,
    }));
    scriptStacks();
  });
  afterAll(() => {
    cfn.restore();
    sts.restore();
  });

  function scriptStacks() {
    cfn.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => ({
      Stacks: [
        {
          StackName: input.StackName,
          StackId: `arn:aws:cloudformation:us-east-1:123456789012:stack/${input.StackName}/1`,
          StackStatus: 'CREATE_COMPLETE',
          CreationTime: new Date(0),
          Outputs: Object.entries(
            input.StackName === 'portfolio-database'
              ? {
                  DatabaseSecretArn: target.secretArn,
                  DatabaseName: 'appdb',
                  DatabaseUsername: 'admin',
                }
              : { BackendInstanceIds: 'i-0backend,i-1backend', FrontendInstanceIds: 'i-0front' },
          ).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    }));
    cfn.on(ListStackResourcesCommand).resolves({
      StackResourceSummaries: [
        { LogicalResourceId: 'DatabaseSubnetGroup', PhysicalResourceId: 'portfolio-db-subnets' },
        { LogicalResourceId: 'Database', PhysicalResourceId: 'portfolio-database' },
      ] as never,
    });
  }

  function scriptSsm(contacts: number) {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-3' } });
    ssm.on(GetCommandInvocationCommand).resolves({
      Status: 'Success',
      StandardOutputContent: `projects\t3\nskills\t12\ncontacts\t${contacts}\n`,
    });
  }

  const env = {
    STRATA_POLL_INTERVAL_MS: '0',
    NO_COLOR: '1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
  };

  it('finds the database and a backend instance from the deployed stacks, then prints the result', async () => {
    scriptRds();
    scriptSsm(1);
    const result = await runCli(['restore-test', '--region', 'us-east-1'], { cwd: ROOT, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // It creates and deletes an instance: the banner names the account STS answered with.
    expect(result.stdout.split('\n')[0]).toBe(
      'portfolio · base topology · account 123456789012 · us-east-1',
    );
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(ssm.commandCalls(SendCommandCommand)[0].args[0].input.InstanceIds).toEqual([
      'i-0backend',
    ]);
    expect(result.stdout).toContain(
      'Restoring rds:portfolio-database-2026-12-01 into portfolio-database-restore-test-',
    );
    expect(result.stdout).toMatch(
      /✔ rds:portfolio-database-2026-12-01 restores and answers: projects 3 rows, skills 12 rows, contacts 1 rows/,
    );
  });

  it('refuses a pinned account it is not in before any RDS call, then runs in the right one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'strata-restore-'));
    try {
      mkdirSync(join(cwd, 'out'));
      const manifest = JSON.parse(readFileSync(join(ROOT, 'out', 'manifest.json'), 'utf8'));
      writeFileSync(
        join(cwd, 'out', 'manifest.json'),
        JSON.stringify({ ...manifest, account: '123456789012' }),
      );
      scriptRds();
      scriptSsm(2);
      account = '999999999999';
      const args = ['restore-test', '--instance', 'i-0given', '--json'];
      const wrong = await runCli(args, { cwd, env });
      expect(wrong.code).toBe(1);
      expect(JSON.parse(wrong.stdout).message).toBe(
        'portfolio (base topology) is pinned to account 123456789012, but the credentials (arn:aws:iam::999999999999:user/ci) are for account 999999999999; nothing was changed',
      );
      expect(rds.calls()).toHaveLength(0);
      expect(cfn.calls()).toHaveLength(0);

      account = '123456789012';
      const right = await runCli(args, { cwd, env });
      expect(right.code).toBe(0);
      expect(JSON.parse(right.stdout)).toMatchObject({
        ok: true,
        rows: { projects: 3, skills: 12, contacts: 2 },
      });
      expect(right.stderr).toContain(
        'portfolio · base topology · account 123456789012 · us-east-1',
      );
      expect(ssm.commandCalls(SendCommandCommand)[0].args[0].input.InstanceIds).toEqual([
        'i-0given',
      ]);
      // A second restore in the same test starts from a fresh script (see scriptRds).
      const again = await runCli(args, { cwd, env });
      expect(again.code).toBe(0);
      expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(2);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
