import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StrataTopology } from '../model/topology.generated';
import { closest } from '../util/suggest';
import type { Finding } from './finding';

/** The file `strata deploy` bundles for an app; see `render/manifest.ts`. */
const ENTRY = 'src/server.ts';

function folders(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  } catch {
    return [];
  }
}

/**
 * Each tier's `app` must be a folder under `apps/` with the entry deploy bundles: found now, at the
 * line that names it, rather than at deploy time as a build failure of an app that is not there.
 */
export function checkApps(t: StrataTopology, appsDir: string, shownDir = 'apps'): Finding[] {
  const findings: Finding[] = [];
  // A folder with no apps/ at all is not a project strata deploys from (a scratch folder that only
  // renders templates); deploy reports the missing app there. Where apps/ exists, it must hold them.
  if (!existsSync(appsDir)) return findings;
  const present = folders(appsDir);
  const known = present.filter((name) => existsSync(join(appsDir, name, ENTRY)));
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    const path = `tiers.${name}.app`;
    if (!present.includes(tier.app)) {
      findings.push({
        code: 'app/missing',
        severity: 'error',
        path,
        message: `there is no folder \`${shownDir}/${tier.app}\``,
        fix: closest(tier.app, known)
          ? `did you mean \`${closest(tier.app, known)}\`?`
          : `create ${shownDir}/${tier.app}/${ENTRY}, or name an app in ${shownDir}/ (${known.join(', ') || 'none yet'})`,
      });
    } else if (!existsSync(join(appsDir, tier.app, ENTRY))) {
      findings.push({
        code: 'app/no-entry',
        severity: 'error',
        path,
        message: `\`${shownDir}/${tier.app}\` has no \`${ENTRY}\`, the entry point strata deploy builds`,
        fix: `add ${shownDir}/${tier.app}/${ENTRY} that starts the app's server`,
      });
    }
  }
  return findings;
}
