import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StrataError } from '../../src/errors';
import { swapPaths } from '../../src/render/out-swap';
import { readOut, writeOut } from '../../src/render/write-out';
import { snapshot } from '../support/tree';

// The module object itself (not an ES namespace), so jest can replace one function for a test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs') as typeof import('node:fs');

const files = (tag: string, names = ['network.yaml', 'security.yaml', 'manifest.json']) =>
  new Map(names.map((n) => [n, `${n} ${tag}\n`]));

describe('writeOut switches out/ in one step', () => {
  let root: string;
  let out: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-out-'));
    out = join(root, 'out');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates out/, then replaces the set, dropping owned files no longer generated', () => {
    writeOut(out, files('v1', ['network.yaml', 'database.yaml', 'manifest.json']), root);
    const result = writeOut(out, files('v2'), root);
    expect(result).toEqual({
      written: ['manifest.json', 'network.yaml', 'security.yaml'],
      removed: ['database.yaml'],
      unchanged: false,
    });
    expect(snapshot(out)).toEqual(Object.fromEntries(files('v2')));
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('leaves out/ untouched when it already holds exactly the new files', () => {
    writeOut(out, files('v1'), root);
    const before = statSync(join(out, 'network.yaml'));
    const renames = jest.spyOn(fs, 'renameSync');
    expect(writeOut(out, files('v1'), root)).toMatchObject({ unchanged: true, removed: [] });
    expect(renames).not.toHaveBeenCalled();
    expect(statSync(join(out, 'network.yaml')).mtimeMs).toBe(before.mtimeMs);
    // One byte or one file more is a change: the set is switched as usual.
    const edited = files('v1');
    edited.set('network.yaml', `${edited.get('network.yaml')} `);
    expect(writeOut(out, edited, root).unchanged).toBe(false);
    const fewer = files('v1');
    fewer.delete('security.yaml');
    expect(writeOut(out, fewer, root)).toMatchObject({
      unchanged: false,
      removed: ['security.yaml'],
    });
    expect(snapshot(out)).toEqual(Object.fromEntries(fewer));
  });

  it('keeps files and folders strata does not own (another environment, a note)', () => {
    writeOut(out, files('v1'), root);
    mkdirSync(join(out, 'prod'));
    writeFileSync(join(out, 'prod', 'network.yaml'), 'prod\n');
    writeFileSync(join(out, 'NOTES.md'), 'kept\n');
    writeOut(out, files('v2'), root);
    expect(snapshot(out)).toEqual({
      ...Object.fromEntries(files('v2')),
      'prod/network.yaml': 'prod\n',
      'NOTES.md': 'kept\n',
    });
  });

  it('finishes a switch a killed run left between its two renames', () => {
    writeOut(out, files('v1'), root);
    const dead = 2 ** 22 + 12345; // above pid_max's default, so no such process
    const paths = swapPaths(out, dead);
    mkdirSync(paths.staging);
    for (const [n, t] of files('v2')) writeFileSync(join(paths.staging, n), t);
    writeFileSync(paths.journal, JSON.stringify({ pid: dead, ...paths }));
    fs.renameSync(out, paths.old);
    expect(readOut(out)).toEqual(files('v2'));
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('removes staging folders of killed runs, including the old .strata-tmp- ones', () => {
    writeOut(out, files('v1'), root);
    for (const name of [
      '.strata-tmp-out-4194999',
      '.strata-new-out-4194998',
      '.strata-old-out-4194997',
    ])
      mkdirSync(join(root, name));
    writeOut(out, files('v2'), root);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('EISDIR: an output name that is a folder is a clean error naming it; out/ unchanged', () => {
    writeOut(out, files('v1'), root);
    mkdirSync(join(out, 'security.yaml.d'));
    rmSync(join(out, 'security.yaml'));
    mkdirSync(join(out, 'security.yaml'));
    const before = snapshot(out);
    expect(() => writeOut(out, files('v2'), root)).toThrow(
      expect.objectContaining({
        code: 'E_IO',
        message: expect.stringContaining('out/security.yaml'),
      }),
    );
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(root)).toEqual(['out']);
  });

  /** Makes `fn` fail once with `code` for the first call `matches` accepts. */
  function failOnce(
    fn: 'mkdirSync' | 'renameSync' | 'writeFileSync',
    code: string,
    matches: (args: unknown[]) => boolean,
  ) {
    const real = fs[fn] as (...args: unknown[]) => unknown;
    let failed = false;
    jest.spyOn(fs, fn).mockImplementation(((...args: unknown[]) => {
      if (failed || !matches(args)) return real(...args);
      failed = true;
      const path = typeof args[0] === 'number' ? out : String(args[0]);
      throw Object.assign(new Error(`${code}: failed, '${path}'`), { code, path });
    }) as never);
  }

  it.each([
    [
      'EACCES on staging',
      'mkdirSync',
      'EACCES',
      (a: unknown[]) => /\.strata-new-/.test(String(a[0])),
      'may write to the output folder',
    ],
    [
      'EXDEV (out/ is a mount point)',
      'renameSync',
      'EXDEV',
      (a: unknown[]) => String(a[1]).includes('.strata-old-'),
      'mount point',
    ],
    [
      'a failure of the second rename',
      'renameSync',
      'EIO',
      (a: unknown[]) => String(a[0]).includes('.strata-new-'),
      'try again',
    ],
    [
      'ENOSPC while staging',
      'writeFileSync',
      'ENOSPC',
      (a: unknown[]) => typeof a[0] === 'number',
      'disk is full',
    ],
  ] as const)(
    '%s is a clean E_IO naming the path; out/ unchanged',
    (_what, fn, code, matches, hint) => {
      writeOut(out, files('v1'), root);
      const before = snapshot(out);
      failOnce(fn, code, matches);
      let caught: unknown;
      try {
        writeOut(out, files('v2'), root);
      } catch (error) {
        caught = error;
      }
      jest.restoreAllMocks();
      expect(caught).toBeInstanceOf(StrataError);
      expect((caught as StrataError).message).toMatch(new RegExp(`^cannot write \\S+: ${code}`));
      expect((caught as StrataError).hint).toContain(hint);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(root)).toEqual(['out']);
    },
  );
});
