import { Document, isMap, isPair, isScalar, Pair, YAMLMap, type Node } from 'yaml';
import { SpecError, StrataError } from '../errors';
import type { LoadedSpec } from './load';
import { locate } from './locate';
import { didYouMean } from '../util/suggest';

/** A topology with one environment's overlay applied, and where that overlay sits in the file. */
export interface EnvironmentSpec extends LoadedSpec {
  environment: string;
  /** Offsets of the overlay mapping in the file: a value located inside came from the overlay. */
  overlayRange: [number, number];
}

const keyOf = (pair: unknown): string | undefined =>
  isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;

// `key: null`, `key: ~` and a bare `key:` all parse as a null scalar (or no value node at all).
const isNull = (node: unknown): boolean =>
  node === null || node === undefined || (isScalar(node) && node.value === null);

function environmentsNode(spec: LoadedSpec): YAMLMap | undefined {
  const root = spec.doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => keyOf(p) === 'environments');
  return isMap(pair?.value) ? pair.value : undefined;
}

/** The environment names the topology defines, in file order. */
export function environmentNames(spec: LoadedSpec): string[] {
  const node = environmentsNode(spec);
  return node ? node.items.map(keyOf).filter((k): k is string => k !== undefined) : [];
}

/**
 * Overlays one YAML mapping on another without touching either: maps merge key by key, anything else
 * (lists, scalars) replaces, `null` removes. The result reuses both documents' nodes, so every node keeps
 * its `range` into the one file and errors point at the line that set the value.
 */
export function mergeMaps(base: YAMLMap, overlay: YAMLMap): YAMLMap {
  const merged = new YAMLMap();
  merged.range = base.range;
  merged.flow = base.flow;
  const items = [...base.items];
  for (const pair of overlay.items) {
    const key = keyOf(pair);
    const at = items.findIndex((p) => keyOf(p) === key);
    if (isNull(pair.value)) {
      if (at >= 0) items.splice(at, 1);
      continue;
    }
    const current = at >= 0 ? items[at].value : undefined;
    if (isMap(current) && isMap(pair.value))
      items[at] = new Pair(items[at].key, mergeMaps(current, pair.value));
    else if (at >= 0) items[at] = pair;
    else items.push(pair);
  }
  merged.items = items;
  return merged;
}

function unknownEnvironment(spec: LoadedSpec, name: string, known: string[]): StrataError {
  const hint = known.length
    ? `${didYouMean(name, known) || `use one of: ${known.join(', ')}`}`
    : `add \`environments: { ${name}: { ... } }\` to ${spec.file} (see docs/environments.md)`;
  return new StrataError('E_USAGE', `${spec.file} has no environment "${name}"`, hint);
}

/** The topology as environment `name` sees it: the base without `environments:`, the overlay applied. */
export function applyEnvironment(spec: LoadedSpec, name: string): EnvironmentSpec {
  const environments = environmentsNode(spec);
  const known = environmentNames(spec);
  const pair = environments?.items.find((p) => keyOf(p) === name);
  if (!pair) throw unknownEnvironment(spec, name, known);
  const root = spec.doc.contents as YAMLMap;
  const base = new YAMLMap();
  base.range = root.range;
  base.items = root.items.filter((p) => keyOf(p) !== 'environments');
  const overlay = pair.value as Node | null;
  if (!isMap(overlay)) {
    // The schema rejects it too; this keeps the message located even when only one environment is asked for.
    const where = locate(spec, ['environments', name]);
    throw new SpecError([
      {
        code: 'environment/not-a-mapping',
        severity: 'error',
        path: `environments.${name}`,
        message: 'an environment must be a mapping of the settings it overrides',
        fix: `write \`${name}: {}\` for an environment identical to the base, or the keys to override`,
        position: { file: where.file, line: where.line, column: where.column },
        sourceLine: where.sourceLine,
      },
    ]);
  }
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = mergeMaps(base, overlay) as unknown as Document.Parsed['contents'];
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const range = overlay.range ?? [0, 0, 0];
  return { ...spec, doc, data, environment: name, overlayRange: [range[0], range[2]] };
}
