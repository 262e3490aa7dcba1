import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions } from '../aws/options';
import { startSession, type AwsSession } from '../aws/session';
import { awsError, describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
import { generateTemplates } from '../generate';
import { restoreTest, type RestoreTarget } from '../deploy/restore-test';

interface RestoreOptions extends AwsOptions {
  json?: boolean;
  instance?: string;
  tables: string;
  timeout: string;
}

/** The tables the backend's migrations create (apps/backend), which the check counts. */
const SEED_TABLES = 'projects,skills,contacts';

function stackOf(session: AwsSession, layer: string) {
  const stack = session.manifest.stacks.find((s) => s.layer === layer);
  if (!stack)
    throw new StrataError(
      'E_USAGE',
      `${session.manifest.project} has no ${layer} stack`,
      'restore-test needs a database and a tier that uses it',
    );
  return stack;
}

/** The backend instance to run the check on: the first instance of the first tier that reads the database secret. */
async function runnerInstance(
  ctx: CliContext,
  session: AwsSession,
  given?: string,
): Promise<string> {
  if (given) return given;
  const { model } = generateTemplates(session.manifest.spec, { cwd: ctx.io.cwd });
  const tier = model.tiers.find((t) => t.readsDatabaseSecret);
  const compute = await describeStack(session.cfn, stackOf(session, 'compute').stackName);
  const ids = tier && compute?.outputs[`${tier.id}InstanceIds`];
  if (!ids)
    throw new StrataError(
      'E_USAGE',
      'found no deployed instance that uses the database',
      'pass --instance <id> of a backend instance',
    );
  return ids.split(',')[0];
}

/** The physical id of one resource of a deployed stack. */
async function physicalId(
  session: AwsSession,
  stackName: string,
  logicalId: string,
): Promise<string> {
  let token: string | undefined;
  do {
    const page = await session.cfn
      .listStackResources({ StackName: stackName, NextToken: token })
      .catch((error: unknown) => {
        throw awsError(`ListStackResources ${stackName}`, error);
      });
    const found = page.StackResourceSummaries?.find((r) => r.LogicalResourceId === logicalId);
    if (found?.PhysicalResourceId) return found.PhysicalResourceId;
    token = page.NextToken;
  } while (token);
  throw new StrataError(
    'E_DEPLOY',
    `stack ${stackName} has no ${logicalId}`,
    'run strata deploy first',
  );
}

async function targetOf(
  ctx: CliContext,
  session: AwsSession,
  opts: RestoreOptions,
): Promise<RestoreTarget> {
  const name = stackOf(session, 'database').stackName;
  const db = await describeStack(session.cfn, name);
  if (!db)
    throw new StrataError('E_DEPLOY', `stack ${name} is not deployed`, 'run strata deploy first');
  const sourceInstanceId = await physicalId(session, name, 'Database');
  return {
    sourceInstanceId,
    secretArn: db.outputs.DatabaseSecretArn,
    databaseName: db.outputs.DatabaseName,
    username: db.outputs.DatabaseUsername,
    runnerInstanceId: await runnerInstance(ctx, session, opts.instance),
    tables: opts.tables
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

/** `strata restore-test`: restore the newest automated snapshot into a temporary instance, query it, delete it. */
export const registerRestoreTest = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('restore-test')
      .option(
        '--instance <id>',
        'EC2 instance to run the check on (default: the first instance of the tier that uses the database)',
      )
      .option('--tables <list>', 'comma-separated tables to count', SEED_TABLES)
      .option('--timeout <minutes>', 'bound on each wait (restore, password reset, deletion)', '60')
      .option(
        '--json',
        'print the report (snapshot, timings, row counts) as JSON; progress on stderr',
      ),
  ).action(async (opts: RestoreOptions) => {
    const minutes = Number(opts.timeout);
    if (!Number.isFinite(minutes) || minutes <= 0)
      throw new StrataError(
        'E_USAGE',
        `--timeout ${opts.timeout} is not a number of minutes`,
        'e.g. --timeout 90',
      );
    // It creates and deletes an RDS instance: a write, so the account is checked before anything.
    const session = await startSession(ctx, opts, { writes: true, json: opts.json });
    const target = await targetOf(ctx, session, opts);
    const report = await restoreTest(
      {
        rds: session.client(RDSClient),
        ssm: session.client(SSMClient),
        secrets: session.client(SecretsManagerClient),
        polling:
          session.polling.intervalMs < 5000
            ? session.polling
            : { ...session.polling, intervalMs: 15000 },
        log: (line) => (opts.json ? ctx.warn(line) : ctx.print(line)),
        timeoutMs: minutes * 60000,
      },
      target,
    );
    const total = report.timings.reduce((sum, t) => sum + t.seconds, 0);
    if (opts.json) return ctx.printJson({ ok: true, ...report, totalSeconds: total });
    ctx.print(
      ctx.out.green(
        `✔ ${report.snapshotId} restores and answers: ${Object.entries(report.rows)
          .map(([t, n]) => `${t} ${n} rows`)
          .join(', ')} (${Math.round(total)} s in all)`,
      ),
    );
  });
};
