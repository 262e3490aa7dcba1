/** CloudFormation intrinsic functions as YAML flow text, for outputs and values computed in layer code. */

/** Words YAML 1.1 parsers (CloudFormation's among them) read as booleans or null. */
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
/** Starts with a letter or `/`, so never a number, and holds nothing YAML treats specially. */
const PLAIN_SAFE = /^[A-Za-z/][A-Za-z0-9 ._/@()-]*$/;

/**
 * A YAML scalar that reads back as exactly `value`, as a string: plain when that is unambiguous
 * (readable diffs), otherwise double-quoted (JSON strings are valid YAML), which holds quotes,
 * colons, `#`, newlines and `{{` as data.
 */
export const quote = (value: string | number | boolean): string => {
  const text = String(value);
  return PLAIN_SAFE.test(text) && !YAML_WORDS.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
};

/** `!Ref Name`. */
export const ref = (name: string): string => `!Ref ${name}`;

/** `!GetAtt Resource.Attribute`. */
export const getAtt = (resource: string, attribute: string): string => `!GetAtt ${resource}.${attribute}`;

/** `!Join [',', [...]]`: a comma-separated list, as List<> parameters expect. */
export const joinComma = (items: string[]): string => `!Join [',', [${items.join(', ')}]]`;

/** `!Select [index, !Ref ListParameter]`. */
export const selectFrom = (index: number, listParameter: string): string => `!Select [${index}, !Ref ${listParameter}]`;

/** `!Sub "text"`; the text's own `${` must already be escaped where it is not a substitution. */
export const sub = (text: string): string => `!Sub ${quote(text)}`;

/** Escapes literal text for use inside `!Sub` so CloudFormation leaves `${...}` in it alone. */
export const escapeSub = (text: string): string => text.replace(/\$\{/g, '${!');
