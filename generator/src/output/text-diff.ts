import type { Palette } from './terminal';

type Op = { op: ' ' | '-' | '+'; line: string };

/** Line-level edit script; the common head and tail are peeled off so the LCS table covers only the changed middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const same = (lines: string[]): Op[] => lines.map((line) => ({ op: ' ', line }));
  return [
    ...same(a.slice(0, head)),
    ...lcsDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...same(a.slice(a.length - tail)),
  ];
}

function lcsDiff(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', line: a[i] });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: '-', line: a[i] });
      i++;
    } else {
      out.push({ op: '+', line: b[j] });
      j++;
    }
  }
  return out;
}

/** A unified diff of `before` → `after` with three lines of context, coloured by the palette. */
export function unifiedDiff(
  name: string,
  before: string,
  after: string,
  p: Palette,
  context = 3,
): string {
  const ops = diffLines(before ? before.split('\n') : [], after ? after.split('\n') : []);
  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  const lines = [
    p.bold(`--- ${before ? name : '/dev/null'} (in the folder)`),
    p.bold(`+++ ${after ? name : '/dev/null'} (generated)`),
  ];
  let shownUntil = -1;
  for (const index of changed) {
    const from = Math.max(index - context, shownUntil + 1);
    if (from > shownUntil + 1 && shownUntil >= 0) lines.push(p.cyan('@@'));
    for (let k = from; k <= Math.min(index + context, ops.length - 1); k++) {
      if (k <= shownUntil) continue;
      const { op, line } = ops[k];
      lines.push(op === '+' ? p.green(`+${line}`) : op === '-' ? p.red(`-${line}`) : ` ${line}`);
      shownUntil = k;
    }
  }
  return lines.join('\n');
}
