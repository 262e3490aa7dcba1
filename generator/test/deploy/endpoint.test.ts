/**
 * No mocks here: the real SDK client talks to a small local HTTP server that answers CloudFormation's
 * query protocol, as a CloudFormation-compatible endpoint would. Shows that --endpoint-url, --region and the
 * default credential chain reach the wire unchanged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import { makeWorkspace } from './workspace';

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function describeStacks(name: string): { status: number; body: string } {
  if (name !== 'portfolio-load-balancer') {
    return {
      status: 400,
      body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
    };
  }
  const stack = `<member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:eu-central-1:123456789012:stack/${name}/1</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime><Outputs><member><OutputKey>SiteUrl</OutputKey><OutputValue>http://alb.example.test</OutputValue></member></Outputs></member>`;
  return {
    status: 200,
    body: `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks>${stack}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });

describe('--endpoint-url against a CloudFormation-compatible endpoint (no mocks)', () => {
  let server: Server;
  let url: string;
  const requests: { action: string | null; authorization: string }[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const form = new URLSearchParams(await readBody(req));
      requests.push({
        action: form.get('Action'),
        authorization: String(req.headers.authorization),
      });
      const { status, body } =
        form.get('Action') === 'DescribeStacks'
          ? describeStacks(form.get('StackName') ?? '')
          : { status: 400, body: '' };
      res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The SDK's default chain reads credentials from the process environment.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  it('strata outputs reads the stacks from the endpoint, signed for the given region', async () => {
    const cwd = makeWorkspace();
    const out: string[] = [];
    const io: CliIO = {
      stdout: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
      stderr: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
      stdin: new PassThrough(),
      env: { NO_COLOR: '1' },
      cwd,
    };
    try {
      const code = await run(['outputs', '--endpoint-url', url, '--region', 'eu-central-1'], io);
      expect(out.join('')).toContain('siteUrl: http://alb.example.test');
      expect(code).toBe(0);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
    expect(requests.map((r) => r.action)).toEqual(Array(5).fill('DescribeStacks'));
    expect(requests[0].authorization).toContain('/eu-central-1/cloudformation/aws4_request');
  });
});
