/**
 * Serves the in-memory CloudFormation over HTTP the way AWS does (CloudFormation's query protocol, S3's
 * path-style REST), so the real SDK clients can be pointed at it with --endpoint-url. Test helper only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCloudFormation } from './fake-cloudformation';

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Query-protocol form fields (`Parameters.member.1.ParameterKey=...`) as nested objects and arrays. */
export function decodeForm(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const path: (string | number)[] = [];
    const parts = key.split('.');
    // `member.N` is element N (1-based) of the list named before it.
    for (let i = 0; i < parts.length; i++)
      path.push(parts[i] === 'member' ? Number(parts[++i]) - 1 : parts[i]);
    let node = root as Record<string | number, unknown>;
    for (let i = 0; i < path.length - 1; i++) {
      node[path[i]] ??= typeof path[i + 1] === 'number' ? [] : {};
      node = node[path[i]] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return root;
}

/** A response value as query-protocol XML: lists as `<member>`s, dates in ISO form. */
function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => (v === undefined ? '' : `<${k}>${toXml(v)}</${k}>`))
      .join('');
  return escape(String(value));
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

async function cloudFormation(
  fake: FakeCloudFormation,
  body: string,
  res: ServerResponse,
): Promise<void> {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  const handler = fake.actions[action];
  try {
    if (!handler)
      throw Object.assign(new Error(`${action} is not implemented`), { name: 'InvalidAction' });
    const result = await handler(decodeForm(form));
    res
      .writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req' })
      .end(
        `<${action}Response xmlns="${NS}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></${action}Response>`,
      );
  } catch (error) {
    const e = error as Error;
    res
      .writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req' })
      .end(
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${e.name}</Code><Message>${escape(e.message)}</Message></Error><RequestId>req</RequestId></ErrorResponse>`,
      );
  }
}

function s3(fake: FakeCloudFormation, req: IncomingMessage, res: ServerResponse): void {
  const [, bucket, ...key] = decodeURIComponent((req.url ?? '/').split('?')[0]).split('/');
  if (req.method === 'HEAD') {
    res.writeHead(fake.hasObject(bucket, key.join('/')) ? 200 : 404).end();
  } else if (req.method === 'PUT') {
    fake.putObject(bucket, key.join('/'));
    res.writeHead(200, { etag: '"etag"' }).end();
  } else res.writeHead(405).end();
}

/** Starts the endpoint on an ephemeral port; resolves to its URL, the actions it served, and a close function. */
export async function serveFake(
  fake: FakeCloudFormation,
): Promise<{ url: string; actions: string[]; close(): Promise<void> }> {
  const actions: string[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const action = new URLSearchParams(body).get('Action');
    if (req.method === 'POST' && action) {
      actions.push(action);
      await cloudFormation(fake, body, res);
    } else {
      actions.push(`s3:${req.method}`);
      s3(fake, req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, actions, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Gives the real SDK clients of the tests in the enclosing `describe` fixed fake credentials (no
 * profile, no instance metadata), so they talk to a local endpoint only; the environment is restored after.
 */
export function useFakeCredentials(): void {
  const saved = { ...process.env };
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
}
