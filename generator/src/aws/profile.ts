import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StrataError } from '../errors';

/** The profile names of an AWS config or credentials file (`[profile x]`, `[x]`). */
export function profilesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm)) names.add(m[1]);
  return names;
}

/**
 * Fails early, naming the profile, when `--profile` is in neither ~/.aws/config nor
 * ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE): the SDK's own message
 * comes only at the first call and does not say which files it read. Read synchronously here
 * because the clients are built synchronously; the SDK's ini loader is async. The SDK reads
 * process.env for these paths, so this does too.
 */
export function requireProfile(profile: string, env: NodeJS.ProcessEnv = process.env): void {
  const home = env.HOME ?? homedir();
  const config = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  for (const file of [config, credentials])
    if (existsSync(file) && profilesIn(readFileSync(file, 'utf8')).has(profile)) return;
  throw new StrataError(
    'E_USAGE',
    `profile \`${profile}\` is not in ${config} (nor in ${credentials})`,
    'add it with aws configure --profile ' + profile + ', or pass a profile that exists',
  );
}
