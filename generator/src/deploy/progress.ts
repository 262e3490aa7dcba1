import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { Option } from 'commander';
import type { Palette } from '../output/terminal';
import { paintStatus, statusLook } from './stack-status';

/** Receives what a deploy or destroy does, stack by stack. */
export interface Progress {
  /** A message line (kept in the log; on a TTY printed above the live lines). */
  log(line: string): void;
  started(stackName: string): void;
  event(stackName: string, event: StackEvent): void;
  /** A stack settled; `counted` false for stacks outside the `[n/total]` count (the bootstrap stack). */
  done(stackName: string, status: string, counted?: boolean): void;
  /** A stack that needed no operation (no changes, dry run, declined): counted, with a note instead of a status. */
  settled(stackName: string, note: string, counted?: boolean): void;
  /** Clears the live lines, e.g. before a question, so nothing redraws over it; they come back with the next update. */
  suspend(): void;
  /** Clears the live lines; call once at the end. */
  finish(): void;
}

interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

// eslint-disable-next-line no-control-regex -- matches ANSI colour escapes, which start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

/** A live line must not wrap, or moving the cursor up by line count would miss; long ones lose colour and their end. */
export function fitLine(line: string, columns: number): string {
  const plain = line.replace(ANSI, '');
  return plain.length < columns ? line : `${plain.slice(0, Math.max(1, columns - 2))}…`;
}

function describeEvent(e: StackEvent, p: Palette): string {
  const reason =
    e.ResourceStatusReason && statusLook(e.ResourceStatus ?? '').state === 'failed'
      ? p.dim(` — ${e.ResourceStatusReason}`)
      : '';
  return `${paintStatus(e.ResourceStatus ?? '?', p)} ${e.LogicalResourceId ?? ''} ${p.dim(e.ResourceType ?? '')}${reason}`;
}

/** `12s`, `3m05s`: how long a stack has been at it. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * Progress for CI and pipes: one plain line per event, prefixed with the `[n/total stacks]` counter.
 * Given a clock, every line starts with its UTC time and a stack's lines end with the time since
 * that stack started, so a CI log shows where the minutes went.
 */
export class PlainProgress implements Progress {
  private finished = 0;
  private readonly startedAt = new Map<string, number>();
  constructor(
    private readonly out: Writer,
    private readonly p: Palette,
    private readonly total: number,
    private readonly now?: () => number,
  ) {}
  private counter(): string {
    return `[${this.finished}/${this.total} stacks]`;
  }
  private since(stackName: string): string {
    const start = this.startedAt.get(stackName);
    return this.now && start !== undefined
      ? this.p.dim(` (+${formatElapsed(this.now() - start)})`)
      : '';
  }
  log(line: string): void {
    const stamp = this.now ? `${new Date(this.now()).toISOString().slice(0, 19)}Z ` : '';
    this.out.write(`${stamp}${line}\n`);
  }
  started(stackName: string): void {
    if (this.now) this.startedAt.set(stackName, this.now());
    this.log(`${this.counter()} ${this.p.bold(stackName)} started`);
  }
  event(stackName: string, e: StackEvent): void {
    this.log(`${this.counter()} ${stackName} ${describeEvent(e, this.p)}${this.since(stackName)}`);
  }
  done(stackName: string, status: string, counted = true): void {
    if (counted) this.finished += 1;
    this.log(
      `${this.counter()} ${this.p.bold(stackName)} ${paintStatus(status, this.p)}${this.since(stackName)}`,
    );
  }
  settled(stackName: string, note: string, counted = true): void {
    if (counted) this.finished += 1;
    this.log(`${this.counter()} ${this.p.bold(stackName)} ${note}${this.since(stackName)}`);
  }
  suspend(): void {}
  finish(): void {}
}

/** Progress for a terminal: a live block (counter, then one line per running stack) redrawn in place. */
export class LiveProgress implements Progress {
  private finished = 0;
  private drawn = 0;
  private readonly running = new Map<string, string>();
  constructor(
    private readonly out: Writer,
    private readonly p: Palette,
    private readonly total: number,
  ) {}

  private clear(): void {
    // Move up over the previous block and erase it, line by line.
    for (let i = 0; i < this.drawn; i++) this.out.write('\u001b[1A\u001b[2K');
    this.drawn = 0;
  }
  private draw(): void {
    const lines = [this.p.bold(`[${this.finished}/${this.total} stacks]`)];
    for (const [name, latest] of this.running) lines.push(`  ${name}  ${latest}`);
    // A terminal that reports no size (a pty nobody sized, some editors' shells) says 0 columns.
    const columns = this.out.columns || 120;
    this.out.write(`${lines.map((l) => fitLine(l, columns)).join('\n')}\n`);
    this.drawn = lines.length;
  }
  log(line: string): void {
    this.clear();
    this.out.write(`${line}\n`);
    this.draw();
  }
  started(stackName: string): void {
    this.running.set(stackName, this.p.dim('starting'));
    this.clear();
    this.draw();
  }
  event(stackName: string, e: StackEvent): void {
    this.running.set(stackName, describeEvent(e, this.p));
    // Failures stay in the scrollback; everything else is only the latest line.
    if (statusLook(e.ResourceStatus ?? '').state === 'failed')
      this.log(`${stackName} ${describeEvent(e, this.p)}`);
    else {
      this.clear();
      this.draw();
    }
  }
  done(stackName: string, status: string, counted = true): void {
    if (counted) this.finished += 1;
    this.running.delete(stackName);
    this.log(`${this.p.bold(stackName)} ${paintStatus(status, this.p)}`);
  }
  settled(stackName: string, note: string, counted = true): void {
    if (counted) this.finished += 1;
    this.log(`${this.p.bold(stackName)} ${note}`);
  }
  suspend(): void {
    this.clear();
  }
  finish(): void {
    this.clear();
  }
}

/** The `--progress` styles: a live block redrawn in place, or one timestamped line per event. */
export const PROGRESS_MODES = ['bar', 'events'] as const;

/** How a command asked for progress: `--progress`, and the environment that says whether this is CI. */
export interface ProgressChoice {
  mode?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/**
 * Whether the environment is a CI run, by the rule the ci-info package documents: `CI` (unless
 * `false`) or one of the generic build variables most CI services set.
 */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === 'false' || env.CI === '0') return false;
  return ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'BUILD_ID', 'RUN_ID', 'CI_NAME'].some(
    (name) => env[name] !== undefined && env[name] !== '',
  );
}

/**
 * Live redraw on a terminal outside CI, or with `--progress bar` on a terminal; plain timestamped lines
 * everywhere else and with `--progress events` (CI logs stay readable).
 */
export function createProgress(
  out: Writer,
  p: Palette,
  total: number,
  choice: ProgressChoice = {},
): Progress {
  const live =
    out.isTTY === true && (choice.mode === 'bar' || (!choice.mode && !isCi(choice.env ?? {})));
  return live
    ? new LiveProgress(out, p, total)
    : new PlainProgress(out, p, total, choice.now ?? Date.now);
}

/** `--progress bar|events`, for the commands that watch stacks settle. */
export function progressOption(): Option {
  return new Option(
    '--progress <style>',
    'bar: a live block redrawn in place (the default on a terminal outside CI); events: one timestamped line per event',
  ).choices([...PROGRESS_MODES]);
}
