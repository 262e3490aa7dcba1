import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession } from '../aws/session';
import { describeStack } from '../aws/stacks';
import { StrataError } from '../errors';

interface OutputsOptions extends AwsOptions {
  json?: boolean;
}

/** `strata outputs`: the project's headline outputs (the site URL) and every stack output. */
export const registerOutputs = (program: Command, ctx: CliContext): void => {
  addAwsOptions(program.command('outputs').option('--json', 'print JSON')).action(
    async (opts: OutputsOptions) => {
      const { manifest, cfn } = await startSession(ctx, opts, { writes: false, json: opts.json });
      const byLayer: Record<string, Record<string, string>> = {};
      for (const s of manifest.stacks) {
        const info = await describeStack(cfn, s.stackName);
        if (info) byLayer[s.layer] = info.outputs;
      }
      if (Object.keys(byLayer).length === 0) {
        throw new StrataError(
          'E_DEPLOY',
          `no stack of ${manifest.project}${manifest.environment ? ` (environment ${manifest.environment})` : ''} is deployed`,
          `run strata deploy${manifest.environment ? ` --env ${manifest.environment}` : ''} first`,
        );
      }
      const headline: Record<string, string> = {};
      for (const [name, ref] of Object.entries(manifest.outputs)) {
        const value = byLayer[ref.layer]?.[ref.output];
        if (value !== undefined) headline[name] = value;
      }
      if (opts.json)
        return ctx.printJson({ project: manifest.project, outputs: headline, stacks: byLayer });
      for (const [name, value] of Object.entries(headline))
        ctx.print(`${ctx.out.bold(name)}: ${ctx.out.cyan(value)}`);
      for (const [layer, outputs] of Object.entries(byLayer)) {
        ctx.print(ctx.out.bold(`${layer}`));
        for (const [key, value] of Object.entries(outputs))
          ctx.print(`  ${key.padEnd(28)} ${value}`);
      }
    },
  );
};
