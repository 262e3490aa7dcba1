import type { Command, Option } from 'commander';

/** Marks around the generated part of docs/cli.md. */
export const REFERENCE_START =
  '<!-- cli-reference:start (generated from the commander definitions by `npm run gen:cli-docs`) -->';
/** End of the generated part of docs/cli.md. */
export const REFERENCE_END = '<!-- cli-reference:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function optionRow(o: Option): string {
  const fallback =
    o.defaultValue === undefined || o.negate ? '' : ` (default: \`${String(o.defaultValue)}\`)`;
  return `| \`${o.flags}\` | ${cell(o.description)}${fallback} |`;
}

function usageOf(c: Command): string {
  const args = c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
  return ['strata', c.name(), ...args, c.options.length ? '[options]' : '']
    .filter(Boolean)
    .join(' ');
}

function commandSection(c: Command): string[] {
  const lines = [
    `### \`strata ${c.name()}\``,
    '',
    c.description(),
    '',
    '```',
    usageOf(c),
    '```',
    '',
  ];
  for (const a of c.registeredArguments)
    lines.push(
      `- \`${a.name()}\`: ${a.description}${a.defaultValue !== undefined ? ` (default: \`${String(a.defaultValue)}\`)` : ''}`,
    );
  if (c.registeredArguments.length) lines.push('');
  if (c.options.length)
    lines.push('| Option | What it does |', '| --- | --- |', ...c.options.map(optionRow), '');
  return lines;
}

/** The command reference of docs/cli.md, rendered from the program's commander definitions. */
export function commandReference(program: Command): string {
  const commands = program.commands.filter((c) => c.name() !== 'help');
  const lines = [
    REFERENCE_START,
    '',
    '## Global options',
    '',
    '| Option | What it does |',
    '| --- | --- |',
    ...program.options.map(optionRow),
    '',
    '## Commands',
    '',
    ...commands.flatMap(commandSection),
    REFERENCE_END,
  ];
  return `${lines.join('\n')}\n`;
}

/** `doc` with its generated part replaced by `reference`. */
export function spliceReference(doc: string, reference: string): string {
  const start = doc.indexOf(REFERENCE_START);
  const end = doc.indexOf(REFERENCE_END);
  if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n${reference}`;
  return doc.slice(0, start) + reference + doc.slice(end + REFERENCE_END.length + 1);
}
