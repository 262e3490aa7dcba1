/**
 * Every SDK client the CLI makes comes from one factory: each logs its calls under --verbose and
 * names itself in its errors. Driven over HTTP against a local endpoint that refuses every call the
 * way AWS does, since aws-sdk-client-mock would replace the middleware being tested.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommandInvocationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { reportError } from '../../src/cli';
import { clientFactory } from '../../src/aws/options';
import { failedCall } from '../../src/aws/verbose';
import { makeContext } from '../../src/output/context';
import { useFakeCredentials } from './fake-endpoint';

/** Answers every request with AccessDenied in the request's protocol (query XML, JSON 1.1, S3 XML). */
async function refusingEndpoint() {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = `req-${++n}`;
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json'))
        res
          .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': id })
          .end(JSON.stringify({ __type: 'AccessDeniedException', message: 'no' }));
      else if (type.includes('x-www-form-urlencoded'))
        res
          .writeHead(403, { 'content-type': 'text/xml', 'x-amzn-requestid': id })
          .end(
            `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
          );
      else
        res
          .writeHead(403, { 'content-type': 'application/xml', 'x-amz-request-id': id })
          .end(
            `<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>${id}</RequestId></Error>`,
          );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the one factory of SDK clients', () => {
  useFakeCredentials();

  it('logs each client’s calls with --verbose and names the call in its errors', async () => {
    const endpoint = await refusingEndpoint();
    const lines: string[] = [];
    try {
      const client = clientFactory({ verbose: true, endpointUrl: endpoint.url }, 'us-east-1', {
        log: (line) => lines.push(line),
      });
      const calls: Array<[string, () => Promise<unknown>]> = [
        [
          'CloudFormation DescribeStacks',
          () => client(CloudFormationClient).send(new DescribeStacksCommand({})),
        ],
        ['STS GetCallerIdentity', () => client(STSClient).send(new GetCallerIdentityCommand({}))],
        [
          'S3 GetObject',
          () =>
            client(S3Client, { forcePathStyle: true }).send(
              new GetObjectCommand({ Bucket: 'b', Key: 'k' }),
            ),
        ],
        [
          'RDS DescribeDBInstances',
          () => client(RDSClient).send(new DescribeDBInstancesCommand({})),
        ],
        [
          'SSM GetCommandInvocation',
          () =>
            client(SSMClient).send(
              new GetCommandInvocationCommand({ CommandId: 'c', InstanceId: 'i-1' }),
            ),
        ],
        [
          'SecretsManager GetSecretValue',
          () => client(SecretsManagerClient).send(new GetSecretValueCommand({ SecretId: 's' })),
        ],
        [
          'CloudWatchLogs FilterLogEvents',
          () =>
            client(CloudWatchLogsClient).send(new FilterLogEventsCommand({ logGroupName: 'g' })),
        ],
      ];
      for (const [name, call] of calls) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(failedCall(error)).toBe(name);
      }
      expect(lines).toHaveLength(calls.length);
      calls.forEach(([name], i) => {
        expect(lines[i]).toMatch(
          new RegExp(
            `^aws ${name.replace(' ', '\\.')} \\d+ms retries=0 request-id=req-${i + 1} failed: AccessDenied(Exception)?: no$`,
          ),
        );
      });
      // Without --verbose, nothing is logged, and errors are still named.
      const quiet: string[] = [];
      const plain = clientFactory({ endpointUrl: endpoint.url }, 'us-east-1', {
        log: (l) => quiet.push(l),
      });
      const error = await plain(RDSClient)
        .send(new DescribeDBInstancesCommand({}))
        .catch((e: unknown) => e);
      expect(quiet).toEqual([]);
      expect(failedCall(error)).toBe('RDS DescribeDBInstances');
    } finally {
      await endpoint.close();
    }
  }, 30_000);

  it('reports a failed call no command wrapped as the user’s error with its request id, not a bug', async () => {
    const endpoint = await refusingEndpoint();
    try {
      const client = clientFactory({ endpointUrl: endpoint.url }, 'us-east-1');
      const error = await client(SSMClient)
        .send(new GetCommandInvocationCommand({ CommandId: 'c', InstanceId: 'i-1' }))
        .catch((e: unknown) => e);
      let printed = '';
      const stderr = Object.assign(new PassThrough(), {
        write: (t: string) => ((printed += t), true),
      });
      const ctx = makeContext({
        stdout: new PassThrough(),
        stderr: stderr as never,
        stdin: new PassThrough(),
        env: { NO_COLOR: '1' },
        cwd: '.',
      });
      expect(reportError(error, ctx, false, false)).toBe(1);
      expect(printed).toBe(
        'error SSM GetCommandInvocation failed: AccessDeniedException: no (request id req-1)\n',
      );
    } finally {
      await endpoint.close();
    }
  });
});
