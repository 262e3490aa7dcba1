import { characterName, firstFailing } from './characters';

/** The pattern every user-chosen name follows (`definitions/name` in the schema). */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_RULE = 'names use lower-case letters, digits and single hyphens, starting with a letter';

/** `toString` → `to-string`, `Web_Tier` → `web-tier`: the name the user probably meant. */
export function asName(text: string): string | undefined {
  const guess = text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  return NAME.test(guess) && guess !== text ? guess : undefined;
}

/** A name that fails the name pattern: what is wrong with it and the fix. */
export function explainName(text: string): { problem: string; fix: string } {
  const guess = asName(text);
  const fix = guess ? `${NAME_RULE}: write \`${guess}\`` : NAME_RULE;
  if (text === '') return { problem: 'is empty', fix };
  if (!/^[a-z]/.test(text)) return { problem: `starts with ${characterName(text[0])}`, fix };
  if (/--/.test(text) || text.endsWith('-'))
    return { problem: 'has a doubled or trailing hyphen', fix };
  const index = firstFailing(text, (c) => /[a-z0-9-]/.test(c));
  return { problem: `holds ${characterName([...text.slice(index)][0] ?? '')}`, fix };
}

/**
 * For a pattern that is one character class (`^[...]*$`), the first character outside the class:
 * naming it beats quoting a value whose offending character may be invisible.
 */
export function firstOutsidePattern(
  text: string,
  pattern: string,
): { index: number; name: string } | undefined {
  const match = /^\^(\[(?:\\.|[^\]\\])+\])(?:[*+?]|\{\d*,?\d*\})\$$/.exec(pattern);
  if (!match) return undefined;
  let single: RegExp;
  try {
    single = new RegExp(`^${match[1]}$`, 'u');
  } catch {
    return undefined;
  }
  const index = firstFailing(text, (c) => single.test(c));
  if (index < 0) return undefined;
  return { index, name: characterName([...text.slice(index)][0]) };
}

/** Whether a pattern is the name pattern. */
export function isNamePattern(pattern: string): boolean {
  return pattern === NAME.source;
}

/** The fix for a value of the wrong type: what to write instead, e.g. a number without quotes. */
export function typeFix(expected: string, value: unknown, description: string): string {
  const help = description ? ` (${description.split('. ')[0].replace(/\.$/, '')})` : '';
  const shown = typeof value === 'string' ? value : '';
  switch (expected) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(shown)
        ? `remove the quotes: write ${shown}${help}`
        : `write a ${expected === 'integer' ? 'whole number' : 'number'} such as 2, without quotes${help}`;
    case 'boolean':
      return `write true or false, without quotes${help}`;
    case 'string':
      return `put the value in quotes${help}`;
    case 'array':
      return `write a list, e.g. [a, b] or one \`- item\` per line${help}`;
    case 'object':
      return `write a mapping of \`key: value\` lines indented under the key${help}`;
    default:
      return description || 'change the value';
  }
}
