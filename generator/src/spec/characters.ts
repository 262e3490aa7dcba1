import { isPair, isScalar, isSeq, visit, type Scalar } from 'yaml';
import type { Diagnostic } from '../errors';
import type { LoadedSpec } from './load';
import { lineText } from './limits';
import { formatPath } from './locate';

/**
 * Characters no topology string may hold. YAML 1.1 parsers (PyYAML, which cfn-lint uses; js-yaml)
 * refuse C0/C1 controls and DEL in a stream and read NEL, U+2028 and U+2029 as line breaks; a lone
 * surrogate cannot be written as UTF-8 at all (it would silently become U+FFFD). Tab and newline stay
 * allowed: quoting escapes them, and the fields that reach block scalars forbid newlines themselves.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Names of the characters people paste by accident; Node ships no Unicode name table. */
const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE (NEL)',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x2060: 'WORD JOINER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
  0xfffd: 'REPLACEMENT CHARACTER',
};

/** `U+2028 LINE SEPARATOR`, or a category when the name is not in the table. */
export function characterName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMES[code]) return `${hex} ${NAMES[code]}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (a lone surrogate, not a character)`;
  if (/\p{Cc}/u.test(char)) return `${hex} (a control character)`;
  if (/\p{Cf}/u.test(char)) return `${hex} (an invisible formatting character)`;
  if (/\s/u.test(char)) return `${hex} (a space character)`;
  if (char.length === 1 && code < 0x7f) return `\`${char}\``;
  return `\`${char}\` (${hex})`;
}

/** Index (in UTF-16 units) of the first character of `text` that fails `ok`, or -1. */
export function firstFailing(text: string, ok: (char: string) => boolean): number {
  let index = 0;
  for (const char of text) {
    if (!ok(char)) return index;
    index += char.length;
  }
  return -1;
}

/** The first forbidden character of a string: its index and name. */
export function forbiddenCharacter(text: string): { index: number; name: string } | undefined {
  const match = FORBIDDEN.exec(text);
  return match ? { index: match.index, name: characterName(match[0]) } : undefined;
}

/** Source offset of the character at `index` of a scalar's value: exact when written raw. */
function offsetOf(spec: LoadedSpec, node: Scalar, index: number, char: string): number {
  const [start, end] = node.range ?? [0, 0];
  const source = spec.text.slice(start, end);
  const raw = source.indexOf(char);
  if (raw >= 0) return start + raw;
  return start + (source.startsWith('"') ? escapeOffset(source, index) : 0);
}

/** Where the escape that produced value unit `index` starts in a double-quoted scalar's source. */
function escapeOffset(source: string, index: number): number {
  const WIDTH: Record<string, number> = { x: 4, u: 6, U: 10 };
  let at = 1;
  for (let unit = 0; at < source.length; unit++) {
    if (unit >= index) return at;
    if (source[at] === '\\') {
      const width = WIDTH[source[at + 1]] ?? 2;
      // `\U` escapes outside the BMP make two UTF-16 units.
      if (width === 10 && parseInt(source.slice(at + 2, at + 10), 16) > 0xffff) unit++;
      at += width;
    } else at += 1;
  }
  return 0;
}

/**
 * Every key and value string of the document is checked, so nothing a user wrote (tags, environment
 * values, IAM resources, anything added later) can smuggle such a character into a template.
 */
export function checkCharacters(spec: LoadedSpec): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(spec.doc, {
    Scalar: (key, node, path) => {
      if (typeof node.value !== 'string') return;
      const bad = forbiddenCharacter(node.value);
      if (!bad) return;
      const offset = offsetOf(spec, node, bad.index, node.value.slice(bad.index, bad.index + 1));
      const { line, col } = spec.lineCounter.linePos(offset);
      found.push({
        code: 'text/forbidden-character',
        severity: 'error',
        path: formatPath(pathOf(path, node)),
        message: `${key === 'key' ? 'the key' : 'the value'} holds ${bad.name} at column ${col}`,
        fix: 'delete the character (it is often pasted invisibly); control characters and Unicode line separators cannot reach a CloudFormation template',
        position: { file: spec.file, line, column: col },
        sourceLine: lineText(spec.text, spec.lineCounter, line),
      });
    },
  });
  return found;
}

/** The topology path of a node from the ancestors `visit` passes: pairs give keys, lists indexes. */
function pathOf(ancestors: readonly unknown[], node: Scalar): Array<string | number> {
  const out: Array<string | number> = [];
  ancestors.forEach((ancestor, i) => {
    const child = ancestors[i + 1] ?? node;
    if (isPair(ancestor)) {
      if (ancestor.key !== node && isScalar(ancestor.key)) out.push(String(ancestor.key.value));
    } else if (isSeq(ancestor)) out.push(ancestor.items.indexOf(child as never));
  });
  return out;
}
