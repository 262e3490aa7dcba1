import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { cachedModule } from '../util/code-cache';
import { packageRoot } from '../util/package-root';
import schemaJson from '../../../schema/topology.schema.json';
import type { Diagnostic } from '../errors';
import type { StrataTopology as Topology } from '../model/topology.generated';
import type { LoadedSpec } from './load';
import { formatPath, locate, parsePath, type Located, type SpecPath } from './locate';
import { didYouMean } from '../util/suggest';
import { bareCopy } from '../model/records';
import { explainName, firstOutsidePattern, isNamePattern, typeFix } from './explain';

type JsonSchema = { [key: string]: unknown };

/** The topology JSON Schema, the single source of truth for the topology language. */
export const topologySchema = schemaJson as JsonSchema;

let compiled: ValidateFunction | undefined;

/** Generates the validator's JavaScript with ajv; only on a cache miss (see code-cache). */
function buildValidator(): string {
  // allErrors reports every problem at once; useDefaults fills the schema's documented defaults.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ajv's compiler loads only on a cache miss
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const ajv = new AjvClass({
    allErrors: true,
    useDefaults: true,
    strict: true,
    // Environment overlays accept `null` (it removes a key), so their fields are `[type, 'null']` unions.
    allowUnionTypes: true,
    code: { source: true },
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads only on a cache miss
  const standalone = require('ajv/dist/standalone').default as (
    ajv: Ajv,
    validate: ValidateFunction,
  ) => string;
  return standalone(ajv, ajv.compile(topologySchema));
}

function validator(): ValidateFunction {
  if (!compiled) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read only here
    const { version } = require('ajv/package.json') as { version: string };
    const root = packageRoot();
    const loaded = cachedModule<ValidateFunction | { default: ValidateFunction }>(
      root,
      'topology-validator',
      [version, JSON.stringify(topologySchema)],
      buildValidator,
    );
    compiled = typeof loaded === 'function' ? loaded : loaded.default;
  }
  return compiled;
}

/** Follows a `$ref` such as `#/definitions/port` within the topology schema. */
function deref(schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as JsonSchema)?.[key], topologySchema) as JsonSchema;
  return {
    ...target,
    ...schema,
    $ref: undefined,
    description: schema?.description ?? target.description,
  };
}

/** The schema that describes the value at an instance path, found by walking the schema alongside it. */
function schemaFor(path: SpecPath): JsonSchema | undefined {
  let node = deref(topologySchema);
  for (const part of path) {
    const properties = node?.properties as Record<string, JsonSchema> | undefined;
    if (typeof part === 'string' && properties?.[part]) node = deref(properties[part]);
    else if (typeof part === 'number' && node?.items) node = deref(node.items as JsonSchema);
    else if (typeof node?.additionalProperties === 'object')
      node = deref(node.additionalProperties as JsonSchema);
    else return undefined;
  }
  return node;
}

function propertyHelp(parent: JsonSchema | undefined, name: string): string {
  const property = deref((parent?.properties as Record<string, JsonSchema> | undefined)?.[name]);
  return typeof property?.description === 'string'
    ? ` (${property.description.split('. ')[0].replace(/\.$/, '')})`
    : '';
}

/** A value quoted for a message: backticks, or JSON escapes when it holds control characters. */
function show(value: unknown): string {
  // Values may be null-prototype mappings (no toString) or huge strings: show a short JSON form.
  let text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (text.length > 80) text = `${text.slice(0, 77)}...`;
  // eslint-disable-next-line no-control-regex -- control characters are shown escaped
  return /[\u0000-\u001f`\u007f-\u009f\u2028\u2029]/.test(text)
    ? JSON.stringify(text)
    : `\`${text}\``;
}

/** What is wrong with a value that fails a pattern: a bad name, or the first character not allowed. */
function patternProblem(
  value: string,
  pattern: string,
  description: string,
): { message: string; fix: string; index?: number } {
  if (isNamePattern(pattern)) {
    const { problem, fix } = explainName(value);
    return { message: `${show(value)} is not a valid name: it ${problem}`, fix };
  }
  const bad = firstOutsidePattern(value, pattern);
  const rule = description || `match ${pattern}`;
  if (bad)
    return {
      message: `${show(value)} holds ${bad.name}, which is not allowed here`,
      fix: `remove it; ${rule.charAt(0).toLowerCase()}${rule.slice(1)}`,
      index: bad.index,
    };
  return { message: `${show(value)} is not valid here`, fix: rule };
}

function describe(
  e: ErrorObject,
  path: SpecPath,
  data: unknown,
  suggest: boolean,
): { message: string; fix: string; key?: boolean; index?: number } {
  const here = schemaFor(path);
  const description = typeof here?.description === 'string' ? here.description : '';
  const value = path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)?.[key],
    data,
  );
  switch (e.keyword) {
    case 'required': {
      const name = String(e.params.missingProperty);
      return {
        message: `missing required property \`${name}\``,
        fix: `add \`${name}:\`${propertyHelp(here, name)}`,
      };
    }
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const allowed = Object.keys((here?.properties as object | undefined) ?? {});
      return {
        message: `unknown property \`${name}\``,
        fix: (suggest && didYouMean(name, allowed)) || 'remove it',
        key: true,
      };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      return {
        message: `${show(value)} is not allowed`,
        fix: didYouMean(typeof value === 'string' ? value : show(value), allowed),
      };
    }
    case 'type': {
      // `null` in an overlay's type union only means "remove"; the message names the real types.
      const real = String(e.params.type)
        .split(',')
        .filter((t) => t !== 'null');
      const types = real.map((t) =>
        t === 'integer' ? 'a whole number' : `a${/^[aeiou]/.test(t) ? 'n' : ''} ${t}`,
      );
      return {
        message: `must be ${types.join(' or ')}, not ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : `${typeof value} ${show(value)}`}`,
        fix: typeFix(real.join(','), value, description),
      };
    }
    case 'pattern':
      return patternProblem(String(value), String(e.params.pattern), description);
    case 'propertyNames': {
      const names = deref(here?.propertyNames as JsonSchema | undefined);
      const pattern = typeof names?.pattern === 'string' ? names.pattern : '';
      const name = String(e.params.propertyName);
      const described = typeof names?.description === 'string' ? names.description : '';
      const { message, fix, index } = patternProblem(name, pattern, described);
      return {
        message: message.replace(' is not valid here', ' is not a valid key'),
        fix,
        key: true,
        index,
      };
    }
    case 'oneOf':
      return {
        message: 'is neither a string nor a `{ ref: ... }`',
        fix: description || 'use a string, or `{ ref: ... }`',
      };
    case 'minProperties':
    case 'maxProperties':
      return {
        message: e.message ?? 'has the wrong number of properties',
        fix: description || 'see the schema',
      };
    default:
      return {
        message: e.message ?? `fails ${e.keyword}`,
        fix: description || 'see schema/topology.schema.json',
      };
  }
}

