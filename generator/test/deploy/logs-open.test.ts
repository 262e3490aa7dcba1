import { rmSync } from 'node:fs';
import type { LogsApi } from '../../src/aws/logs-api';
import { setLogsApi } from '../../src/commands/logs';
import { isDesktop } from '../../src/commands/open';
import { formatEvent, parseSince } from '../../src/deploy/logs';
import { FakeCloudFormation } from './fake-cloudformation';
import { strataRun } from './cli-harness';
import { DIAMOND_OUTPUTS, diamondManifest, makeWorkspace } from './workspace';

const NOW = Date.UTC(2026, 0, 1);

describe('strata logs and strata open', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  let calls: { logGroupName: string; startTime: number; nextToken?: string }[];
  beforeEach(() => {
    fake = new FakeCloudFormation();
    const manifest = diamondManifest();
    manifest.stacks.push({
      ...manifest.stacks[0],
      layer: 'logs' as never,
      stackName: 'portfolio-logs',
      template: 'logs.yaml',
      dependsOn: [],
      outputs: [],
    });
    cwd = makeWorkspace(manifest);
    fake.seed('portfolio-logs', 'CREATE_COMPLETE', {
      outputs: {
        BackendLogGroupName: 'portfolio-logs-BackendLogGroup-1',
        BackendLogGroupArn: 'arn',
      },
    });
    fake.seed('portfolio-load-balancer', 'CREATE_COMPLETE', {
      outputs: DIAMOND_OUTPUTS['portfolio-load-balancer'],
    });
    calls = [];
    // Two pages on the first read; the follow poll repeats the last event (same id) and adds one.
    const pages = [
      {
        events: [
          {
            eventId: 'a',
            timestamp: NOW - 60_000,
            logStreamName: 'i-0abc/backend',
            message: 'listening on 5001\n',
          },
        ],
        nextToken: 't',
      },
      {
        events: [
          {
            eventId: 'b',
            timestamp: NOW - 30_000,
            logStreamName: 'i-0def/user-data',
            message: 'boot done',
          },
        ],
      },
      {
        events: [
          {
            eventId: 'b',
            timestamp: NOW - 30_000,
            logStreamName: 'i-0def/user-data',
            message: 'boot done',
          },
          {
            eventId: 'c',
            timestamp: NOW,
            logStreamName: 'i-0abc/backend',
            message: 'GET /api/health 200',
          },
        ],
      },
    ];
    const api: LogsApi = {
      filterLogEvents: async (input) => {
        calls.push(input);
        const page = pages.shift();
        if (!page) setImmediate(() => process.emit('SIGINT'));
        return page ?? { events: [] };
      },
    };
    setLogsApi(() => api);
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints the tier log group from --since on, with timestamps and instance ids', async () => {
    const r = await strataRun(cwd, ['logs', 'backend', '--since', '15m']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '2025-12-31T23:59:00.000Z i-0abc backend listening on 5001\n2025-12-31T23:59:30.000Z i-0def user-data boot done\n',
    );
    expect(calls[0]).toEqual({
      logGroupName: 'portfolio-logs-BackendLogGroup-1',
      startTime: expect.any(Number),
      nextToken: undefined,
    });
    expect(calls[1].nextToken).toBe('t');
  });

  it('--follow polls for newer events, skips repeated ones, and ends on Ctrl-C with 130', async () => {
    const r = await strataRun(cwd, ['logs', 'backend', '--follow']);
    expect(r.code).toBe(130);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(r.stdout).toContain('i-0abc backend GET /api/health 200');
    // The follow poll starts where the last read ended: never before --since.
    expect(calls[2].startTime).toBeGreaterThanOrEqual(calls[0].startTime);
  });

  it('names the tiers that have logs when the tier has none, and rejects a bad --since', async () => {
    const r = await strataRun(cwd, ['logs', 'frontend']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no log group for tier frontend');
    expect(r.stderr).toContain('tiers with logs: Backend');
    expect((await strataRun(cwd, ['logs', 'backend', '--since', 'yesterday'])).code).toBe(2);
    expect(parseSince('2d')).toBe(172_800_000);
    expect(formatEvent({ timestamp: 0, logStreamName: 'x', message: 'm' })).toBe(
      '1970-01-01T00:00:00.000Z x m',
    );
  });

  it('--json prints one JSON object per event, and open --json the URL as a document', async () => {
    const r = await strataRun(cwd, ['logs', 'backend', '--json']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))[0],
    ).toEqual({
      time: '2025-12-31T23:59:00.000Z',
      instance: 'i-0abc',
      stream: 'i-0abc/backend',
      message: 'listening on 5001',
    });
    const open = await strataRun(cwd, ['open', '--json']);
    expect(JSON.parse(open.stdout)).toEqual({
      url: DIAMOND_OUTPUTS['portfolio-load-balancer'].SiteUrl,
    });
  });

  it('strata open prints the site URL; a browser only on a desktop terminal', async () => {
    const r = await strataRun(cwd, ['open']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${DIAMOND_OUTPUTS['portfolio-load-balancer'].SiteUrl}\n`);
    expect(isDesktop({ DISPLAY: ':0' }, true)).toBe(process.platform !== 'win32');
    expect(isDesktop({ DISPLAY: ':0' }, false)).toBe(false);
    expect(isDesktop({ DISPLAY: ':0', CI: 'true' }, true)).toBe(false);
    expect(isDesktop({ DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' }, true)).toBe(false);
  });
});
