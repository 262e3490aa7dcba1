/**
 * `strata deploy --endpoint-url` end to end with no SDK mocks: the real CloudFormation and S3 clients send
 * real HTTP requests to a CloudFormation-compatible endpoint (the in-memory fake served over HTTP).
 */
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import { decodeForm, serveFake, useFakeCredentials } from './fake-endpoint';
import { FakeCloudFormation } from './fake-cloudformation';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

async function strata(cwd: string, args: string[]) {
  const out: string[] = [];
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stderr: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stdin: new PassThrough(),
    env: { NO_COLOR: '1', STRATA_POLL_INTERVAL_MS: '0' },
    cwd,
  };
  const code = await run(args, io);
  return { code, output: out.join('') };
}

describe('deploy, status and destroy against a CloudFormation-compatible endpoint (no mocks)', () => {
  useFakeCredentials();

  it('decodes query-protocol lists', () => {
    const form = new URLSearchParams(
      'Action=CreateChangeSet&Parameters.member.1.ParameterKey=A&Parameters.member.1.ParameterValue=1&Capabilities.member.1=CAPABILITY_IAM',
    );
    expect(decodeForm(form)).toEqual({
      Action: 'CreateChangeSet',
      Parameters: [{ ParameterKey: 'A', ParameterValue: '1' }],
      Capabilities: ['CAPABILITY_IAM'],
    });
  });

  it('runs the whole flow unchanged over HTTP', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    const endpoint = await serveFake(fake);
    const cwd = makeWorkspace();
    try {
      const aws = ['--endpoint-url', endpoint.url, '--region', 'eu-west-1'];
      const deploy = await strata(cwd, ['deploy', '--yes', ...aws]);
      expect(deploy.output).toContain(
        'siteUrl: http://portfolio-alb-1.us-east-1.elb.amazonaws.com',
      );
      expect(deploy.code).toBe(0);
      const compute = fake.timeline.find((e) => e.startsWith('create-stack:portfolio-compute:'))!;
      expect(JSON.parse(compute.slice('create-stack:portfolio-compute:'.length))).toMatchObject({
        AppSgId: 'sg-0456',
        ArtifactBucket: 'portfolio-bootstrap-artifactsbucket-abc',
      });
      // A first deploy creates each new stack directly; no change set has anything to show for it.
      expect(endpoint.actions).toEqual(
        expect.arrayContaining([
          'CreateStack',
          'DescribeStackEvents',
          'UpdateTerminationProtection',
          's3:HEAD',
          's3:PUT',
        ]),
      );
      expect(endpoint.actions).not.toContain('CreateChangeSet');

      // Updates go through change sets.
      endpoint.actions.length = 0;
      const update = await strata(cwd, ['deploy', '--yes', ...aws]);
      expect(update.code).toBe(0);
      expect(endpoint.actions).toEqual(
        expect.arrayContaining(['CreateChangeSet', 'DescribeChangeSet', 'ExecuteChangeSet']),
      );
      expect(endpoint.actions).not.toContain('CreateStack');

      const status = await strata(cwd, ['status', ...aws]);
      expect(status.output).toMatch(/compute\s+portfolio-compute\s+✔ UPDATE_COMPLETE/);

      const destroy = await strata(cwd, ['destroy', '--yes', ...aws]);
      expect(destroy.output).toContain('Destroyed 5 stacks of portfolio.');
      expect(destroy.code).toBe(0);
      expect(fake.find('portfolio-bootstrap').status).toBe('UPDATE_COMPLETE');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await endpoint.close();
    }
    // Real HTTP, app packaging and the deploy plan: seconds on a loaded machine.
  }, 30_000);
});
