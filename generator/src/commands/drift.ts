import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, type AwsSession } from '../aws/session';
import { describeStack } from '../aws/stacks';
import { detectDrift, driftDetails, type ResourceDrift } from '../deploy/drift';
import { statusLook } from '../deploy/stack-status';
import { stackOf } from '../manifest/read';
import { ExitCode } from '../errors';

/** `--fail` on drift: the code `diff --fail` and `generate --check` use for "changes found". */
const CHANGES_EXIT_CODE = 2;

interface DriftOptions extends AwsOptions {
  stack?: string;
  fail?: boolean;
  json?: boolean;
}

/** One stack's drift: its verdict and, when drifted, every drifted resource. */
interface StackDrift {
  stackName: string;
  status: string;
  resources: ResourceDrift[];
}

async function stackDrift(session: AwsSession, stackName: string): Promise<StackDrift> {
  const info = await describeStack(session.cfn, stackName);
  // Drift detection needs a stack settled on a template: not deployed, mid-operation or failed is reported as such.
  if (!info || statusLook(info.status).state !== 'settled' || info.status === 'REVIEW_IN_PROGRESS')
    return {
      stackName,
      status: info ? `NOT_CHECKED (${info.status})` : 'NOT_DEPLOYED',
      resources: [],
    };
  const verdict = await detectDrift(session.cfn, session.polling, stackName);
  const resources = verdict.status === 'DRIFTED' ? await driftDetails(session.cfn, stackName) : [];
  return { stackName, status: verdict.status, resources };
}

function printStack(ctx: CliContext, s: StackDrift): void {
  const p = ctx.out;
  const verdict =
    s.status === 'DRIFTED'
      ? p.yellow(s.status)
      : s.status === 'IN_SYNC'
        ? p.green(s.status)
        : p.dim(s.status);
  ctx.print(`${p.bold(s.stackName)} ${verdict}`);
  for (const r of s.resources) {
    ctx.print(
      `  ${r.logicalId} (${r.type}) ${p.yellow(r.status)}${r.physicalId ? p.dim(` ${r.physicalId}`) : ''}`,
    );
    for (const d of r.properties)
      ctx.print(
        `    ${d.path}: expected ${d.expected ?? p.dim('(absent)')}, actual ${d.actual ?? p.dim('(absent)')}${d.difference === 'NOT_EQUAL' ? '' : p.dim(` [${d.difference}]`)}`,
      );
  }
}

/** `strata drift`: CloudFormation drift detection on every stack, with each drifted property's expected and actual value. */
export const registerDrift = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('drift')
      .option('--stack <layer>', 'check only this layer')
      .option('--fail', `exit ${CHANGES_EXIT_CODE} when any stack has drifted (for CI)`)
      .option('--json', 'print the drift as JSON'),
  ).action(async (opts: DriftOptions) => {
    const session = await startSession(ctx, opts, { writes: false, json: opts.json });
    const names = opts.stack
      ? [stackOf(session.manifest, opts.stack).stackName]
      : session.manifest.stacks.map((s) => s.stackName);
    const stacks = await Promise.all(names.map((n) => stackDrift(session, n)));
    const drifted = stacks.some((s) => s.status === 'DRIFTED');
    if (opts.json) ctx.printJson({ drifted, stacks });
    else {
      for (const s of stacks) printStack(ctx, s);
      const n = stacks.filter((s) => s.status === 'DRIFTED').length;
      ctx.print(
        drifted
          ? ctx.out.yellow(`${n} of ${stacks.length} stacks drifted.`)
          : `No drift in ${stacks.length} stacks.`,
      );
    }
    if (opts.fail && drifted) throw new ExitCode(CHANGES_EXIT_CODE);
  });
};
