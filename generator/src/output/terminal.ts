import type { Diagnostic } from '../errors';

/** Colours used in human output; every one is a no-op when colour is off. */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const paint = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURED: Palette = {
  red: paint(31, 39),
  yellow: paint(33, 39),
  green: paint(32, 39),
  cyan: paint(36, 39),
  dim: paint(2, 22),
  bold: paint(1, 22),
};

const PLAIN: Palette = {
  red: (t) => t,
  yellow: (t) => t,
  green: (t) => t,
  cyan: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

/**
 * Colour only on a TTY whose terminal can show it (not `TERM=dumb`), never with NO_COLOR set
 * (https://no-color.org); FORCE_COLOR (as Node and chalk read it) wins over both, `FORCE_COLOR=0` turns
 * colour off.
 */
export function shouldUseColour(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** A palette for the given stream. */
export function paletteFor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Palette {
  return shouldUseColour(stream, env) ? COLOURED : PLAIN;
}

/** Formats one diagnostic as `file:line:col path: message — fix`, then the source line and a caret. */
export function formatDiagnostic(d: Diagnostic, p: Palette): string {
  const where = d.position ? `${d.position.file}:${d.position.line}:${d.position.column}` : '';
  const label = d.severity === 'error' ? p.red('error') : p.yellow('warning');
  const head = `${p.bold(where)}${where ? ' ' : ''}${label} ${p.cyan(d.path || '(root)')}: ${d.message}`;
  const lines = [d.fix ? `${head} — ${d.fix}` : head];
  if (d.sourceLine !== undefined && d.position) {
    const gutter = String(d.position.line);
    lines.push(`  ${p.dim(gutter + ' |')} ${d.sourceLine}`);
    lines.push(
      `  ${' '.repeat(gutter.length)}${p.dim(' |')} ${' '.repeat(Math.max(0, d.position.column - 1))}${p.red('^')}`,
    );
  }
  lines.push(p.dim(`  [${d.code}]`));
  return lines.join('\n');
}
