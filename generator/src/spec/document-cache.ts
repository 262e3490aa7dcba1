import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Pair,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { codeIdentity, diskCache } from '../cfn/parse-cache';

/** The options the topology is parsed with (see load.ts for why). */
export const SPEC_PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: false } as const;

/** A node as stored: a mapping's pairs, a list's items or a scalar's value, with the node's own fields. */
type Stored =
  | null
  | { m: Array<[Stored, Stored]>; p: Record<string, unknown> }
  | { s: Stored[]; p: Record<string, unknown> }
  | { v: unknown; p: Record<string, unknown> };

interface StoredDocument {
  contents: Stored;
  range: [number, number, number];
  commentBefore: string | null;
  comment: string | null;
  lineStarts: number[];
}

/** Thrown inside `store` for a node the cache does not rebuild (aliases, anchors, tags, non-finite numbers). */
class NotStorable extends Error {}

function ownFields(node: object, skip: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === skip) continue;
    if (key === 'anchor' || key === 'tag') throw new NotStorable(key);
    fields[key] = value;
  }
  return fields;
}

function store(node: unknown): Stored {
  if (node === null || node === undefined) return null;
  if (isMap(node))
    return {
      m: node.items.map((pair): [Stored, Stored] => [store(pair.key), store(pair.value)]),
      p: ownFields(node, 'items'),
    };
  if (isSeq(node)) return { s: node.items.map(store), p: ownFields(node, 'items') };
  if (isScalar(node)) {
    const { value } = node;
    const plain =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));
    if (!plain) throw new NotStorable('scalar');
    return { v: value, p: ownFields(node, 'value') };
  }
  throw new NotStorable('node');
}

function restore(stored: Stored): unknown {
  if (stored === null) return null;
  if ('m' in stored) {
    const map = Object.assign(new YAMLMap(), stored.p);
    map.items = stored.m.map(([key, value]) => new Pair(restore(key), restore(value)));
    return map;
  }
  if ('s' in stored) {
    const seq = Object.assign(new YAMLSeq(), stored.p);
    seq.items = stored.s.map(restore);
    return seq;
  }
  return Object.assign(new Scalar(stored.v), stored.p);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file: the cache key includes the parser's version
const { version: yamlVersion } = require('yaml/package.json') as { version: string };

const documents = diskCache<StoredDocument | null>(
  `topology\0${yamlVersion}\0${codeIdentity(__filename)}\0${JSON.stringify(SPEC_PARSE_OPTIONS)}`,
);

/**
 * `parseDocument` for a topology, through a disk cache: a cold process spends a tenth of a second
 * parsing the seed with the YAML library (its code runs interpreted), and most runs parse a topology a
 * previous run parsed. Only clean documents are kept (no error, warning, alias, anchor or tag), as their
 * nodes — values, ranges and the library's own fields — from which the same node tree is rebuilt; any
 * other text is parsed by the library every time, so every message and position stays its own.
 */
export function parseTopologyDocument(text: string): {
  doc: Document.Parsed;
  lineCounter: LineCounter;
} {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const kept = documents(text, () => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, ...SPEC_PARSE_OPTIONS });
    parsed = { doc, lineCounter };
    if (doc.errors.length || doc.warnings.length) return { value: null, keep: false };
    try {
      const value = {
        contents: store(doc.contents),
        range: doc.range,
        commentBefore: doc.commentBefore,
        comment: doc.comment,
        lineStarts: lineCounter.lineStarts,
      };
      return { value, keep: true };
    } catch (error) {
      if (error instanceof NotStorable) return { value: null, keep: false };
      throw error;
    }
  });
  if (parsed) return parsed;
  if (!kept) {
    // A null entry is never written; this only guards against a hand-edited cache.
    const lineCounter = new LineCounter();
    return { doc: parseDocument(text, { lineCounter, ...SPEC_PARSE_OPTIONS }), lineCounter };
  }
  const doc = new Document(undefined, SPEC_PARSE_OPTIONS) as unknown as Document.Parsed;
  doc.contents = restore(kept.contents) as Document.Parsed['contents'];
  doc.range = kept.range;
  doc.commentBefore = kept.commentBefore;
  doc.comment = kept.comment;
  const lineCounter = new LineCounter();
  lineCounter.lineStarts = kept.lineStarts;
  return { doc, lineCounter };
}
