import type { Command } from 'commander';
import type { CliContext } from '../output/context';
import { addAwsOptions, type AwsOptions, type ClientFactory } from '../aws/options';
import { startSession, withInterrupt } from '../aws/session';
import type { LogsApi } from '../aws/logs-api';
import { StrataError } from '../errors';
import { eventJson, parseSince, readLogs, tierLogGroup } from '../deploy/logs';

interface LogsOptions extends AwsOptions {
  since: string;
  follow?: boolean;
  json?: boolean;
}

/** Tests hand in a scripted LogsApi; the CLI builds the SDK one. */
let logsApiFor: (client: ClientFactory) => LogsApi = (client) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is loaded on use
  (require('../aws/logs-api') as typeof import('../aws/logs-api')).sdkLogsApi(client);

/** Replaces how `strata logs` reaches CloudWatch Logs (tests only). */
export function setLogsApi(make: typeof logsApiFor): void {
  logsApiFor = make;
}

/** `strata logs <tier>`: the tier's CloudWatch log group, with timestamps and instance ids. */
export const registerLogs = (program: Command, ctx: CliContext): void => {
  addAwsOptions(
    program
      .command('logs')
      .argument('<tier>', 'tier whose log group to read (e.g. backend)')
      .option('--since <duration>', 'how far back to start: 90s, 15m, 1h, 2d', '1h')
      .option('-f, --follow', 'keep polling for new events until Ctrl-C')
      .option('--json', 'one JSON object per event and line: time, instance, stream, message'),
  ).action(async (tier: string, opts: LogsOptions) => {
    const sinceMs = parseSince(opts.since);
    // The banner goes to stderr: stdout holds the log lines alone.
    const session = await startSession(ctx, opts, { writes: false, json: true });
    const group = await tierLogGroup(session.cfn, session.manifest, tier);
    const logs = logsApiFor(session.client);
    const startTime = session.polling.clock.now() - sinceMs;
    const read = (signal?: AbortSignal) =>
      readLogs({
        logs,
        polling: session.polling,
        group,
        startTime,
        follow: opts.follow === true,
        print: ctx.print,
        format: opts.json ? eventJson : undefined,
        signal,
      });
    const count = opts.follow
      ? await withInterrupt(async (signal) => {
          const n = await read(signal);
          // Ctrl-C is how --follow ends: the exit code says so, as for any interruption.
          if (signal.aborted)
            throw new StrataError('E_ABORTED', `stopped following ${group}`, undefined, 130);
          return n;
        })
      : await read();
    if (count === 0) ctx.warn(ctx.err.dim(`no events in ${group} since ${opts.since} ago`));
  });
};
