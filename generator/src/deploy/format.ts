import { STATEFUL_TYPES } from '../cfn/stateful';
import type { Palette } from '../output/terminal';
import type { PlannedChange } from './change-set';
import type { FirstFailure } from './watch';

const ACTION: Record<PlannedChange['action'], { symbol: string; colour: keyof Palette }> = {
  Add: { symbol: '+', colour: 'green' },
  Modify: { symbol: '~', colour: 'yellow' },
  Remove: { symbol: '-', colour: 'red' },
  Import: { symbol: '←', colour: 'cyan' },
  Dynamic: { symbol: '?', colour: 'yellow' },
};

function replacementNote(c: PlannedChange, p: Palette): string {
  const losesData =
    STATEFUL_TYPES.has(c.type) &&
    (c.action === 'Remove' || c.replacement === 'True' || c.replacement === 'Conditional');
  if (losesData)
    return p.red(
      p.bold(c.action === 'Remove' ? ' (removed: holds data)' : ' (replace: holds data)'),
    );
  if (c.replacement === 'True') return p.red(p.bold(' (replace)'));
  if (c.replacement === 'Conditional') return p.yellow(' (may replace)');
  return '';
}

/** One line per planned resource change: action symbol, logical id, type and CloudFormation's replacement verdict. */
export function formatPlannedChanges(changes: PlannedChange[], p: Palette): string[] {
  const width = Math.max(0, ...changes.map((c) => c.logicalId.length));
  return changes.map((c) => {
    const look = ACTION[c.action] ?? ACTION.Dynamic;
    const props =
      c.properties.length > 0
        ? p.dim(`  [${[...new Set(c.properties.map((x) => x.name))].join(', ')}]`)
        : '';
    return `  ${p[look.colour](`${look.symbol} ${c.action.padEnd(6)} ${c.logicalId.padEnd(width)}`)}  ${p.dim(c.type)}${replacementNote(c, p)}${props}`;
  });
}

/** Counts by action, e.g. `3 to add, 1 to modify (1 replacement), 0 to remove`. */
export function summarisePlannedChanges(changes: PlannedChange[]): string {
  const count = (a: PlannedChange['action']) => changes.filter((c) => c.action === a).length;
  const replacements = changes.filter((c) => c.replacement === 'True').length;
  const repl =
    replacements > 0 ? ` (${replacements} replacement${replacements === 1 ? '' : 's'})` : '';
  return `${count('Add')} to add, ${count('Modify')} to modify${repl}, ${count('Remove')} to remove`;
}

/** The failure line for a stack: the first failed resource and its reason, or the stack's own reason. */
export function formatFailure(
  stackName: string,
  status: string,
  first: FirstFailure | undefined,
  stackReason: string | undefined,
): string {
  if (first)
    return `${stackName} ended ${status}: ${first.logicalId} (${first.type}) ${first.status}: ${first.reason}`;
  return `${stackName} ended ${status}${stackReason ? `: ${stackReason}` : ''}`;
}
