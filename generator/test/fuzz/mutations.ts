import fc from 'fast-check';
import { parse, stringify } from 'yaml';

/** Names Object.prototype answers for. */
export const BUILTIN_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

/** Characters YAML parsers, JSON and CloudFormation treat specially, or that are invisible. */
const ODD_UNITS = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\ud800',
  '\udc00',
  '😀',
  'ü',
  '${',
  '${!',
  '}',
  '"',
  "'",
  '#',
  ': ',
  '\n',
  '\r',
  '\t',
  '\\',
  '{{',
  '}}',
  '*',
  '&',
  '!',
  '%',
  '|',
  '>',
  '- ',
  '?',
  '@',
  '`',
  ',',
  '[',
  ']',
];

/** A value of any JSON type, odd strings and built-in names included. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...ODD_UNITS), maxLength: 12 }),
  fc.constantFrom(...BUILTIN_NAMES, 'yes', 'no', '~', '1:30', '0o17', '2001-12-14', '', ' '),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('a', 'b', ...BUILTIN_NAMES), fc.string({ maxLength: 5 }), {
    maxKeys: 3,
  }),
);

/** Every path into a data tree, so mutations can aim anywhere in the topology. */
export function pathsOf(
  data: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (data !== null && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** One change to a topology: structural (on the data) or textual (on the YAML). */
export type Mutation =
  | { kind: 'set'; path: Array<string | number>; value: unknown }
  | { kind: 'delete'; path: Array<string | number> }
  | { kind: 'rename'; path: Array<string | number>; name: string }
  | { kind: 'text'; op: TextOp; at: number }
  /** Valid places for free text: an environment value and a tag, to reach the templates. */
  | { kind: 'free-text'; env: string; tag: string };

type TextOp =
  | 'duplicate-line'
  | 'delete-line'
  | 'anchor-alias'
  | 'alias-bomb'
  | 'deep-nesting'
  | 'cr-only'
  | 'tab-indent'
  | 'bom'
  | 'truncate'
  | 'merge-key';

/** Mutations of a topology whose data is `seed`. */
export function mutations(seed: unknown): fc.Arbitrary<Mutation[]> {
  const paths = pathsOf(seed).filter((p) => p.length > 0);
  const path = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('rename' as const),
        path,
        name: fc.oneof(fc.constantFrom(...BUILTIN_NAMES), fc.string({ maxLength: 10 })),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('text' as const),
        op: fc.constantFrom<TextOp>(
          'duplicate-line',
          'delete-line',
          'anchor-alias',
          'alias-bomb',
          'deep-nesting',
          'cr-only',
          'tab-indent',
          'bom',
          'truncate',
          'merge-key',
        ),
        at: fc.nat(),
      }),
    },
  );
  const freeText = fc.record({
    kind: fc.constant('free-text' as const),
    env: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...ODD_UNITS), maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    ),
    tag: fc.string({
      unit: fc.constantFrom('a', 'Z', '9', ' ', '_', '.', ':', '/', '=', '+', '-', '@', 'ü', '中'),
      maxLength: 20,
    }),
  });
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(freeText, { minLength: 1, maxLength: 3 }) },
  );
}

function applyData(data: unknown, m: Exclude<Mutation, { kind: 'text' }>): void {
  if (m.kind === 'free-text') {
    const t = data as {
      tiers: { frontend: { environment: Record<string, string> } };
      tags: Record<string, string>;
    };
    const n = Object.keys(t.tags).length;
    t.tiers.frontend.environment[`FUZZ_${n}`] = m.env;
    t.tags[`Fuzz${n}`] = m.tag;
    return;
  }
  const parentPath = m.path.slice(0, -1);
  const last = m.path[m.path.length - 1];
  const parent = parentPath.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    data,
  ) as Record<string | number, unknown> | unknown[] | undefined;
  if (parent === null || typeof parent !== 'object') return;
  if (m.kind === 'set') (parent as Record<string | number, unknown>)[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<string | number, unknown>)[last];
  } else if (!Array.isArray(parent) && typeof last === 'string' && Object.hasOwn(parent, last)) {
    const moved = parent[last];
    delete parent[last];
    Object.defineProperty(parent, m.name, {
      value: moved,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

function applyText(text: string, op: TextOp, at: number): string {
  const lines = text.split('\n');
  const i = at % lines.length;
  switch (op) {
    case 'duplicate-line':
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
    case 'delete-line':
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    case 'anchor-alias':
      return `${text}\nextra: &a { x: 1 }\nmore: *a\n`;
    case 'alias-bomb': {
      const levels = ['a: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let n = 1; n < 9; n++)
        levels.push(
          `b${n}: &a${n} [${Array(10)
            .fill(`*a${n - 1}`)
            .join(', ')}]`,
        );
      return `${text}\n${levels.join('\n')}\n`;
    }
    case 'deep-nesting': {
      const depth = 50 + (at % 5000);
      return `${text}\ndeep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    }
    case 'cr-only':
      return text.replace(/\n/g, '\r');
    case 'tab-indent':
      return lines.map((l, n) => (n === i ? l.replace(/^ {2}/, '\t') : l)).join('\n');
    case 'bom':
      return `\ufeff${text}`;
    case 'truncate':
      return text.slice(0, at % text.length);
    case 'merge-key':
      return `${text}\nbase: &base { routing: nat }\nnetwork2:\n  <<: *base\n`;
  }
}

/** The topology text after applying the mutations in order (structural ones first). */
export function mutate(seedText: string, list: Mutation[]): string {
  const data = parse(seedText) as unknown;
  for (const m of list) if (m.kind !== 'text') applyData(data, m);
  let text = stringify(data, { aliasDuplicateObjects: false });
  for (const m of list) if (m.kind === 'text') text = applyText(text, m.op, m.at);
  return text;
}
