import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StrataError } from '../errors';
import { generateTemplates } from '../generate';
import { readOut } from '../render/write-out';
import type { Manifest } from '../manifest/read';

/**
 * Refuses to deploy an out/ that no longer matches the topology: what gets deployed must be what was reviewed.
 * Skipped when the topology file is not there (a checkout of out/ alone).
 */
export function requireFreshOut(cwd: string, manifest: Manifest, outDir = 'out'): void {
  if (!existsSync(join(cwd, manifest.spec))) return;
  const expected = generateTemplates(manifest.spec, {
    cwd,
    environment: manifest.environment,
  }).files;
  const actual = readOut(join(cwd, outDir));
  const stale = [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((f) => expected.get(f) !== actual.get(f))
    .sort();
  if (stale.length === 0) return;
  throw new StrataError(
    'E_STALE',
    `${outDir}/ is stale: ${stale.join(', ')} differ${stale.length === 1 ? 's' : ''} from what ${manifest.spec} generates`,
    `run strata generate${manifest.environment ? ` --env ${manifest.environment}` : ''}, review with strata diff, commit, then deploy`,
  );
}
