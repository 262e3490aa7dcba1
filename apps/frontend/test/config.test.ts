import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadFrontendConfig } from '../src/config';
import { findPublicDir } from '../src/public-dir';
import { backendOrder } from '../src/proxy';
import { hopByHopNames } from '../src/hop-by-hop';
import { ConfigError } from '../../shared/src/env';

describe('loadFrontendConfig', () => {
  it('reads BACKEND_URLS as a list of origins and defaults PORT to 5000', () => {
    const config = loadFrontendConfig({
      BACKEND_URLS: 'http://10.0.11.5:5001/, http://10.0.12.7:5001',
    });
    expect(config.backendUrls).toEqual(['http://10.0.11.5:5001', 'http://10.0.12.7:5001']);
    expect(config.port).toBe(5000);
    expect(config.workers).toBe(2);
  });

  it.each([
    ['unset', {}],
    ['empty', { BACKEND_URLS: ' , ' }],
    ['not a URL', { BACKEND_URLS: '10.0.11.5:5001' }],
    ['https', { BACKEND_URLS: 'https://10.0.11.5:5001' }],
    ['with a path', { BACKEND_URLS: 'http://10.0.11.5:5001/api' }],
  ])('rejects BACKEND_URLS %s, naming the variable', (_case, env) => {
    expect(() => loadFrontendConfig(env)).toThrow(ConfigError);
    expect(() => loadFrontendConfig(env)).toThrow(/^BACKEND_URLS: /);
  });

  it('names PORT when it is malformed', () => {
    expect(() => loadFrontendConfig({ BACKEND_URLS: 'http://a:1', PORT: '5000x' })).toThrow(
      /^PORT: /,
    );
  });
});

describe('backendOrder', () => {
  const targets = ['a', 'b', 'c'];
  it('rotates the starting backend per request', () => {
    expect([0, 1, 2, 3].map((turn) => backendOrder(targets, turn, new Map(), 0)[0])).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
  });
  it('tries backends in cooldown last, and again once the cooldown is over', () => {
    const down = new Map([['a', 1_000]]);
    expect(backendOrder(targets, 0, down, 500)).toEqual(['b', 'c', 'a']);
    expect(backendOrder(targets, 0, down, 1_000)).toEqual(['a', 'b', 'c']);
  });
});

describe('hopByHopNames', () => {
  it('adds the headers the Connection header lists', () => {
    const names = hopByHopNames({ connection: 'keep-alive, X-Session-Token' });
    expect(names).toEqual(
      expect.arrayContaining(['keep-alive', 'transfer-encoding', 'x-session-token']),
    );
    expect(names).not.toContain('close');
  });
});

describe('findPublicDir', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'strata-public-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('finds public/ beside the code (ts source and the bundle)', async () => {
    await mkdir(path.join(root, 'bundle/public'), { recursive: true });
    await writeFile(path.join(root, 'bundle/public/index.html'), '<!doctype html>');
    expect(findPublicDir(path.join(root, 'bundle'))).toBe(path.join(root, 'bundle/public'));
    expect(findPublicDir(path.resolve(__dirname, '../src'))).toBe(
      path.resolve(__dirname, '../src/public'),
    );
  });

  it('falls back to the source folder from tsc output in dist/', async () => {
    const distDir = path.join(root, 'repo/dist/apps/frontend/src');
    await mkdir(distDir, { recursive: true });
    await mkdir(path.join(root, 'repo/apps/frontend/src/public'), { recursive: true });
    await writeFile(path.join(root, 'repo/apps/frontend/src/public/index.html'), '<!doctype html>');
    expect(findPublicDir(distDir)).toBe(path.join(root, 'repo/apps/frontend/src/public'));
  });

  it('says where it looked when the files are missing', () => {
    expect(() => findPublicDir(path.join(root, 'nowhere'))).toThrow(
      /static files not found; looked in/,
    );
  });
});
