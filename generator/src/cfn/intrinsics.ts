/**
 * CloudFormation intrinsic functions: written as YAML flow text by the layers, and read back from
 * parsed (long-form) templates by the parse-back checks, lint and diff.
 */

/** A path inside a template, e.g. `['Resources', 'Db', 'Properties', 'Port']`. */
export type TemplatePath = ReadonlyArray<string | number>;

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
  return PLAIN_SAFE.test(text) && !YAML_WORDS.test(text) && !text.endsWith(' ')
    ? text
    : yamlDoubleQuoted(text);
};

/**
 * JSON string syntax is a YAML double-quoted scalar, but JSON leaves DEL, C1 controls (NEL among
 * them), U+2028/U+2029 and BOM/non-characters raw, which YAML 1.1 parsers refuse or read as line
 * breaks; those become `\uXXXX` escapes, which every YAML 1.1 and 1.2 parser reads alike.
 */
function yamlDoubleQuoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
declare const yamlText: unique symbol;

/**
 * YAML flow text that a template writes as it is (`!Ref Vpc`, `"a name"`): its own type, so that a
 * logical id or a topology value can never be written where an expression belongs, or the reverse.
 * Only the functions below make one.
 */
export type Yaml = string & { readonly [yamlText]: true };

const yaml = (text: string) => text as Yaml;

/** A double-quoted YAML string holding exactly `value`. */
export const yamlString = (value: string): Yaml => yaml(yamlDoubleQuoted(value));

/** `!Ref Name`. */
export const ref = (name: string): Yaml => yaml(`!Ref ${name}`);

/** `!GetAtt Resource.Attribute`. */
export const getAtt = (resource: string, attribute: string): Yaml =>
  yaml(`!GetAtt ${resource}.${attribute}`);

/** `!Join [',', [...]]`: a comma-separated list, as List<> parameters expect. */
export const joinComma = (items: Yaml[]): Yaml => yaml(`!Join [',', [${items.join(', ')}]]`);

/** `!Select [index, !Ref ListParameter]`. */
export const selectFrom = (index: number, listParameter: string): Yaml =>
  yaml(`!Select [${index}, !Ref ${listParameter}]`);

/** `!Sub "text"`; the text's own `${` must already be escaped where it is not a substitution. */
export const sub = (text: string): Yaml => yaml(`!Sub ${quote(text)}`);

/** Escapes literal text for use inside `!Sub` so CloudFormation leaves `${...}` in it alone. */
export const escapeSub = (text: string): string => text.replace(/\$\{/g, '${!');

/** Pseudo parameters CloudFormation defines in every stack. */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The function name when a value is an intrinsic (`{ Ref: x }`, `{ 'Fn::Sub': ... }`), else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** A plain object that is not an intrinsic function call. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    intrinsicName(value) === undefined
  );
}

/** Calls `visit` on every value of a tree with its path, depth first. */
export function walk(
  value: unknown,
  path: TemplatePath,
  visit: (value: unknown, path: TemplatePath) => void,
): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key], visit);
  }
}

/** Every string that a value can take without evaluating functions: itself, or each branch of an `Fn::If`. */
export function literalStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (intrinsicName(value) === 'Fn::If') {
    const args = (value as Record<string, unknown>)['Fn::If'];
    if (Array.isArray(args)) return [...literalStrings(args[1]), ...literalStrings(args[2])];
  }
  return [];
}

/** The `${Name}` and `${Res.Attr}` references inside an `Fn::Sub` string (skipping `${!literal}`). */
export function subReferences(text: string): string[] {
  const refs: string[] = [];
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) refs.push(match[1].trim());
  return refs;
}
