/** One cron field of Unix syntax: numbers or three-letter names, `*`, ranges, lists and steps. */
const UNIX_FIELD =
  /^(?:\*|\d+|[A-Za-z]{3})(?:-(?:\d+|[A-Za-z]{3}))?(?:\/\d+)?(?:,(?:\*|\d+|[A-Za-z]{3})(?:-(?:\d+|[A-Za-z]{3}))?(?:\/\d+)?)*$/;

/**
 * Why a scheduled action's recurrence is not valid Unix cron (five fields, as EC2 Auto Scaling
 * takes it), or undefined when it is. cron-parser checks values and names; it also accepts
 * seconds, `@daily`, `L`, `#` and `?`, which Auto Scaling does not, so those are refused first.
 */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; cron here has five: minute hour day-of-month month day-of-week`;
  const odd = fields.find((f) => !UNIX_FIELD.test(f));
  if (odd)
    return `\`${odd}\` is not Unix cron (numbers, names, \`*\`, \`-\`, \`,\` and \`/\` only)`;
  try {
    // Loaded here, not at the top: with luxon it is a fifth of the CLI's code, and only topologies
    // with scheduled scaling reach this line.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CronExpressionParser } = require('cron-parser') as typeof import('cron-parser');
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
