import { deployStack, DeployFailure, type StackTarget } from '../../src/deploy/deploy-stack';
import { FakeCloudFormation } from './fake-cloudformation';
import { testContext } from './helpers';

const target = (over: Partial<StackTarget> = {}): StackTarget => ({
  stackName: 'portfolio-network',
  templateBody: 'Resources: {}',
  parameters: [],
  terminationProtection: true,
  tags: { 'strata:layer': 'network' },
  ...over,
});

describe('deployStack', () => {
  let fake: FakeCloudFormation;
  beforeEach(() => {
    fake = new FakeCloudFormation({ mock: false });
  });

  it('creates a new stack through a CREATE change set, then turns termination protection on', async () => {
    fake.scripts['portfolio-network'] = {
      changes: [{ action: 'Add', logicalId: 'Vpc', type: 'AWS::EC2::VPC' }],
      outputs: { VpcId: 'vpc-1' },
    };
    const { ctx, log } = testContext({}, 1, fake);
    const outcome = await deployStack(ctx, target());
    expect(outcome).toMatchObject({
      result: 'created',
      status: 'CREATE_COMPLETE',
      outputs: { VpcId: 'vpc-1' },
    });
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'execute:portfolio-network:{}',
      'complete:portfolio-network',
      'protect:portfolio-network:true',
    ]);
    expect(log).toContain('  + Add    Vpc  AWS::EC2::VPC');
    expect(
      log.some((l) =>
        /\[0\/1 stacks\] portfolio-network CREATE_IN_PROGRESS Vpc/.test(l.replace(/[…✔]\s?/g, '')),
      ),
    ).toBe(true);
    expect(log.at(-2)).toBe('[1/1 stacks] portfolio-network ✔ CREATE_COMPLETE');
  });

  it('updates an existing stack through an UPDATE change set and flags replacements', async () => {
    fake.seed('portfolio-network', 'CREATE_COMPLETE', {
      protection: true,
      outputs: { VpcId: 'vpc-1' },
    });
    fake.scripts['portfolio-network'] = {
      changes: [
        {
          action: 'Modify',
          logicalId: 'PublicSubnetA',
          type: 'AWS::EC2::Subnet',
          replacement: 'True',
        },
      ],
    };
    const { ctx, log } = testContext({}, 1, fake);
    const outcome = await deployStack(ctx, target());
    expect(outcome).toMatchObject({
      result: 'updated',
      status: 'UPDATE_COMPLETE',
      outputs: { VpcId: 'vpc-1' },
    });
    expect(log).toContain(
      'portfolio-network change set (update): 0 to add, 1 to modify (1 replacement), 0 to remove',
    );
    expect(log).toContain('  ~ Modify PublicSubnetA  AWS::EC2::Subnet (replace)');
    expect(fake.timeline).not.toContain('protect:portfolio-network:true'); // already on
  });

  it('treats an empty change set as a clean "no changes": deletes it and executes nothing', async () => {
    fake.seed('portfolio-network', 'UPDATE_COMPLETE', {
      protection: true,
      outputs: { VpcId: 'vpc-1' },
    });
    fake.scripts['portfolio-network'] = { changes: [] };
    const { ctx, log } = testContext({}, 1, fake);
    const outcome = await deployStack(ctx, target());
    expect(outcome).toMatchObject({
      result: 'unchanged',
      status: 'UPDATE_COMPLETE',
      outputs: { VpcId: 'vpc-1' },
    });
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'delete-change-set:portfolio-network',
    ]);
    expect(log).toContain('[1/1 stacks] portfolio-network no changes');
  });

  it('reports the first failed resource and its reason, not the stack-level summary', async () => {
    fake.scripts['portfolio-network'] = {
      changes: [
        { action: 'Add', logicalId: 'Vpc', type: 'AWS::EC2::VPC' },
        { action: 'Add', logicalId: 'Nat', type: 'AWS::EC2::NatGateway' },
      ],
      fail: {
        logicalId: 'Nat',
        reason:
          'The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400)',
      },
    };
    const { ctx } = testContext({}, 1, fake);
    const error = await deployStack(ctx, target()).catch((e) => e);
    expect(error).toBeInstanceOf(DeployFailure);
    expect(error.message).toBe(
      'portfolio-network ended ROLLBACK_COMPLETE: Nat (AWS::EC2::Instance) CREATE_FAILED: The maximum number of addresses has been reached. (Service: Ec2, Status Code: 400)',
    );
    expect(fake.timeline).toContain('rolled-back:portfolio-network');
  });

  it('deletes an empty ROLLBACK_COMPLETE stack, says so, and creates it again', async () => {
    fake.seed('portfolio-network', 'ROLLBACK_COMPLETE', { resources: { Vpc: 'DELETE_COMPLETE' } });
    const { ctx, log } = testContext({}, 1, fake);
    const outcome = await deployStack(ctx, target());
    expect(outcome.result).toBe('created');
    expect(fake.timeline.slice(0, 3)).toEqual([
      'delete:portfolio-network',
      'deleted:portfolio-network',
      'change-set:portfolio-network',
    ]);
    expect(log.join('\n')).toMatch(
      /ROLLBACK_COMPLETE after a failed create and holds no resources; .* deletes it and creates it again/,
    );
  });

  it('refuses a ROLLBACK_COMPLETE stack that still holds resources', async () => {
    fake.seed('portfolio-network', 'ROLLBACK_COMPLETE', { resources: { Vpc: 'DELETE_FAILED' } });
    const { ctx } = testContext({}, 1, fake);
    await expect(deployStack(ctx, target())).rejects.toMatchObject({
      code: 'E_DEPLOY',
      message: 'portfolio-network is ROLLBACK_COMPLETE but still holds Vpc',
    });
    expect(fake.timeline).toEqual([]);
  });

  it.each(['UPDATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'DELETE_IN_PROGRESS'])(
    'refuses a stack that is mid-operation (%s)',
    async (status) => {
      fake.seed('portfolio-network', status);
      const { ctx } = testContext({}, 1, fake);
      await expect(deployStack(ctx, target())).rejects.toMatchObject({
        code: 'E_DEPLOY',
        message: `portfolio-network is mid-operation (${status}); strata will not start another one on top of it`,
      });
      expect(fake.timeline).toEqual([]);
    },
  );

  it('explains a stack stuck in UPDATE_ROLLBACK_FAILED instead of trying', async () => {
    fake.seed('portfolio-network', 'UPDATE_ROLLBACK_FAILED');
    const { ctx } = testContext({}, 1, fake);
    await expect(deployStack(ctx, target())).rejects.toMatchObject({
      hint: expect.stringContaining('strata rollback'),
    });
  });

  it("reports a rejected change set with CloudFormation's reason and removes what it left behind", async () => {
    fake.scripts['portfolio-network'] = {
      rejected:
        'Template format error: Unresolved resource dependencies [Vpc] in the Resources block of the template',
    };
    const { ctx } = testContext({}, 1, fake);
    await expect(deployStack(ctx, target())).rejects.toMatchObject({
      code: 'E_DEPLOY',
      message:
        'portfolio-network: CloudFormation rejected the change set: Template format error: Unresolved resource dependencies [Vpc] in the Resources block of the template',
    });
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'delete-change-set:portfolio-network',
      'delete:portfolio-network',
    ]);
    expect(fake.stacks.get('portfolio-network')?.status).toBe('DELETE_COMPLETE');
  });

  it('in a dry run, deletes the change set and the empty stack a CREATE change set made', async () => {
    const { ctx, log } = testContext({ dryRun: true }, 1, fake);
    const outcome = await deployStack(ctx, target());
    expect(outcome).toMatchObject({ result: 'planned', status: 'NOT_DEPLOYED' });
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'delete-change-set:portfolio-network',
      'delete:portfolio-network',
    ]);
    expect(fake.stacks.get('portfolio-network')?.status).toBe('DELETE_COMPLETE');
    expect(fake.changeSets.size).toBe(0);
    expect(log).toContain('[1/1 stacks] portfolio-network dry run: change set deleted');
  });

  it('in a dry run of an update, deletes only the change set', async () => {
    fake.seed('portfolio-network', 'UPDATE_COMPLETE');
    const { ctx } = testContext({ dryRun: true }, 1, fake);
    await deployStack(ctx, target());
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'delete-change-set:portfolio-network',
    ]);
    expect(fake.stacks.get('portfolio-network')?.status).toBe('UPDATE_COMPLETE');
  });

  it('asks before executing and cleans up when the answer is no', async () => {
    fake.seed('portfolio-network', 'UPDATE_COMPLETE');
    const questions: string[] = [];
    const { ctx } = testContext(
      {
        confirm: async (q) => {
          questions.push(q);
          return false;
        },
      },
      1,
      fake,
    );
    const outcome = await deployStack(ctx, target());
    expect(questions).toEqual(['Deploy these changes to portfolio-network?']);
    expect(outcome.result).toBe('declined');
    expect(fake.timeline).toEqual([
      'change-set:portfolio-network',
      'delete-change-set:portfolio-network',
    ]);
  });

  it('stops watching on Ctrl-C and says the operation goes on', async () => {
    const abort = new AbortController();
    const { ctx } = testContext({ signal: abort.signal }, 1, fake);
    ctx.progress.started = () => abort.abort();
    await expect(deployStack(ctx, target())).rejects.toMatchObject({
      code: 'E_ABORTED',
      exitCode: 130,
      message: 'stopped watching portfolio-network; the operation goes on in CloudFormation',
    });
    expect(fake.stacks.get('portfolio-network')?.status).toBe('CREATE_IN_PROGRESS');
  });

  describe('--method auto: a new stack is created directly', () => {
    const vpc = { action: 'Add' as const, logicalId: 'Vpc', type: 'AWS::EC2::VPC', properties: [] };
    const creates = [vpc];

    it('calls CreateStack once, with no change set, and shows what it adds', async () => {
      fake.scripts['portfolio-network'] = { outputs: { VpcId: 'vpc-1' } };
      const { ctx, log } = testContext({ method: 'auto' }, 1, fake);
      const outcome = await deployStack(
        ctx,
        target({
          templateBody: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n',
          parameters: [{ ParameterKey: 'Cidr', ParameterValue: '10.0.0.0/16' }],
          creates,
        }),
      );
      expect(outcome).toMatchObject({
        result: 'created',
        status: 'CREATE_COMPLETE',
        outputs: { VpcId: 'vpc-1' },
        changes: creates,
      });
      expect(fake.timeline).toEqual([
        'create-stack:portfolio-network:{"Cidr":"10.0.0.0/16"}',
        'complete:portfolio-network',
        'protect:portfolio-network:true',
      ]);
      expect(log).toContain('portfolio-network new stack, created directly: 1 to add');
      expect(log).toContain('  + Add    Vpc  AWS::EC2::VPC');
      expect(log.at(-2)).toBe('[1/1 stacks] portfolio-network ✔ CREATE_COMPLETE');
    });

    it('passes --no-rollback as DisableRollback and keeps a failed create for strata rollback', async () => {
      fake.scripts['portfolio-network'] = { fail: { logicalId: 'Vpc', reason: 'limit exceeded' } };
      const { ctx } = testContext({ method: 'auto', disableRollback: true }, 1, fake);
      await expect(deployStack(ctx, target({ creates }))).rejects.toBeInstanceOf(DeployFailure);
      expect(fake.timeline).toEqual([
        'create-stack:portfolio-network:{}:no-rollback',
        'failed-kept:portfolio-network',
      ]);
      expect(fake.find('portfolio-network').status).toBe('CREATE_FAILED');
    });

    it('names the call when CloudFormation refuses the template', async () => {
      fake.scripts['portfolio-network'] = { rejected: 'Template format error: bad Ref' };
      const { ctx } = testContext({ method: 'auto' }, 1, fake);
      await expect(deployStack(ctx, target({ creates }))).rejects.toThrow(
        /CreateStack portfolio-network.*Template format error: bad Ref/,
      );
      expect(fake.stacks.has('portfolio-network')).toBe(false);
    });

    it('asks first with any-change, and creates nothing when the answer is no', async () => {
      const questions: string[] = [];
      const confirm = async (q: string) => (questions.push(q), false);
      const { ctx } = testContext({ method: 'auto', confirm }, 1, fake);
      const outcome = await deployStack(ctx, target({ creates }));
      expect(questions).toEqual(['Create portfolio-network?']);
      expect(outcome.result).toBe('declined');
      expect(fake.timeline).toEqual([]);
    });

    it.each([
      ['an existing stack', { method: 'auto' as const }, true],
      ['a dry run', { method: 'auto' as const, dryRun: true }, false],
      ['--prepare', { method: 'auto' as const, prepare: true }, false],
      ['--method change-set', { method: 'change-set' as const }, false],
    ])('uses a change set for %s', async (_, over, exists) => {
      if (exists) fake.seed('portfolio-network', 'CREATE_COMPLETE', { protection: true });
      const { ctx } = testContext(over, 1, fake);
      await deployStack(ctx, target({ creates }));
      expect(fake.timeline[0]).toBe('change-set:portfolio-network');
      expect(fake.timeline.some((e) => e.startsWith('create-stack'))).toBe(false);
    });
  });
});
