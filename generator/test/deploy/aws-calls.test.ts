/**
 * --verbose, request ids, unknown profiles and unreachable endpoints, over real SDK clients talking
 * HTTP to the CloudFormation-compatible endpoint (aws-sdk-client-mock would bypass the middleware).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsError } from '../../src/aws/stacks';
import { profilesIn } from '../../src/aws/profile';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { serveFake } from './fake-endpoint';
import { makeWorkspace } from './workspace';

describe('AWS calls: --verbose, request ids, profiles, network failures', () => {
  const saved = { ...process.env };
  let cwd: string;
  beforeAll(() => {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = saved;
  });
  beforeEach(() => (cwd = makeWorkspace()));
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('--verbose logs each call with service, operation, request id, duration and retries', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    fake.seed('portfolio-network', 'CREATE_COMPLETE');
    const endpoint = await serveFake(fake);
    try {
      const r = await strataRun(cwd, ['status', '--verbose', '--endpoint-url', endpoint.url]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /^aws CloudFormation\.DescribeStacks \d+ms retries=0 request-id=req$/m,
      );
      // A stack that does not exist is a failed call, logged with its error.
      expect(r.stderr).toMatch(
        /^aws CloudFormation\.DescribeStacks \d+ms retries=0 request-id=req failed: ValidationError: Stack with id portfolio-compute does not exist$/m,
      );
      const quiet = await strataRun(cwd, ['status', '--endpoint-url', endpoint.url]);
      expect(quiet.stderr).not.toContain('aws CloudFormation');
    } finally {
      await endpoint.close();
    }
  }, 30_000);

  it('names an unknown profile and the file it looked in, before any call', async () => {
    const home = mkdtempSync(join(tmpdir(), 'strata-home-'));
    const config = join(home, 'config');
    writeFileSync(config, '[default]\nregion = us-east-1\n[profile work]\nregion = eu-west-1\n');
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'none');
    try {
      const r = await strataRun(cwd, ['status', '--profile', 'wrok']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`profile \`wrok\` is not in ${config}`);
      expect(profilesIn('[default]\n[profile work]\n[ci ]\n')).toEqual(
        new Set(['default', 'work', 'ci']),
      );
    } finally {
      delete process.env.AWS_CONFIG_FILE;
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('says which endpoint cannot be reached, and keeps the request id of a failed call', () => {
    const dns = Object.assign(
      new Error('getaddrinfo EAI_AGAIN cloudformation.us-east-1.amazonaws.com'),
      {
        code: 'EAI_AGAIN',
        hostname: 'cloudformation.us-east-1.amazonaws.com',
      },
    );
    expect(awsError('DescribeStacks x', dns).message).toBe(
      'DescribeStacks x: cannot reach cloudformation.us-east-1.amazonaws.com (EAI_AGAIN): check the network or --endpoint-url',
    );
    const denied = Object.assign(new Error('not allowed'), {
      name: 'AccessDenied',
      $metadata: { requestId: 'abc-123' },
    });
    expect(awsError('GetTemplate x', denied).message).toBe(
      'GetTemplate x failed: AccessDenied: not allowed (request id abc-123)',
    );
  });
});
