import type { StackEvent } from '@aws-sdk/client-cloudformation';
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

/** Progress for CI and pipes: one plain line per event, prefixed with the `[n/total stacks]` counter. */
export class PlainProgress implements Progress {
  private finished = 0;
  constructor(
    private readonly out: Writer,
    private readonly p: Palette,
    private readonly total: number,
  ) {}
  private counter(): string {
    return `[${this.finished}/${this.total} stacks]`;
  }
  log(line: string): void {
    this.out.write(`${line}\n`);
  }
  started(stackName: string): void {
    this.log(`${this.counter()} ${this.p.bold(stackName)} started`);
  }
  event(stackName: string, e: StackEvent): void {
    this.log(`${this.counter()} ${stackName} ${describeEvent(e, this.p)}`);
  }
  done(stackName: string, status: string, counted = true): void {
    if (counted) this.finished += 1;
    this.log(`${this.counter()} ${this.p.bold(stackName)} ${paintStatus(status, this.p)}`);
  }
  settled(stackName: string, note: string, counted = true): void {
    if (counted) this.finished += 1;
    this.log(`${this.counter()} ${this.p.bold(stackName)} ${note}`);
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
    const columns = this.out.columns ?? 120;
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

/** Live redraw only on a TTY; plain lines everywhere else (CI logs stay readable). */
export function createProgress(out: Writer, p: Palette, total: number): Progress {
  return out.isTTY ? new LiveProgress(out, p, total) : new PlainProgress(out, p, total);
}
