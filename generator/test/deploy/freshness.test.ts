import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireFreshOut } from '../../src/deploy/freshness';
import { parseManifest } from '../../src/manifest/read';
import { CIDR_CHANGED, generated, SEED } from '../diff/topologies';

describe('requireFreshOut', () => {
  let cwd: string;
  const seed = generated(SEED);
  const manifest = parseManifest(seed.texts.get('manifest.json')!);
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'strata-fresh-'));
    mkdirSync(join(cwd, 'spec'));
    mkdirSync(join(cwd, 'out'));
    for (const [file, text] of seed.texts) writeFileSync(join(cwd, 'out', file), text);
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('accepts out/ generated from the topology as it is', () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), SEED);
    expect(() => requireFreshOut(cwd, manifest)).not.toThrow();
  });

  it('refuses out/ that the topology no longer generates, naming the stale files', () => {
    writeFileSync(join(cwd, 'spec', 'topology.yaml'), CIDR_CHANGED);
    expect(() => requireFreshOut(cwd, manifest)).toThrow(
      expect.objectContaining({
        code: 'E_STALE',
        message:
          'out/ is stale: diagram.svg, network.yaml, security.yaml differ from what spec/topology.yaml generates',
      }),
    );
  });

  it('skips the check when the topology file is not there', () => {
    expect(() => requireFreshOut(cwd, manifest)).not.toThrow();
  });
});
