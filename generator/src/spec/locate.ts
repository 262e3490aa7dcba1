import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourcePosition } from '../errors';
import { lineText } from './limits';
import type { LoadedSpec } from './load';

/** A path into the topology: keys and array indexes. */
export type SpecPath = ReadonlyArray<string | number>;

/** Formats a path the way users read it: `network.subnets.public.cidrs[1]`. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/** Parses `network.subnets.public.cidrs[1]` (or a JSON pointer `/network/...`) into a path. */
export function parsePath(text: string): SpecPath {
  if (text.startsWith('/')) {
    return text
      .slice(1)
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  }
  const parts: Array<string | number> = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return parts;
}

/** Where a path points in the source, and the source line for a caret display. */
export interface Located extends SourcePosition {
  sourceLine: string;
  /** True when the path itself was missing and a parent was located instead. */
  approximate: boolean;
}

const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A mapping's pairs by key, built once per mapping: locating thousands of errors stays linear. */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const name = isScalar(p.key) ? String(p.key.value) : undefined;
      // The first of duplicate keys, as the linear scan this replaces found.
      if (name !== undefined && !index.has(name)) index.set(name, p as Pair);
    }
    indexes.set(map, index);
  }
  return index;
}

/**
 * Finds the source position of a path. With `key`, points at the key of the last step (useful for
 * "unknown property" errors) rather than its value. Falls back to the nearest existing parent.
 */
export function locate(
  spec: LoadedSpec,
  path: SpecPath | string,
  options: { key?: boolean } = {},
): Located {
  const parts = typeof path === 'string' ? parsePath(path) : path;
  let node: Node | null = spec.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  let approximate = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(part));
      if (!pair) {
        approximate = true;
        break;
      }
      const keyNode = pair.key as Node;
      if (last && options.key) {
        offset = keyNode.range?.[0] ?? offset;
        break;
      }
      node = (pair.value as Node | null) ?? null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      if (!node) {
        approximate = !last;
        break;
      }
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      node = node.items[part] as Node;
      offset = node?.range?.[0] ?? offset;
    } else {
      approximate = true;
      break;
    }
  }
  const { line, col } = spec.lineCounter.linePos(offset);
  return {
    file: spec.file,
    line,
    column: col,
    sourceLine: lineText(spec.text, spec.lineCounter, line),
    approximate,
  };
}
