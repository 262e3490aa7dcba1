import { describeStack, liveResources } from '../../src/aws/stacks';
import { destroyAll, planDestroy } from '../../src/deploy/destroy';
import { deployedTemplates } from '../../src/diff/deployed';
import { FakeCloudFormation } from './fake-cloudformation';
import { testContext } from './helpers';
import { diamondManifest } from './workspace';

// Status, diff --deployed and destroy against a scripted fake of StackApi: no SDK, no HTTP.
describe('over the StackApi interface', () => {
  let fake: FakeCloudFormation;
  beforeEach(() => {
    fake = new FakeCloudFormation({ mock: false });
  });

  it('describes a stack (status, outputs, protection) and says when there is none', async () => {
    fake.seed('portfolio-network', 'UPDATE_COMPLETE', {
      outputs: { VpcId: 'vpc-1' },
      protection: true,
      resources: { Vpc: 'CREATE_COMPLETE', Old: 'DELETE_COMPLETE' },
    });
    expect(await describeStack(fake.api, 'portfolio-network')).toMatchObject({
      name: 'portfolio-network',
      status: 'UPDATE_COMPLETE',
      outputs: { VpcId: 'vpc-1' },
      terminationProtection: true,
    });
    expect(await liveResources(fake.api, 'portfolio-network')).toEqual(['Vpc']);
    expect(await describeStack(fake.api, 'portfolio-compute')).toBeUndefined();
  });

  it('reads the deployed templates of the stacks that exist, for diff --deployed', async () => {
    fake.seed('portfolio-network', 'CREATE_COMPLETE', {
      templateBody: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n',
    });
    const { templates } = await deployedTemplates(fake.api, diamondManifest());
    expect([...templates.keys()]).toEqual(['network']);
    expect(templates.get('network')!.Resources.Vpc.Type).toBe('AWS::EC2::VPC');
  });

  it('destroys newest first, lifting termination protection, and skips stacks that never existed', async () => {
    for (const name of ['portfolio-network', 'portfolio-security', 'portfolio-compute'])
      fake.seed(name, 'CREATE_COMPLETE', { protection: true });
    const { ctx } = testContext({}, 3, fake);
    const targets = await planDestroy(ctx, diamondManifest());
    expect(targets.map((t) => t.stack.stackName)).toEqual([
      'portfolio-compute',
      'portfolio-security',
      'portfolio-network',
    ]);
    await destroyAll(ctx, targets);
    // Each stack waits for the ones that use its outputs; the diamond's compute needs security.
    expect(fake.timeline).toEqual(
      ['compute', 'security', 'network'].flatMap((layer) => [
        `protect:portfolio-${layer}:false`,
        `delete:portfolio-${layer}`,
        `deleted:portfolio-${layer}`,
      ]),
    );
    for (const s of fake.stacks.values()) expect(s.status).toBe('DELETE_COMPLETE');
  });

  it('refuses to destroy while a stack is mid-operation, before deleting anything', async () => {
    fake.seed('portfolio-network', 'UPDATE_IN_PROGRESS');
    const { ctx } = testContext({}, 1, fake);
    await expect(planDestroy(ctx, diamondManifest())).rejects.toThrow(/mid-operation/);
    expect(fake.timeline).toEqual([]);
  });
});
