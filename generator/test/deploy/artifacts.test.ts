import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { sdkObjectStore } from '../../src/aws/stack-api';
import { packageApp, uploadIfMissing } from '../../src/deploy/artifacts';

const FIXTURE = join(__dirname, '..', 'fixtures', 'deploy');
const HELLO = { source: 'apps/hello', entry: 'apps/hello/src/server.ts' };

describe('packageApp', () => {
  it('bundles server.js with its imports and copies public/, under a content-hashed key', async () => {
    const artifact = await packageApp(FIXTURE, 'hello', HELLO);
    expect(artifact.key).toMatch(/^artifacts\/hello-[0-9a-f]{16}\.tgz$/);
    const dir = mkdtempSync(join(tmpdir(), 'strata-art-'));
    try {
      writeFileSync(join(dir, 'a.tgz'), artifact.bytes);
      execFileSync('tar', ['-xzf', 'a.tgz'], { cwd: dir });
      const server = readFileSync(join(dir, 'server.js'), 'utf8');
      expect(server).toContain('hello from'); // the imported module is inside the bundle
      expect(server).not.toMatch(/require\(["']\.\/greeting["']\)/);
      expect(readFileSync(join(dir, 'public', 'index.html'), 'utf8')).toContain('<h1>hello</h1>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same key for the same content, so unchanged apps are not uploaded again', async () => {
    const a = await packageApp(FIXTURE, 'hello', HELLO);
    const b = await packageApp(FIXTURE, 'hello', HELLO);
    expect(b.key).toBe(a.key);
  });

  it('reports a bundling error with its location', async () => {
    await expect(
      packageApp(FIXTURE, 'broken', { source: 'apps/broken', entry: 'apps/broken/src/server.js' }),
    ).rejects.toMatchObject({
      code: 'E_DEPLOY',
      message: expect.stringContaining('bundling apps/broken/src/server.js failed'),
    });
  });
});

describe('uploadIfMissing', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => s3.reset());

  it('uploads when HeadObject says 404', async () => {
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('not found'), {
        name: 'NotFound',
        $metadata: { httpStatusCode: 404 },
      }),
    );
    s3.on(PutObjectCommand).resolves({});
    expect(
      await uploadIfMissing(
        sdkObjectStore(new S3Client({ region: 'us-east-1' })),
        'b',
        'artifacts/x.tgz',
        Buffer.from('x'),
        'application/gzip',
      ),
    ).toBe(true);
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Bucket: 'b',
      Key: 'artifacts/x.tgz',
    });
  });

  it('skips the upload when the key is already there', async () => {
    s3.on(HeadObjectCommand).resolves({});
    expect(
      await uploadIfMissing(
        sdkObjectStore(new S3Client({ region: 'us-east-1' })),
        'b',
        'artifacts/x.tgz',
        Buffer.from('x'),
        'application/gzip',
      ),
    ).toBe(false);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
