import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A property type as `@aws-cdk/aws-service-spec` describes it (documentation stripped). */
export type SpecType =
  | {
      type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'tag' | 'date-time' | 'null';
      allowedValues?: string[];
    }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'union'; types: SpecType[] };

/** One property of a resource or of a nested type. */
export interface PropertySpec {
  type: SpecType;
  required?: boolean;
  /** Types the property had before; CloudFormation still accepts them. */
  previousTypes?: SpecType[];
}

/** What lint needs to know about one resource type. */
export interface ResourceSpec {
  properties: Record<string, PropertySpec>;
  attributes: string[];
  /** Nested property types reachable from this resource, by their id in the database. */
  typeDefs: Record<string, { name: string; properties: Record<string, PropertySpec> }>;
}

/** The CloudFormation resource schemas, looked up by type name. */
export interface ResourceSchemas {
  /** Version of `@aws-cdk/aws-service-spec` the data comes from. */
  version: string;
  resource(cfnType: string): ResourceSpec | undefined;
  typeNames(): string[];
}

/** The compact index cached on disk: one JSON string per resource type, parsed only when asked for. */
export interface CompactIndex {
  format: 1;
  version: string;
  resources: Record<string, string>;
}

/** A resource or property type entity of the database (the fields lint reads). */
export interface RawEntity {
  $id: string;
  cloudFormationType?: string;
  name: string;
  properties: Record<string, PropertySpec & { documentation?: string }>;
  attributes?: Record<string, unknown>;
}

const FORMAT = 1;

function packageDir(): string {
  return dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
}

/** `node_modules/.cache/strata`, beside the package the data comes from. */
export function defaultCacheDir(): string {
  return join(packageDir(), '..', '..', '.cache', 'strata');
}

function slimProperties(props: RawEntity['properties']): Record<string, PropertySpec> {
  const out: Record<string, PropertySpec> = {};
  for (const [name, p] of Object.entries(props)) {
    out[name] = { type: p.type };
    if (p.required) out[name].required = true;
    if (p.previousTypes?.length) out[name].previousTypes = p.previousTypes;
  }
  return out;
}

function refsOf(type: SpecType, into: string[]): void {
  if (type.type === 'ref') into.push(type.reference.$ref);
  else if (type.type === 'array' || type.type === 'map') refsOf(type.element, into);
  else if (type.type === 'union') type.types.forEach((t) => refsOf(t, into));
}

/** Collects the nested types a resource uses, following references transitively. */
function reachableTypes(
  resource: RawEntity,
  defs: Map<string, RawEntity>,
): ResourceSpec['typeDefs'] {
  const out: ResourceSpec['typeDefs'] = {};
  const queue: string[] = [];
  const enqueue = (props: RawEntity['properties']) =>
    Object.values(props).forEach((p) =>
      [p.type, ...(p.previousTypes ?? [])].forEach((t) => refsOf(t, queue)),
    );
  enqueue(resource.properties);
  while (queue.length) {
    const id = queue.pop() as string;
    const def = defs.get(id);
    if (out[id] || !def) continue;
    out[id] = { name: def.name, properties: slimProperties(def.properties) };
    enqueue(def.properties);
  }
  return out;
}

/** The entities the index is built from, as `@aws-cdk/aws-service-spec`'s database returns them. */
export interface SpecEntities {
  resources: readonly RawEntity[];
  typeDefinitions: readonly RawEntity[];
}

/** Reads every resource and property type through the package's own loader (the slow path: most of a second). */
export function packageEntities(): SpecEntities {
  // Loaded only here: a run that finds the cached index never pays for the package's code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const spec = require('@aws-cdk/aws-service-spec') as typeof import('@aws-cdk/aws-service-spec');
  const db = spec.loadAwsServiceSpecSync();
  return {
    resources: db.all('resource') as unknown as RawEntity[],
    typeDefinitions: db.all('typeDefinition') as unknown as RawEntity[],
  };
}

/** Builds the compact index: per resource type, its properties, attributes and reachable nested types, without documentation. */
export function buildIndex(entities: SpecEntities, version: string): CompactIndex {
  const defs = new Map(entities.typeDefinitions.map((d) => [d.$id, d]));
  const resources: Record<string, string> = {};
  for (const r of entities.resources) {
    if (!r.cloudFormationType) continue;
    const spec: ResourceSpec = {
      properties: slimProperties(r.properties),
      attributes: Object.keys(r.attributes ?? {}),
      typeDefs: reachableTypes(r, defs),
    };
    resources[r.cloudFormationType] = JSON.stringify(spec);
  }
  return { format: FORMAT, version, resources };
}

function readCached(file: string, version: string): CompactIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as CompactIndex;
    return index.format === FORMAT && index.version === version ? index : undefined;
  } catch {
    return undefined;
  }
}

function writeCached(file: string, index: CompactIndex): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(index));
    renameSync(tmp, file);
  } catch {
    // A read-only node_modules only costs speed: the index is rebuilt in memory next time.
  }
}

function fromIndex(index: CompactIndex): ResourceSchemas {
  const parsed = new Map<string, ResourceSpec>();
  return {
    version: index.version,
    resource(cfnType) {
      const hit = parsed.get(cfnType);
      if (hit) return hit;
      const text = index.resources[cfnType];
      if (text === undefined) return undefined;
      const spec = JSON.parse(text) as ResourceSpec;
      parsed.set(cfnType, spec);
      return spec;
    },
    typeNames: () => Object.keys(index.resources),
  };
}

/** Options for loading the schemas; tests point `cacheDir` at a temporary folder or disable it. */
export interface LoadOptions {
  cacheDir?: string | false;
}

let memo: { schemas: ResourceSchemas; key: string } | undefined;

/** Forgets the schemas held in memory, so the next load reads the cache or the package again (tests). */
export function forgetLoadedSchemas(): void {
  memo = undefined;
}

/** Loads the resource schemas once per process: from the on-disk index when it matches the package version, else from the package. */
export function loadResourceSchemas(options: LoadOptions = {}): {
  schemas: ResourceSchemas;
  ms: number;
  from: 'memory' | 'cache' | 'package';
} {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const dir = packageDir();
  const version = (
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const key = `${version}:${cacheDir}`;
  if (memo?.key === key) return { schemas: memo.schemas, ms: 0, from: 'memory' };
  const file = cacheDir === false ? undefined : join(cacheDir, `aws-service-spec-${version}.json`);
  let index = file ? readCached(file, version) : undefined;
  const from = index ? 'cache' : 'package';
  if (!index) {
    index = buildIndex(packageEntities(), version);
    if (file) writeCached(file, index);
  }
  memo = { schemas: fromIndex(index), key };
  return { schemas: memo.schemas, ms: elapsed(), from };
}
