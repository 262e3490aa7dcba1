import type { Polling } from '../aws/clock';
import type { LogsApi } from '../aws/logs-api';
import type { StackApi } from '../aws/stack-api';
import { awsError, describeStack } from '../aws/stacks';
import { StrataError } from '../errors';
import type { Manifest } from '../manifest/read';

/** `--since 90s|15m|1h|2d` in milliseconds; a usage error otherwise. */
export function parseSince(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m)
    throw new StrataError(
      'E_USAGE',
      `--since ${text} is not a duration`,
      'e.g. --since 15m, 1h or 2d',
      2,
    );
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The tier's log group, read from the live logs stack's `<Tier>LogGroupName` output. */
export async function tierLogGroup(
  cfn: StackApi,
  manifest: Manifest,
  tier: string,
): Promise<string> {
  const stack = manifest.stacks.find((s) => s.layer === 'logs');
  if (!stack)
    throw new StrataError(
      'E_USAGE',
      `${manifest.project} has no log groups: the logs layer comes with monitoring`,
      'turn on monitoring in the topology (docs/operate.md), generate and deploy',
    );
  const info = await describeStack(cfn, stack.stackName);
  if (!info)
    throw new StrataError('E_DEPLOY', `${stack.stackName} is not deployed`, 'run strata deploy');
  const names = Object.keys(info.outputs).filter((o) => o.endsWith('LogGroupName'));
  const hit = names.find((o) => key(o) === `${key(tier)}loggroupname`);
  if (!hit) {
    const tiers = names.map((o) => o.replace(/LogGroupName$/, '')).join(', ');
    throw new StrataError(
      'E_USAGE',
      `no log group for tier ${tier}`,
      `tiers with logs: ${tiers || 'none'}`,
    );
  }
  return info.outputs[hit];
}

/** One printed log line: time, instance id (the stream's first part), stream, message. */
export function formatEvent(e: {
  timestamp?: number;
  logStreamName?: string;
  message?: string;
}): string {
  const time = new Date(e.timestamp ?? 0).toISOString();
  const [instance, ...rest] = (e.logStreamName ?? '?').split('/');
  const source = rest.length ? `${instance} ${rest.join('/')}` : instance;
  return `${time} ${source} ${(e.message ?? '').replace(/\n$/, '')}`;
}

/** One event as a JSON line, for `strata logs --json` (one object per line, so --follow streams). */
export function eventJson(e: {
  timestamp?: number;
  logStreamName?: string;
  message?: string;
}): string {
  const [instance] = (e.logStreamName ?? '').split('/');
  return JSON.stringify({
    time: new Date(e.timestamp ?? 0).toISOString(),
    instance: instance || undefined,
    stream: e.logStreamName,
    message: (e.message ?? '').replace(/\n$/, ''),
  });
}

/** What reading a log group needs. */
export interface ReadLogs {
  logs: LogsApi;
  polling: Polling;
  group: string;
  startTime: number;
  follow: boolean;
  print: (line: string) => void;
  /** How an event becomes a line: `formatEvent` unless asked for JSON. */
  format?: (e: { timestamp?: number; logStreamName?: string; message?: string }) => string;
  signal?: AbortSignal;
}

/**
 * Prints the group's events from startTime; with `follow`, polls on the polling interval for newer
 * ones until Ctrl-C (event ids already printed are skipped, as FilterLogEvents repeats the boundary).
 */
export async function readLogs(r: ReadLogs): Promise<number> {
  const seen = new Set<string>();
  let start = r.startTime;
  for (;;) {
    let token: string | undefined;
    do {
      const page = await r.logs
        .filterLogEvents({ logGroupName: r.group, startTime: start, nextToken: token })
        .catch((error: unknown) => {
          throw awsError(`FilterLogEvents ${r.group}`, error);
        });
      for (const e of page.events ?? []) {
        if (e.eventId && seen.has(e.eventId)) continue;
        if (e.eventId) seen.add(e.eventId);
        r.print((r.format ?? formatEvent)(e));
        start = Math.max(start, e.timestamp ?? start);
      }
      token = page.nextToken;
    } while (token && !r.signal?.aborted);
    if (!r.follow || r.signal?.aborted) return seen.size;
    await r.polling.clock.sleep(r.polling.intervalMs, r.signal);
    if (r.signal?.aborted) return seen.size;
  }
}
