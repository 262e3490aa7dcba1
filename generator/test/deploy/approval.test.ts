import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DATABASE_RESOURCE, DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

const marker = (layer: string) =>
  `Description: ${layer}\nResources:\n  Marker:\n    Type: AWS::SSM::Parameter\n    Properties: { Type: String, Value: ${layer} }\n`;

const securityGroup = (cidr?: string) =>
  `Description: security\nResources:\n  AppSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: app\n      SecurityGroupIngress:\n${cidr ? `        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: ${cidr} }\n` : '        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }\n'}`;

describe('deploy --require-approval, --allow-replace and the stack policy', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  /** Every stack deployed as out/ has it, so only what a test changes differs. */
  function deployedAsOut(): void {
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) {
      const layer = name.replace(/^portfolio-/, '');
      const file = join(cwd, 'out', `${layer}.yaml`);
      const templateBody = layer === 'bootstrap' ? undefined : readFileSync(file, 'utf8');
      fake.seed(name, 'UPDATE_COMPLETE', { outputs, templateBody });
      fake.scripts[name] = { outputs, changes: [] };
    }
  }
  beforeEach(() => {
    fake = new FakeCloudFormation();
    cwd = makeWorkspace();
    deployedAsOut();
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('deploys without a question when nothing widens access or touches data (no terminal needed)', async () => {
    writeFileSync(
      join(cwd, 'out', 'network.yaml'),
      marker('network').replace('Value: network', 'Value: two'),
    );
    fake.scripts['portfolio-network'].changes = [
      { action: 'Modify', logicalId: 'Marker', type: 'AWS::SSM::Parameter' },
    ];
    const r = await strataRun(cwd, ['deploy', '--stack', 'network']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('No change widens access or replaces data');
    expect(fake.timeline).toContain('complete:portfolio-network');
  });

  it('asks when a security group opens to the world, listing that change first; no terminal: refuses', async () => {
    fake.find('portfolio-security').templateBody = securityGroup();
    writeFileSync(join(cwd, 'out', 'security.yaml'), securityGroup('0.0.0.0/0'));
    const piped = await strataRun(cwd, ['deploy', '--stack', 'security']);
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('stdin is not a terminal');
    const declined = await strataRun(cwd, ['deploy', '--stack', 'security'], 'n');
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(
      /This deploy needs approval:\n {2}! access portfolio-security: AppSg ingress TCP 22 from Everyone/,
    );
    expect(declined.stderr).toContain('not approved; nothing was deployed');
    expect(fake.timeline.filter((e) => e.startsWith('change-set:portfolio-security'))).toEqual([]);
  });

  it('Ctrl-C at the approval prompt aborts at once with exit 130', async () => {
    fake.find('portfolio-security').templateBody = securityGroup();
    writeFileSync(join(cwd, 'out', 'security.yaml'), securityGroup('0.0.0.0/0'));
    const r = await strataRun(cwd, ['deploy', '--stack', 'security'], '^C');
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted at the prompt');
    expect(fake.timeline.filter((e) => e.startsWith('change-set:portfolio-security'))).toEqual([]);
  });

  it('refuses to remove the database unless --allow-replace names it, then relaxes and restores the policy', async () => {
    writeFileSync(join(cwd, 'out', 'database.yaml'), marker('database'));
    const refused = await strataRun(cwd, ['deploy', '--stack', 'database', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('portfolio-database/Database, which the stack policy denies');
    expect(refused.stderr).toContain('--allow-replace Database');
    // With the name given the removal is asked about (data is lost), then the policy is relaxed for it.
    writeFileSync(
      join(cwd, 'out', 'database.yaml'),
      `${marker('database')}${DATABASE_RESOURCE}`.replace(
        'Engine: mysql',
        'Engine: mysql, DBName: other',
      ),
    );
    fake.scripts['portfolio-database'].changes = [
      {
        action: 'Modify',
        logicalId: 'Database',
        type: 'AWS::RDS::DBInstance',
        replacement: 'True',
      },
    ];
    const r = await strataRun(
      cwd,
      ['deploy', '--stack', 'database', '--allow-replace', 'Database'],
      'y',
    );
    expect(r.stderr).toMatch(
      /! data portfolio-database: Database \(AWS::RDS::DBInstance\) is replaced/,
    );
    expect(r.code).toBe(0);
    const policies = fake.timeline.filter((e) => e.startsWith('policy:portfolio-database:'));
    expect(
      policies.map((p) => JSON.parse(p.split(':').slice(2).join(':')).Statement.length),
    ).toEqual([1, 2]);
    expect(fake.find('portfolio-database').policy).toContain('"Update:Replace","Update:Delete"');
  });

  it('sets the deny policy on every update of a stack holding a database', async () => {
    fake.scripts['portfolio-database'].changes = [
      { action: 'Modify', logicalId: 'Marker', type: 'AWS::SSM::Parameter' },
    ];
    const r = await strataRun(cwd, ['deploy', '--stack', 'database', '--yes']);
    expect(r.code).toBe(0);
    expect(JSON.parse(fake.find('portfolio-database').policy!)).toEqual({
      Statement: [
        { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: ['Update:Replace', 'Update:Delete'],
          Principal: '*',
          Resource: ['LogicalResourceId/Database'],
        },
      ],
    });
  });

  it('rejects an unknown --require-approval level as a usage error', async () => {
    const r = await strataRun(cwd, ['deploy', '--require-approval', 'sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--require-approval sometimes is not one of never, any-change, broadening',
    );
  });
});
