import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultCacheDir, packageEntities, type SpecEntities } from '../lint/resource-data';

/** What the plan needs to know about one resource type, precomputed from the registry schemas. */
export interface TypeImpacts {
  /** Property paths whose change replaces the resource (createOnlyProperties), `*` for any index or key. */
  replace: string[];
  /** Paths the legacy specification marks "conditional": replacement or interruption depends on the value. */
  conditional: string[];
  /** The resource's attributes (for `Fn::GetAtt`). */
  attributes: string[];
}

/**
 * The compact index cached on disk beside lint's: every resource type's impacts, nothing else, one JSON
 * string per type so that loading it parses only the few types a plan asks for.
 */
export interface ImpactIndex {
  format: 2;
  version: string;
  types: Record<string, string>;
}

const parsed = new WeakMap<ImpactIndex, Map<string, TypeImpacts | undefined>>();

/** The impacts of one resource type; undefined for a type the schemas do not know. */
export function impactsOf(index: ImpactIndex, type: string): TypeImpacts | undefined {
  let memo = parsed.get(index);
  if (!memo) parsed.set(index, (memo = new Map()));
  if (!memo.has(type)) {
    const text = index.types[type];
    memo.set(type, text === undefined ? undefined : (JSON.parse(text) as TypeImpacts));
  }
  return memo.get(type);
}

type Entity = SpecEntities['resources'][number];
type Prop = Entity['properties'][string] & { causesReplacement?: 'yes' | 'maybe' | 'no' };
type SpecType = Prop['type'];

/** The nested type a property holds, and the path step(s) to reach inside it (`*` per array or map level). */
function nestedRef(type: SpecType, steps = ''): { id: string; steps: string } | undefined {
  if (type.type === 'ref') return { id: type.reference.$ref, steps };
  if (type.type === 'array' || type.type === 'map') return nestedRef(type.element, `${steps}.*`);
  if (type.type === 'union')
    for (const t of type.types) {
      const hit = nestedRef(t, steps);
      if (hit) return hit;
    }
  return undefined;
}

function collect(
  props: Record<string, Prop>,
  prefix: string,
  defs: Map<string, Entity>,
  seen: Set<string>,
  out: { replace: string[]; conditional: string[] },
): void {
  for (const [name, p] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (p.causesReplacement === 'yes') out.replace.push(path);
    else if (p.causesReplacement === 'maybe') out.conditional.push(path);
    else {
      const nested = nestedRef(p.type);
      const def = nested && defs.get(nested.id);
      // A recursive type (JSON-schema-like structures) is followed once: nothing deeper is create-only.
      if (!nested || !def || seen.has(nested.id)) continue;
      const inner = new Set(seen).add(nested.id);
      collect(def.properties as Record<string, Prop>, `${path}${nested.steps}`, defs, inner, out);
    }
  }
}

/** Builds the index from the schema entities lint's loader reads from `@aws-cdk/aws-service-spec`. */
export function buildImpactIndex(entities: SpecEntities, version: string): ImpactIndex {
  const defs = new Map(entities.typeDefinitions.map((d) => [d.$id, d]));
  const types: Record<string, string> = {};
  for (const r of entities.resources) {
    if (!r.cloudFormationType) continue;
    const out = { replace: [] as string[], conditional: [] as string[] };
    collect(r.properties as Record<string, Prop>, '', defs, new Set(), out);
    const impacts: TypeImpacts = { ...out, attributes: Object.keys(r.attributes ?? {}) };
    types[r.cloudFormationType] = JSON.stringify(impacts);
  }
  return { format: 2, version, types };
}

function specVersion(): string {
  const file = require.resolve('@aws-cdk/aws-service-spec/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function readIndex(file: string, version: string): ImpactIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as ImpactIndex;
    return index.format === 2 && index.version === version ? index : undefined;
  } catch {
    return undefined;
  }
}

let memo: { key: string; index: ImpactIndex } | undefined;

/**
 * The impact index: from memory, from `node_modules/.cache/strata/diff-impacts-<version>.json`, or built
 * from the package (most of a second, once per package version). A read-only cache only costs speed.
 */
export function loadImpactIndex(cacheDir: string | false = defaultCacheDir()): ImpactIndex {
  const version = specVersion();
  const key = `${version}:${cacheDir}`;
  if (memo?.key === key) return memo.index;
  const file = cacheDir === false ? undefined : join(cacheDir, `diff-impacts-${version}.json`);
  let index = file ? readIndex(file, version) : undefined;
  if (!index) {
    index = buildImpactIndex(packageEntities(), version);
    if (file) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        // Write then rename, so a concurrent reader never sees half a file.
        writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(index));
        renameSync(`${file}.${process.pid}.tmp`, file);
      } catch {
        // Rebuilt in memory next time.
      }
    }
  }
  memo = { key, index };
  return index;
}
