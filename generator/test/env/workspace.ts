import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import type { Manifest } from '../../src/manifest/read';
import type { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { DIAMOND_OUTPUTS, diamondManifest } from '../deploy/workspace';

/** The diamond manifest as `generate --env <env>` would name it: its own stacks, environment and tags. */
export function envManifest(env: string, extra: Partial<Manifest> = {}): Manifest {
  const base = diamondManifest();
  return {
    ...base,
    environment: env,
    tags: { Project: 'portfolio', 'strata:environment': env },
    stacks: base.stacks.map((s) => ({ ...s, stackName: `portfolio-${env}-${s.layer}` })),
    ...extra,
  };
}

/** Writes an environment's out/<env>/ next to the base out/ of a deploy workspace (same small templates). */
export function addEnvironment(dir: string, manifest: Manifest): void {
  const target = join(dir, 'out', manifest.environment!);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const s of manifest.stacks)
    writeFileSync(join(target, s.template), readFileSync(join(dir, 'out', s.template), 'utf8'));
}

/** Scripts the fake's outputs for an environment's stacks (the diamond's, renamed). */
export function scriptEnvironment(fake: FakeCloudFormation, env: string): void {
  for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS))
    fake.scripts[name.replace(/^portfolio-/, `portfolio-${env}-`)] = { outputs: { ...outputs } };
}

/** Runs the CLI in-process with separate stdout and stderr; `answer` is typed into a TTY stdin. */
export async function strata(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  answer?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: answer !== undefined });
  if (answer !== undefined) setImmediate(() => stdin.write(`${answer}\n`));
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stderr: Object.assign(new PassThrough(), { write: (t: string) => err.push(t) }) as never,
    stdin,
    env: { STRATA_POLL_INTERVAL_MS: '0', NO_COLOR: '1', AWS_CONFIG_FILE: '/nonexistent', ...env },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
