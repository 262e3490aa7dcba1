import type { Command } from 'commander';
import { StrataError } from '../errors';

/** `--env` and `--out`: which environment a command works on and where its rendered templates are. */
export interface TargetOptions {
  env?: string;
  out?: string;
}

/** The output folder of the base topology. */
export const BASE_OUT = 'out';

/**
 * Adds `--env <name>` and `--out <dir>` to a command: every command takes both, so a command added
 * later gets them with this one call (AWS commands get them from `addAwsOptions`).
 */
export function addTargetOptions(command: Command): Command {
  return command
    .option(
      '--env <name>',
      'environment of the topology (environments.<name>), rendered into out/<name>/; default: the base topology',
    )
    .option(
      '--out <dir>',
      'folder of the rendered templates (default: out/, or out/<env>/ with --env)',
    );
}

/** The output folder of an environment as the user sees it: `--out`, else `out/<env>`, else `out`. */
export function outDirOf(options: TargetOptions): string {
  if (options.out) return options.out.replace(/\/+$/, '') || '/';
  return options.env ? `${BASE_OUT}/${options.env}` : BASE_OUT;
}

/**
 * Refuses a manifest rendered for another environment than `--env` asked for: deploying `out/` with
 * `--env prod` would put the base's settings into production's stacks.
 */
export function checkTarget(
  manifest: { environment?: string },
  options: TargetOptions,
  outDir: string,
): void {
  if (options.env === undefined || manifest.environment === options.env) return;
  const rendered = manifest.environment
    ? `environment ${manifest.environment}`
    : 'the base topology';
  throw new StrataError(
    'E_USAGE',
    `${outDir}/manifest.json was rendered for ${rendered}, not for environment ${options.env}`,
    `run strata generate --env ${options.env}${options.out ? ` --out ${options.out}` : ''}, or drop --out to use out/${options.env}/`,
  );
}
