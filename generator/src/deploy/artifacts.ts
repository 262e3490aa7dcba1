import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { create as createTar } from 'tar';
import type { ObjectStore } from '../aws/stack-api';
import { awsError } from '../aws/stacks';
import { StrataError } from '../errors';

/** A packaged app: its content-hashed key in the artifacts bucket and the gzipped tarball. */
export interface Artifact {
  app: string;
  key: string;
  bytes: Buffer;
}

// A fixed mtime makes the tarball depend on content only, so an unchanged app keeps its key.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Where an app's files come from when not from the working tree: `strata diff` packages the app as
 * committed at a git ref through an esbuild plugin, so both sides go through this same code.
 */
export interface AppSource {
  plugins: Plugin[];
  /** Writes the app's `src/public/` files into `dir`; false when it has none. */
  writePublic(dir: string): boolean;
}

/** Bundles `entry` with esbuild (node 20, CommonJS, every dependency inside) into server.js text. */
export async function bundleServer(
  cwd: string,
  entry: string,
  plugins: Plugin[] = [],
): Promise<string> {
  try {
    const result = await build({
      plugins,
      absWorkingDir: cwd,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      outfile: 'server.js',
      logLevel: 'silent',
      legalComments: 'none',
    });
    return result.outputFiles[0].text;
  } catch (error) {
    const first = (
      error as {
        errors?: { text: string; location?: { file: string; line: number; column: number } }[];
      }
    ).errors?.[0];
    const where = first?.location
      ? `${first.location.file}:${first.location.line}:${first.location.column} `
      : '';
    throw new StrataError(
      'E_DEPLOY',
      `bundling ${entry} failed: ${where}${first?.text ?? (error as Error).message}`,
      'fix the app so that npm run build passes, then deploy again',
    );
  }
}

/** Packages one app into `artifacts/<app>-<sha256 first 16 hex>.tgz` holding server.js and public/. */
export async function packageApp(
  cwd: string,
  app: string,
  spec: { source: string; entry: string },
  source?: AppSource,
): Promise<Artifact> {
  const server = await bundleServer(cwd, spec.entry, source?.plugins);
  const dir = mkdtempSync(join(tmpdir(), `strata-${app}-`));
  try {
    writeFileSync(join(dir, 'server.js'), server);
    const entries = ['server.js'];
    const publicDir = join(cwd, spec.source, 'src', 'public');
    if (source) {
      if (source.writePublic(join(dir, 'public'))) entries.push('public');
    } else if (existsSync(publicDir)) {
      cpSync(publicDir, join(dir, 'public'), { recursive: true });
      entries.push('public');
    }
    const tgz = join(dir, 'artifact.tgz');
    await createTar(
      { gzip: true, cwd: dir, file: tgz, portable: true, mtime: FIXED_MTIME, noDirRecurse: false },
      entries,
    );
    const bytes = readFileSync(tgz);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    return { app, key: `artifacts/${app}-${hash}.tgz`, bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the bucket already holds the key (content-hashed keys never change content). */
export async function objectExists(s3: ObjectStore, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.headObject(bucket, key);
    return true;
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
      return false;
    throw awsError(`HeadObject s3://${bucket}/${key}`, error);
  }
}

/** Uploads an object unless it is there already; resolves to true when it uploaded. */
export async function uploadIfMissing(
  s3: ObjectStore,
  bucket: string,
  key: string,
  body: Buffer | string,
  contentType: string,
): Promise<boolean> {
  if (await objectExists(s3, bucket, key)) return false;
  try {
    await s3.putObject(bucket, key, body, contentType);
  } catch (error) {
    throw awsError(`PutObject s3://${bucket}/${key}`, error);
  }
  return true;
}
