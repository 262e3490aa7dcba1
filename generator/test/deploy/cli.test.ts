import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  DescribeStackDriftDetectionStatusCommand,
  DetectStackDriftCommand,
  CreateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { run, type CliIO } from '../../src/cli';
import { FakeCloudFormation } from './fake-cloudformation';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

/** Runs the CLI in-process; stdin is a pipe (not a TTY) unless `answer` is given, which is typed into a TTY stdin. */
async function strata(cwd: string, args: string[], answer?: string, ttyOut = false) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: answer !== undefined });
  if (answer !== undefined) setImmediate(() => stdin.write(`${answer}\n`));
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), {
      write: (t: string) => out.push(t),
      isTTY: ttyOut,
      columns: 100,
    }) as never,
    stderr: Object.assign(new PassThrough(), { write: (t: string) => err.push(t) }) as never,
    stdin,
    env: { STRATA_POLL_INTERVAL_MS: '0', NO_COLOR: '1' },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('strata deploy / status / outputs / destroy through the CLI', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    cwd = makeWorkspace();
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('with --require-approval any-change, refuses without --yes when stdin is not a terminal, before any AWS call', async () => {
    const r = await strata(cwd, ['deploy', '--require-approval', 'any-change']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'strata deploy asks before it changes stacks, but stdin is not a terminal, so it cannot ask',
    );
    expect(r.stderr).toContain('strata deploy --dry-run');
    expect(fake.cfn.calls()).toHaveLength(0);
  });

  it('deploys everything with --yes, printing plain progress lines with a stack counter and the site URL', async () => {
    const r = await strata(cwd, ['deploy', '--yes', '--region', 'eu-west-1']);
    expect(r.stderr).toBe(
      'warning: the topology is for us-east-1 and names its availability zones; in eu-west-1 subnets that use them cannot be created (set region in spec/topology.yaml and run strata generate instead)\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deploying portfolio to eu-west-1');
    // Not a terminal: timestamped lines, each stack's ending with the time since it started.
    const stamp = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`;
    expect(r.stdout).toMatch(
      new RegExp(
        `^${stamp} \\[1/5 stacks\\] portfolio-network ✔ CREATE_COMPLETE \\(\\+\\d+s\\)$`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^${stamp} \\[5/5 stacks\\] portfolio-load-balancer ✔ CREATE_COMPLETE \\(\\+\\d+s\\)$`,
        'm',
      ),
    );
    expect(r.stdout).not.toContain('\u001b['); // no redraw codes in CI output
    expect(r.stdout).toContain('siteUrl: http://portfolio-alb-1.us-east-1.elb.amazonaws.com');
  });

  it('on Ctrl-C stops watching, says the operation goes on, and exits 130', async () => {
    fake.seed('portfolio-bootstrap', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'],
    });
    fake.scripts['portfolio-bootstrap'].changes = [];
    const listeners = process.listenerCount('SIGINT');
    fake.cfn.on(CreateStackCommand).callsFake((i) => {
      const result = (fake as unknown as { createStack(input: unknown): unknown }).createStack(i);
      setImmediate(() => process.emit('SIGINT'));
      return result;
    });
    const r = await strata(cwd, ['deploy', '--yes', '--stack', 'network']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(
      'stopped watching portfolio-network; the operation goes on in CloudFormation',
    );
    expect(r.stderr).toContain('run strata status to follow it');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    expect(fake.find('portfolio-network').status).toBe('CREATE_IN_PROGRESS');
  });

  it('exits 0 with "no changes" when nothing changed', async () => {
    await strata(cwd, ['deploy', '--yes']);
    for (const name of Object.keys(DIAMOND_OUTPUTS)) fake.scripts[name].changes = [];
    const r = await strata(cwd, ['deploy', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/ no changes$/gm)).toHaveLength(6);
  });

  it('exits non-zero with the first failed resource when a stack fails', async () => {
    fake.scripts['portfolio-network'] = {
      fail: { logicalId: 'NatGatewayA', reason: 'Elastic IP address limit exceeded' },
    };
    const r = await strata(cwd, ['deploy', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error portfolio-network ended ROLLBACK_COMPLETE: NatGatewayA (AWS::EC2::Instance) CREATE_FAILED: Elastic IP address limit exceeded',
    );
    expect(r.stdout).toMatch(
      /Deploy stopped\n {2}portfolio-network +failed +✖ ROLLBACK_COMPLETE\n {2}portfolio-security +not started\n/,
    );
  });

  it('asks on a terminal and deploys nothing when the answer is no', async () => {
    fake.seed('portfolio-bootstrap', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'],
    });
    fake.scripts['portfolio-bootstrap'].changes = [];
    const r = await strata(
      cwd,
      ['deploy', '--stack', 'network', '--require-approval', 'any-change'],
      'n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('portfolio-network new stack, created directly: 1 to add');
    expect(r.stderr).toContain('Create portfolio-network? [y/N]');
    expect(r.stdout).toContain('[1/1 stacks] portfolio-network not created');
    expect(fake.timeline.filter((e) => /^(execute|create-stack)/.test(e))).toEqual([]);
    expect(fake.stacks.has('portfolio-network')).toBe(false);
  });

  it('asks on a terminal and deploys when the answer is yes, redrawing progress in place', async () => {
    fake.seed('portfolio-bootstrap', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'],
    });
    fake.scripts['portfolio-bootstrap'].changes = [];
    const r = await strata(cwd, ['deploy', '--stack', 'network'], 'y', true);
    expect(r.code).toBe(0);
    expect(fake.timeline).toContain('complete:portfolio-network');
    expect(r.stdout).toContain('\u001b[1A\u001b[2K');
    expect(r.stdout).toContain('portfolio-network ✔ CREATE_COMPLETE\n');
    expect(r.stdout).toMatch(/Deploy finished\n {2}portfolio-network +created +✔ CREATE_COMPLETE/);
  });

  it('status lists every stack with its status; outputs prints the site URL first', async () => {
    await strata(cwd, ['deploy', '--yes']);
    const status = await strata(cwd, ['status']);
    expect(status.stdout).toMatch(/network\s+portfolio-network\s+✔ CREATE_COMPLETE/);
    const outputs = await strata(cwd, ['outputs', '--json']);
    expect(JSON.parse(outputs.stdout)).toMatchObject({
      outputs: { siteUrl: 'http://portfolio-alb-1.us-east-1.elb.amazonaws.com' },
      stacks: { network: { VpcId: 'vpc-0123' } },
    });
  });

  it('status --drift runs drift detection and reports drifted stacks', async () => {
    await strata(cwd, ['deploy', '--yes']);
    let polls = 0;
    fake.cfn
      .on(DetectStackDriftCommand)
      .callsFake((i) => ({ StackDriftDetectionId: `drift-${i.StackName}` }));
    fake.cfn.on(DescribeStackDriftDetectionStatusCommand).callsFake((i) =>
      polls++ % 2 === 0
        ? { DetectionStatus: 'DETECTION_IN_PROGRESS' }
        : {
            DetectionStatus: 'DETECTION_COMPLETE',
            StackDriftStatus:
              i.StackDriftDetectionId === 'drift-portfolio-security' ? 'DRIFTED' : 'IN_SYNC',
            DriftedStackResourceCount:
              i.StackDriftDetectionId === 'drift-portfolio-security' ? 2 : 0,
          },
    );
    const r = await strata(cwd, ['status', '--drift']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /security\s+portfolio-security\s+✔ CREATE_COMPLETE {2}drift: DRIFTED \(2 resources\)/,
    );
    expect(r.stdout).toMatch(/network\s+portfolio-network\s+✔ CREATE_COMPLETE {2}drift: IN_SYNC/);
  });

  it('destroy refuses without --yes when stdin is not a terminal', async () => {
    const r = await strata(cwd, ['destroy']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stdin is not a terminal');
  });

  it('destroy deletes in reverse dependency order, turning termination protection off, and keeps the bootstrap stack', async () => {
    await strata(cwd, ['deploy', '--yes']);
    fake.timeline.length = 0;
    const r = await strata(cwd, ['destroy', '--yes']);
    expect(r.code).toBe(0);
    const deleted = fake.timeline
      .filter((e) => e.startsWith('deleted:'))
      .map((e) => e.slice('deleted:'.length));
    const at = (s: string) => deleted.indexOf(`portfolio-${s}`);
    expect(deleted).toHaveLength(5);
    expect(at('load-balancer')).toBeLessThan(at('compute'));
    expect(at('compute')).toBeLessThan(Math.min(at('security'), at('database')));
    expect(at('network')).toBe(4);
    expect(fake.timeline).toContain('protect:portfolio-network:false');
    expect(r.stdout).toContain(
      'portfolio-database/Database: DeletionPolicy Snapshot, so CloudFormation keeps a final snapshot',
    );
    expect(fake.stacks.get('portfolio-bootstrap')?.status).toBe('CREATE_COMPLETE');
  });

  it('destroy refuses, before deleting anything, when the live database has deletion protection on', async () => {
    await strata(cwd, ['deploy', '--yes']);
    const db = fake.find('portfolio-database');
    db.templateBody = db.templateBody!.replace(
      'DeletionProtection: false',
      'DeletionProtection: true',
    );
    fake.timeline.length = 0;
    const r = await strata(cwd, ['destroy', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'portfolio-database/Database has deletion protection on; nothing was deleted',
    );
    expect(r.stderr).toContain('set database.deletionProtection: false in the topology');
    expect(fake.timeline).toEqual([]);
  });

  it('destroy asks for the project name and deletes nothing on a wrong answer', async () => {
    await strata(cwd, ['deploy', '--yes']);
    fake.timeline.length = 0;
    const r = await strata(cwd, ['destroy'], 'yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not confirmed; nothing was deleted');
    expect(fake.timeline).toEqual([]);
  });

  it('rejects a malformed --endpoint-url before any request', async () => {
    const r = await strata(cwd, ['status', '--endpoint-url', 'localhost:4566']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--endpoint-url "localhost:4566" is not an http(s) URL');
  });
});
