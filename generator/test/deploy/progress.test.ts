import type { StackEvent } from '@aws-sdk/client-cloudformation';
import {
  createProgress,
  fitLine,
  formatElapsed,
  isCi,
  LiveProgress,
  PlainProgress,
} from '../../src/deploy/progress';
import { isBusy, paintStatus, STATUS_TABLE, statusLook } from '../../src/deploy/stack-status';
import { paletteFor } from '../../src/output/terminal';

const plain = paletteFor({ isTTY: false }, {});
const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, write: (t: string) => chunks.push(t) } };
};
const event = {
  StackId: 's',
  EventId: 'e',
  StackName: 'n',
  Timestamp: new Date(0),
  LogicalResourceId: 'Vpc',
  ResourceType: 'AWS::EC2::VPC',
  ResourceStatus: 'CREATE_IN_PROGRESS',
} as StackEvent;

describe('progress', () => {
  it('picks live redraw only for a TTY', () => {
    expect(createProgress(sink(true).out, plain, 5)).toBeInstanceOf(LiveProgress);
    expect(createProgress(sink(false).out, plain, 5)).toBeInstanceOf(PlainProgress);
  });

  it('plain progress prints one line per event with the counter and no control codes', () => {
    const { chunks, out } = sink(false);
    const p = new PlainProgress(out, plain, 5);
    p.started('portfolio-network');
    p.event('portfolio-network', event);
    p.done('portfolio-network', 'CREATE_COMPLETE');
    expect(chunks.join('')).toBe(
      '[0/5 stacks] portfolio-network started\n[0/5 stacks] portfolio-network … CREATE_IN_PROGRESS Vpc AWS::EC2::VPC\n[1/5 stacks] portfolio-network ✔ CREATE_COMPLETE\n',
    );
  });

  it('live progress redraws its block in place and leaves only finished lines behind', () => {
    const { chunks, out } = sink(true);
    const p = new LiveProgress(out, plain, 3);
    p.started('portfolio-network');
    p.event('portfolio-network', event);
    const text = chunks.join('');
    expect(text).toContain('\u001b[1A\u001b[2K'); // cursor up + erase line
    expect(text).toContain(
      '[0/3 stacks]\n  portfolio-network  … CREATE_IN_PROGRESS Vpc AWS::EC2::VPC\n',
    );
    p.done('portfolio-network', 'CREATE_COMPLETE');
    p.finish();
    const lastErase = chunks.lastIndexOf('\u001b[1A\u001b[2K');
    expect(chunks.slice(0, lastErase + 1).join('')).toContain(
      'portfolio-network ✔ CREATE_COMPLETE\n',
    );
    expect(chunks.slice(lastErase + 1).join('')).toBe('');
  });

  it('cuts live lines to the terminal width so redraws never wrap', () => {
    const coloured = paletteFor({ isTTY: true }, {}).green('x'.repeat(50));
    expect(fitLine(coloured, 80)).toBe(coloured);
    expect(fitLine(coloured, 20)).toBe(`${'x'.repeat(18)}…`);
    const { chunks, out } = sink(true);
    const p = new LiveProgress({ ...out, columns: 30 }, plain, 1);
    p.started('portfolio-load-balancer');
    p.event('portfolio-load-balancer', {
      ...event,
      LogicalResourceId: 'AVeryLongLogicalResourceIdIndeed',
    });
    for (const line of chunks
      .join('')
      // eslint-disable-next-line no-control-regex -- the cursor-up and erase-line escapes start with ESC
      .replace(/\u001b\[1A\u001b\[2K/g, '')
      .split('\n'))
      expect(line.length).toBeLessThanOrEqual(30);
  });

  it('draws full lines on a terminal that reports 0 columns (an unsized pty)', () => {
    const { chunks, out } = sink(true);
    new LiveProgress({ ...out, columns: 0 }, plain, 1).started('portfolio-network');
    expect(chunks.join('')).toContain('[0/1 stacks]\n');
  });

  it('suspend clears the live block before a question', () => {
    const { chunks, out } = sink(true);
    const p = new LiveProgress(out, plain, 2);
    p.started('portfolio-network');
    chunks.length = 0;
    p.suspend();
    expect(chunks).toEqual(['\u001b[1A\u001b[2K', '\u001b[1A\u001b[2K']);
  });

  it('does not count the bootstrap stack', () => {
    const { chunks, out } = sink(false);
    new PlainProgress(out, plain, 5).done('portfolio-bootstrap', 'CREATE_COMPLETE', false);
    expect(chunks.join('')).toBe('[0/5 stacks] portfolio-bootstrap ✔ CREATE_COMPLETE\n');
  });
});

describe('stack status table', () => {
  it('maps every status to one colour and symbol, and running ones to busy', () => {
    for (const [status, look] of Object.entries(STATUS_TABLE)) {
      expect(look.symbol).toHaveLength(1);
      expect(isBusy(status)).toBe(
        status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS',
      );
    }
    expect(paintStatus('UPDATE_ROLLBACK_FAILED', paletteFor({ isTTY: true }, {}))).toBe(
      '\u001b[31m✖ UPDATE_ROLLBACK_FAILED\u001b[39m',
    );
  });

  it('treats an unknown status as busy so nothing starts on top of it', () => {
    expect(statusLook('SOMETHING_NEW')).toMatchObject({ state: 'busy', symbol: '?' });
  });
});

describe('progress for CI and pipes', () => {
  it('stamps every line with UTC time and ends a stack line with its elapsed time', () => {
    const { chunks, out } = sink(false);
    let now = Date.parse('2026-12-02T02:30:00Z');
    const p = new PlainProgress(out, plain, 2, () => now);
    p.started('portfolio-network');
    now += 12_000;
    p.event('portfolio-network', event);
    now += 80_000;
    p.done('portfolio-network', 'CREATE_COMPLETE');
    expect(chunks.join('').split('\n')).toEqual([
      '2026-12-02T02:30:00Z [0/2 stacks] portfolio-network started',
      '2026-12-02T02:30:12Z [0/2 stacks] portfolio-network … CREATE_IN_PROGRESS Vpc AWS::EC2::VPC (+12s)',
      '2026-12-02T02:31:32Z [1/2 stacks] portfolio-network ✔ CREATE_COMPLETE (+1m32s)',
      '',
    ]);
  });

  it('formats elapsed times', () => {
    expect([0, 999, 59_400, 60_000, 185_000].map(formatElapsed)).toEqual([
      '0s',
      '1s',
      '59s',
      '1m00s',
      '3m05s',
    ]);
  });

  it('knows CI by CI or the generic build variables, and CI=false turns it off', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ BUILD_NUMBER: '12' })).toBe(true);
    expect(isCi({ CI: 'false', BUILD_NUMBER: '12' })).toBe(false);
    expect(isCi({ TERM: 'xterm' })).toBe(false);
  });

  it('--progress picks the style; on a terminal in CI the default is timestamped lines', () => {
    const tty = sink(true).out;
    expect(createProgress(tty, plain, 1, { env: { CI: 'true' } })).toBeInstanceOf(PlainProgress);
    expect(createProgress(tty, plain, 1, { env: { CI: 'true' }, mode: 'bar' })).toBeInstanceOf(
      LiveProgress,
    );
    expect(createProgress(tty, plain, 1, { mode: 'events' })).toBeInstanceOf(PlainProgress);
    // A pipe cannot redraw, whatever was asked.
    expect(createProgress(sink(false).out, plain, 1, { mode: 'bar' })).toBeInstanceOf(
      PlainProgress,
    );
  });
});