/**
 * For an `anyOf` of differently typed branches (`waf: true` or `waf: { ... }`): when the value has
 * the type of some branch, only that branch's errors say anything; the others' type errors and the
 * anyOf summary are noise.
 */
function anyOfNoise(errors: ErrorObject[]): Set<ErrorObject> {
  const noise = new Set<ErrorObject>();
  for (const any of errors.filter((e) => e.keyword === 'anyOf')) {
    const branch = errors.filter((e) => e.schemaPath.startsWith(`${any.schemaPath}/`));
    const typeErrors = branch.filter(
      (e) => e.keyword === 'type' && e.instancePath === any.instancePath,
    );
    if (typeErrors.length === 0 || typeErrors.length === branch.length) continue;
    noise.add(any);
    for (const e of typeErrors) noise.add(e);
  }
  return noise;
}

/** Drops errors that only repeat another: the branches of a failed oneOf, the pattern under a propertyNames. */
function significant(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(
    errors
      .filter((e) => e.keyword === 'oneOf')
      .map((e) => e.schemaPath.replace(/\/oneOf$/, '/oneOf/')),
  );
  const branchNoise = anyOfNoise(errors);
  return errors.filter((e) => {
    if (branchNoise.has(e)) return false;
    if (e.keyword !== 'oneOf' && [...oneOfPaths].some((p) => e.schemaPath.includes(p)))
      return false;
    if (e.keyword === 'pattern' && e.propertyName !== undefined) return false;
    if (e.keyword === 'not' && e.propertyName !== undefined) return false;
    if (e.keyword === 'maxLength' && e.propertyName !== undefined) return false;
    return true;
  });
}

/** The column of character `index` of a scalar when the source holds it verbatim on its line. */
function charColumn(where: Located, index: number): number | undefined {
  const rest = where.sourceLine.slice(where.column - 1);
  const quoted = /^["']/.test(rest) ? 1 : 0;
  return rest.length > index + quoted ? where.column + quoted + index : undefined;
}

/** How many unknown-property errors get a "did you mean"; far more than are printed. */
const SUGGESTIONS = 500;

/** Validates against the JSON Schema; returns located diagnostics and the data with defaults filled in. */
export function validateSchema(spec: LoadedSpec): { diagnostics: Diagnostic[]; data: Topology } {
  // Null-prototype copy: rules and normalisation look user names up in it (see model/records).
  const data = bareCopy(spec.data) as Topology;
  const validate = validator();
  if (validate(data)) return { diagnostics: [], data };
  const diagnostics = significant(validate.errors ?? []).map((e, i): Diagnostic => {
    const base = parsePath(e.instancePath);
    const path =
      e.keyword === 'additionalProperties'
        ? [...base, String(e.params.additionalProperty)]
        : e.keyword === 'propertyNames'
          ? [...base, String(e.params.propertyName)]
          : base;
    // Suggestions cost an edit distance per candidate: worth it for the errors anyone will read.
    const { message, fix, key, index } = describe(e, base, data, i < SUGGESTIONS);
    const where = locate(spec, path, { key });
    const column = index === undefined ? undefined : charColumn(where, index);
    return {
      code: `schema/${e.keyword}`,
      severity: 'error',
      path: formatPath(path),
      message: column ? `${message} (column ${column})` : message,
      fix,
      position: { file: where.file, line: where.line, column: column ?? where.column },
      sourceLine: where.sourceLine,
    };
  });
  return { diagnostics, data };
}
