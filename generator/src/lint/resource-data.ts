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
  format: typeof FORMAT;
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

const FORMAT = 2;

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

/**
 * The index on disk is one JSON document in two lines: a header with every type's byte range in the
 * file, then the resources. A run reads the file and the header, and parses only the types its
 * templates use (a few dozen of 1,500), instead of parsing four megabytes.
 */
interface DiskHeader {
  format: typeof FORMAT;
  version: string;
  offsets: Record<string, [start: number, length: number]>;
}

/** An index read from disk: the raw bytes and where each type's text is in them. */
interface DiskIndex {
  version: string;
  bytes: Buffer;
  offsets: DiskHeader['offsets'];
}

function readCached(file: string, version: string): DiskIndex | undefined {
  try {
    const bytes = readFileSync(file);
    const end = bytes.indexOf(10);
    if (end < 1 || bytes[end - 1] !== 0x2c) return undefined;
    const header = JSON.parse(`${bytes.toString('utf8', 0, end - 1)}}`) as DiskHeader;
    if (header.format !== FORMAT || header.version !== version) return undefined;
    return { version, bytes, offsets: header.offsets };
  } catch {
    return undefined;
  }
}

/** Serialises an index in the two-line layout readCached reads. */
function diskText(index: CompactIndex): Buffer {
  const names = Object.keys(index.resources);
  const prefix = (name: string, i: number) => `${i ? ',' : ''}${JSON.stringify(name)}:`;
  // Byte offsets depend on the header's own length, so lay the body out first, relative to its start.
  const body: Buffer[] = [Buffer.from('"resources":{')];
  let at = body[0].length;
  const relative: Record<string, [number, number]> = {};
  names.forEach((name, i) => {
    const key = Buffer.from(prefix(name, i));
    const value = Buffer.from(index.resources[name]);
    relative[name] = [at + key.length, value.length];
    body.push(key, value);
    at += key.length + value.length;
  });
  body.push(Buffer.from('}}\n'));
  const headerOf = (offsets: DiskHeader['offsets']) =>
    Buffer.from(
      `${JSON.stringify({ format: index.format, version: index.version, offsets }).slice(0, -1)},\n`,
    );
  // Offsets shift by the header's length, which depends on the offsets' digits: iterate to a fixpoint.
  let shift = 0;
  for (;;) {
    const offsets = Object.fromEntries(
      names.map((n): [string, [number, number]] => [n, [relative[n][0] + shift, relative[n][1]]]),
    );
    const header = headerOf(offsets);
    if (header.length === shift) return Buffer.concat([header, ...body]);
    shift = header.length;
  }
}

function writeCached(file: string, index: CompactIndex): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, diskText(index));
    renameSync(tmp, file);
  } catch {
    // A read-only node_modules only costs speed: the index is rebuilt in memory next time.
  }
}

function schemasOf(
  version: string,
  names: () => string[],
  text: (cfnType: string) => string | undefined,
): ResourceSchemas {
  const parsed = new Map<string, ResourceSpec>();
  return {
    version,
    resource(cfnType) {
      const hit = parsed.get(cfnType);
      if (hit) return hit;
      const raw = text(cfnType);
      if (raw === undefined) return undefined;
      const spec = JSON.parse(raw) as ResourceSpec;
      parsed.set(cfnType, spec);
      return spec;
    },
    typeNames: names,
  };
}

function fromIndex(index: CompactIndex): ResourceSchemas {
  return schemasOf(
    index.version,
    () => Object.keys(index.resources),
    (t) => (Object.hasOwn(index.resources, t) ? index.resources[t] : undefined),
  );
}

function fromDisk({ version, bytes, offsets }: DiskIndex): ResourceSchemas {
  return schemasOf(
    version,
    () => Object.keys(offsets),
    (t) => {
      if (!Object.hasOwn(offsets, t)) return undefined;
      const [start, length] = offsets[t];
      return bytes.toString('utf8', start, start + length);
    },
  );
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
  // The format is in the name too, so code from before the format change (another branch, the same
  // node_modules) keeps its own file instead of rebuilding over this one.
  const file =
    cacheDir === false ? undefined : join(cacheDir, `aws-service-spec-${version}-v${FORMAT}.json`);
  const cached = file ? readCached(file, version) : undefined;
  let schemas: ResourceSchemas;
  if (cached) schemas = fromDisk(cached);
  else {
    const index = buildIndex(packageEntities(), version);
    if (file) writeCached(file, index);
    schemas = fromIndex(index);
  }
  const from = cached ? 'cache' : 'package';
  memo = { schemas, key };
  return { schemas: memo.schemas, ms: elapsed(), from };
}
