import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('npx strata inside a checkout', () => {
  it('never resolves the unrelated `strata` package from the registry', () => {
    const root = readJson('package.json');
    expect(root.name).not.toBe('strata');
    // With a `strata` bin in the root package.json, npm exec copies the project into its npx cache
    // before running it; the bin lives in a linked sub-package so npm finds node_modules/.bin first.
    expect(root.bin?.strata).toBeUndefined();
    const cli = readJson('generator/package.json');
    expect(cli.bin.strata).toBe('bin/strata.js');
    expect(root.devDependencies[cli.name]).toBe('file:generator');
  });

  it('runs the local bin offline and installs nothing into the npx cache', () => {
    const cache = mkdtempSync(join(tmpdir(), 'strata-npx-cache-'));
    try {
      const out = execFileSync('npx', ['--no-install', 'strata', '--version'], {
        cwd: ROOT,
        env: { ...process.env, npm_config_cache: cache, npm_config_offline: 'true' },
        encoding: 'utf8',
      });
      expect(out.trim()).toBe(readJson('package.json').version);
      expect(existsSync(join(cache, '_npx'))).toBe(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
