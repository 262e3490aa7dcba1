import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Polling } from '../aws/clock';
import { StrataError } from '../errors';

/** The SSM client as the check uses it. */
export type SsmLike = SSMClient;

/** Where the check connects and what it reads. */
export interface CheckTarget {
  host: string;
  port: number;
  secretArn: string;
  databaseName: string;
  runnerInstanceId: string;
  tables: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The shell script SSM runs on the backend instance. The password is read there from the secret the
 * instance may already read, and handed to the client in MYSQL_PWD, so it is in no command line,
 * no SSM parameter and no output. Names are checked first: they go into SQL and shell.
 */
export function checkScript(target: CheckTarget, region: string): string[] {
  for (const name of [target.databaseName, ...target.tables])
    if (!NAME.test(name))
      throw new StrataError(
        'E_USAGE',
        `\`${name}\` is not a plain table or database name`,
        'use letters, digits and _',
      );
  const select = target.tables.map((t) => `SELECT '${t}', COUNT(*) FROM ${t}`).join(' UNION ALL ');
  return [
    'set -euo pipefail',
    'command -v mysql >/dev/null || dnf install -y -q mariadb105 >/dev/null',
    `SECRET=$(aws secretsmanager get-secret-value --region ${region} --secret-id '${target.secretArn}' --query SecretString --output text)`,
    `export MYSQL_PWD=$(printf '%s' "$SECRET" | python3 -c 'import json,sys; print(json.load(sys.stdin)["password"])')`,
    `USER_NAME=$(printf '%s' "$SECRET" | python3 -c 'import json,sys; print(json.load(sys.stdin)["username"])')`,
    // The restored instance is checked as the backend connects: TLS, server certificate verified.
    `curl -fsS -o /tmp/strata-rds-ca.pem https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`,
    `mysql --ssl-ca=/tmp/strata-rds-ca.pem --ssl-verify-server-cert -h ${target.host} -P ${target.port} -u "$USER_NAME" -D ${target.databaseName} -N -B -e "${select}"`,
  ];
}

/** Reads `table<TAB>count` lines into counts; a table missing from the answer is an error. */
export function parseCounts(output: string, tables: string[]): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const [table, count] = line.trim().split('\t');
    if (table && count !== undefined && /^\d+$/.test(count)) rows[table] = Number(count);
  }
  const missing = tables.filter((t) => rows[t] === undefined);
  if (missing.length)
    throw new StrataError(
      'E_DEPLOY',
      `the restored database did not answer for ${missing.join(', ')}`,
      `its output was: ${output.trim() || '(empty)'}`,
    );
  return rows;
}

const DONE = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling']);

/** Runs the SELECT on the backend instance through SSM Run Command and returns the row counts. */
export async function checkRestored(
  ctx: { ssm: SsmLike; polling: Polling; timeoutMs: number },
  target: CheckTarget,
): Promise<Record<string, number>> {
  const region = await ctx.ssm.config.region();
  const sent = await ctx.ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [target.runnerInstanceId],
      Comment: 'strata restore-test: SELECT over the restored database',
      TimeoutSeconds: 600,
      Parameters: { commands: checkScript(target, region) },
    }),
  );
  const commandId = sent.Command!.CommandId!;
  const start = ctx.polling.clock.now();
  for (;;) {
    await ctx.polling.clock.sleep(Math.max(ctx.polling.intervalMs, 1));
    const out = await ctx.ssm
      .send(
        new GetCommandInvocationCommand({
          CommandId: commandId,
          InstanceId: target.runnerInstanceId,
        }),
      )
      .catch((error: { name?: string }) => {
        // Right after SendCommand the invocation may not exist yet.
        if (error.name === 'InvocationDoesNotExist') return undefined;
        throw error;
      });
    if (out?.Status && DONE.has(out.Status)) {
      if (out.Status !== 'Success')
        throw new StrataError(
          'E_DEPLOY',
          `the check on ${target.runnerInstanceId} ended ${out.Status}`,
          out.StandardErrorContent?.trim() || 'see the command in Systems Manager > Run Command',
        );
      return parseCounts(out.StandardOutputContent ?? '', target.tables);
    }
    if (ctx.polling.clock.now() - start > ctx.timeoutMs)
      throw new StrataError(
        'E_DEPLOY',
        `the check on ${target.runnerInstanceId} did not finish in time`,
        'is the SSM agent online? see Systems Manager > Fleet Manager',
      );
  }
}
