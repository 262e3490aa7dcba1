import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';

/**
 * generator/bin/strata.js runs the bundle (dist/cli/strata.js, made by `npm run build`) only while every
 * file that went into it is unchanged. Each case runs the bin in a scratch root whose dist/ and
 * node_modules are links to the real ones, with its own copy of the bundle and its input list, so a
 * stale input can be simulated without touching the checkout. A preload reports which code ran.
 */
const REPORT = `process.on('exit', () => process.stderr.write('\\nRAN=' + (Object.keys(require.cache).some((f) => f.endsWith('dist/generator/src/bin.js')) ? 'dist' : 'bundle') + '\\n'));`;

const built = existsSync(join(ROOT, 'dist/cli/inputs.json'));
const describeBuilt = built ? describe : describe.skip;

describeBuilt('the bundled CLI', () => {
  let root: string;
  let preload: string;
  const inputsFile = () => join(root, 'dist/cli/inputs.json');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-bundle-'));
    mkdirSync(join(root, 'generator/bin'), { recursive: true });
    copyFileSync(join(ROOT, 'generator/bin/strata.js'), join(root, 'generator/bin/strata.js'));
    mkdirSync(join(root, 'dist/cli'), { recursive: true });
    for (const f of ['strata.js', 'inputs.json'])
      copyFileSync(join(ROOT, 'dist/cli', f), join(root, 'dist/cli', f));
    for (const d of ['dist/generator', 'dist/schema', 'node_modules', 'package.json', 'templates'])
      symlinkSync(join(ROOT, d), join(root, d));
    preload = join(root, 'report.js');
    writeFileSync(preload, REPORT);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(
      process.execPath,
      ['-r', preload, join(root, 'generator/bin/strata.js'), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      },
    );
    return { ...r, ran: /RAN=(\w+)/.exec(r.stderr)?.[1] };
  };
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

  it('runs the bundle while every input is as recorded, and prints what dist/ prints', () => {
    const bundled = run(['generate', '--check', '--no-lint']);
    expect(bundled.ran).toBe('bundle');
    const direct = run(['generate', '--check', '--no-lint'], { STRATA_BUNDLE: '0' });
    expect(direct.ran).toBe('dist');
    expect(bundled.status).toBe(direct.status);
    expect(bundled.stdout).toBe(direct.stdout);
  });

  it.each([
    ['a compiled file was rebuilt', (i: number[]) => [i[0], i[1], i[2] + 1, i[3]]],
    ['a file changed size', (i: number[]) => [i[0], i[1] + 1, i[2], i[3]]],
    [
      'a package was reinstalled (same mtime, new ctime)',
      (i: number[]) => [i[0], i[1], i[2], i[3] - 1],
    ],
  ])('falls back to dist/ when %s', (_why, change) => {
    const { inputs } = JSON.parse(readFileSync(inputsFile(), 'utf8')) as { inputs: number[][] };
    const at = inputs.findIndex((i) => String(i[0]).startsWith('dist/generator/src/errors'));
    inputs[at] = change(inputs[at]);
    writeFileSync(inputsFile(), JSON.stringify({ inputs }));
    const r = run(['--version']);
    expect(r.ran).toBe('dist');
    expect(r.stdout.trim()).toBe(version);
  });

  it('falls back to dist/ when an input is gone or the list is unreadable', () => {
    const { inputs } = JSON.parse(readFileSync(inputsFile(), 'utf8')) as { inputs: unknown[][] };
    writeFileSync(
      inputsFile(),
      JSON.stringify({ inputs: [...inputs, ['dist/generator/src/no-such-file.js', 1, 1, 1]] }),
    );
    expect(run(['--version']).ran).toBe('dist');
    writeFileSync(inputsFile(), '{"inputs": [');
    expect(run(['--version']).ran).toBe('dist');
  });

  it('leaves a V8 code cache that the next run accepts', () => {
    const cache = join(root, 'dist/cli/strata.js.v8cache');
    expect(existsSync(cache)).toBe(false);
    expect(run(['--version']).ran).toBe('bundle');
    expect(existsSync(cache)).toBe(true);
    const written = readFileSync(cache);
    expect(run(['--version']).stdout.trim()).toBe(version);
    // Accepted: a rejected cache would have been rewritten at exit.
    expect(readFileSync(cache).equals(written)).toBe(true);
  });
});

it('npm run build leaves a bundle (run it before the tests that spawn the CLI)', () => {
  expect(built).toBe(true);
  expect(
    execFileSync(process.execPath, [join(ROOT, 'generator/bin/strata.js'), '--version'], {
      encoding: 'utf8',
    }).trim(),
  ).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});
