import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the region a command uses came from, and the other settings that disagree with it. */
export interface RegionChoice {
  region: string;
  /** Why this region: `--region`, or the topology/environment. */
  reason: string;
  /** One sentence per region setting that differs and is ignored. */
  notes: string[];
}

/**
 * The `region` of a profile in the shared config file. Read by hand because the SDK's own loader is
 * bundled inside its packages, not exported; the format is INI, `[default]` or `[profile <name>]`.
 */
export function profileRegion(env: NodeJS.ProcessEnv, profile?: string): string | undefined {
  const name = profile ?? env.AWS_PROFILE ?? 'default';
  const file = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const header =
    name === 'default'
      ? /^\[\s*(profile\s+)?default\s*\]$/
      : new RegExp(`^\\[\\s*profile\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\]$`);
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = header.test(line);
    else if (inside) {
      const m = /^region\s*=\s*(\S+)/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

/**
 * Decides the region: `--region` when given, else the one the topology (or environment) was rendered
 * for. AWS_REGION, AWS_DEFAULT_REGION and the profile's region are never used silently: strata deploys
 * where the reviewed templates say, since their availability zones belong to that region.
 */
export function chooseRegion(
  rendered: { region: string; environment?: string },
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  profile?: string,
): RegionChoice {
  const region = flag ?? rendered.region;
  const owner = rendered.environment ? `environment ${rendered.environment}` : 'the topology';
  const reason = flag ? '--region' : `the region of ${owner}`;
  const others: Array<[string, string | undefined]> = [
    ['AWS_REGION', env.AWS_REGION],
    ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
    [`profile ${profile ?? env.AWS_PROFILE ?? 'default'}`, profileRegion(env, profile)],
  ];
  const notes = others
    .filter(([, value]) => value !== undefined && value !== region)
    .map(
      ([name, value]) =>
        `${name} says ${value}; using ${region} (${reason})${flag ? '' : '; pass --region to override'}`,
    );
  return { region, reason, notes };
}
