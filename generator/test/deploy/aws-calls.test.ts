/**
 * --verbose, request ids, unknown profiles and unreachable endpoints, over real SDK clients talking
 * HTTP to the CloudFormation-compatible endpoint (aws-sdk-client-mock would bypass the middleware).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { awsError } from '../../src/aws/stacks';
import { profilesIn } from '../../src/aws/profile';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { serveFake } from './fake-endpoint';
import { diamondManifest, makeWorkspace } from './workspace';

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

  describe('a profile that assumes a role with MFA', () => {
    let home: string;
    const assumed: Array<Record<string, unknown>> = [];
    beforeEach(() => {
      home = mkdtempSync(join(tmpdir(), 'strata-home-'));
      writeFileSync(
        join(home, 'config'),
        [
          '[profile deployer]',
          'role_arn = arn:aws:iam::123456789012:role/deployer',
          'mfa_serial = arn:aws:iam::111111111111:mfa/alice',
          'source_profile = base',
          'region = us-east-1',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(home, 'credentials'),
        '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n',
      );
      process.env.AWS_CONFIG_FILE = join(home, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
      assumed.length = 0;
    });
    afterEach(() => {
      delete process.env.AWS_CONFIG_FILE;
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      rmSync(home, { recursive: true, force: true });
    });

    async function endpointWithSts() {
      const fake = new FakeCloudFormation({ mock: false });
      fake.seed('portfolio-network', 'CREATE_COMPLETE');
      fake.actions.AssumeRole = (input) => {
        assumed.push(input);
        return {
          Credentials: {
            AccessKeyId: 'ASIAROLE',
            SecretAccessKey: 'role-secret',
            SessionToken: 'role-token',
            Expiration: new Date(Date.now() + 3600_000),
          },
          AssumedRoleUser: {
            Arn: 'arn:aws:sts::123456789012:assumed-role/deployer/strata',
            AssumedRoleId: 'AROAEXAMPLE:strata',
          },
        };
      };
      return serveFake(fake);
    }

    it('asks for the code on a terminal, once, and assumes the role with it', async () => {
      // Pinned, so status asks STS too: two clients, one role assumption, one question.
      const pinned = makeWorkspace({ ...diamondManifest(), account: '123456789012' });
      const endpoint = await endpointWithSts();
      try {
        const args = ['status', '--profile', 'deployer', '--endpoint-url', endpoint.url];
        const r = await strataRun(pinned, [...args, '--verbose'], '123456');
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('MFA code for arn:aws:iam::111111111111:mfa/alice: ');
        expect(r.stderr.match(/MFA code for/g)).toHaveLength(1);
        expect(assumed).toHaveLength(1);
        // The SDK's own STS client assumes the role, and --verbose logs that call too (after the
        // prompt here: the test's terminal does not echo the typed code and its newline).
        expect(r.stderr).toMatch(/(^|: )aws STS\.AssumeRole \d+ms retries=0 request-id=req$/m);
        expect(assumed[0]).toMatchObject({
          RoleArn: 'arn:aws:iam::123456789012:role/deployer',
          SerialNumber: 'arn:aws:iam::111111111111:mfa/alice',
          TokenCode: '123456',
        });
        expect(endpoint.actions).toEqual(
          expect.arrayContaining(['AssumeRole', 'GetCallerIdentity', 'DescribeStacks']),
        );
      } finally {
        await endpoint.close();
        rmSync(pinned, { recursive: true, force: true });
      }
    }, 30_000);

    it('says plainly that the code cannot be asked without a terminal, and assumes nothing', async () => {
      const endpoint = await endpointWithSts();
      try {
        const r = await strataRun(cwd, [
          'status',
          '--profile',
          'deployer',
          '--endpoint-url',
          endpoint.url,
        ]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          'profile `deployer` needs an MFA code (mfa_serial arn:aws:iam::111111111111:mfa/alice), and stdin is not a terminal to ask for it',
        );
        expect(r.stderr).not.toContain('internal error');
        expect(assumed).toHaveLength(0);
      } finally {
        await endpoint.close();
      }
    }, 30_000);
  });

  it('says which endpoint cannot be reached, through the CLI, with exit code 1', async () => {
    // A port that was just free: nothing listens there, so every connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const r = await strataRun(cwd, ['status', '--endpoint-url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    // status describes the stacks side by side: whichever fails first is named.
    expect(r.stderr).toMatch(
      new RegExp(
        `^error DescribeStacks portfolio-[a-z-]+: cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): check the network or --endpoint-url$`,
        'm',
      ),
    );
  }, 30_000);

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
