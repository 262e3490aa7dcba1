import { closest } from '../util/suggest';
import { intrinsicName, isPlainObject } from '../cfn/intrinsics';
import type { PropertySpec, ResourceSpec, SpecType } from './resource-data';
import { formatTemplatePath, type RawFinding, type TemplatePath } from './types';

/** What a value check needs: the resource's schema and its logical id. */
export interface ValueContext {
  spec: ResourceSpec;
  resource: string;
  cfnType: string;
}

/** The type's name without an article: `string`, `list of string`, `MetadataOptions object`. */
function noun(type: SpecType, ctx: ValueContext): string {
  switch (type.type) {
    case 'array':
      return `list of ${noun(type.element, ctx)}`;
    case 'map':
      return `map of ${noun(type.element, ctx)}`;
    case 'ref':
      return `${ctx.spec.typeDefs[type.reference.$ref]?.name ?? 'property'} object`;
    case 'union':
      return type.types.map((t) => noun(t, ctx)).join(' or ');
    case 'tag':
      return 'tag ({ Key, Value })';
    case 'json':
      return 'JSON object';
    default:
      return type.type;
  }
}

function describe(type: SpecType, ctx: ValueContext): string {
  const name = noun(type, ctx);
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** `MetadataOptions.HttpTokens` for a path under `Resources.<id>.Properties`. */
function propPath(path: TemplatePath): string {
  return formatTemplatePath(path.slice(3)) || 'Properties';
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function typeError(
  value: unknown,
  type: SpecType,
  path: TemplatePath,
  ctx: ValueContext,
): RawFinding {
  return {
    rule: 'PROPERTY_TYPE',
    severity: 'error',
    resource: ctx.resource,
    path,
    message: `${propPath(path)} must be ${describe(type, ctx)}, got ${shown(value)}`,
    fix: `see the ${ctx.cfnType} reference in the CloudFormation User Guide for this property's type`,
  };
}

function checkScalar(
  value: unknown,
  type: SpecType & { allowedValues?: string[] },
  path: TemplatePath,
  ctx: ValueContext,
): RawFinding[] {
  const ok: Record<string, (v: unknown) => boolean> = {
    // CloudFormation turns numbers and booleans into strings where a string is expected.
    string: (v) => ['string', 'number', 'boolean'].includes(typeof v),
    integer: (v) =>
      (typeof v === 'number' && Number.isInteger(v)) ||
      (typeof v === 'string' && /^-?\d+$/.test(v)),
    number: (v) =>
      typeof v === 'number' ||
      (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))),
    boolean: (v) => typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v)),
    // A JSON property takes any JSON value (policy documents, event patterns, lists).
    json: (v) => v !== null && v !== undefined,
    'date-time': (v) => typeof v === 'string',
  };
  const test = ok[type.type];
  if (test && !test(value)) return [typeError(value, type, path, ctx)];
  if (
    type.allowedValues?.length &&
    typeof value === 'string' &&
    !type.allowedValues.includes(value)
  ) {
    const guess = closest(value, type.allowedValues);
    return [
      {
        rule: 'PROPERTY_ENUM',
        severity: 'error',
        resource: ctx.resource,
        path,
        message: `${propPath(path)} is "${value}", which is not one of ${type.allowedValues.map((v) => `"${v}"`).join(', ')}`,
        fix: guess ? `did you mean "${guess}"?` : `use one of the allowed values`,
      },
    ];
  }
  return [];
}

function listNames(names: string[]): string {
  const sorted = [...names].sort();
  return sorted.length > 12
    ? `${sorted.slice(0, 12).join(', ')}, ... (${sorted.length} in all)`
    : sorted.join(', ');
}

/** Checks the properties of an object against a property map: unknown, missing required, and each value. */
export function checkObject(
  value: Record<string, unknown>,
  props: Record<string, PropertySpec>,
  path: TemplatePath,
  ctx: ValueContext,
): RawFinding[] {
  const findings: RawFinding[] = [];
  const where = path.length > 3 ? ` in ${propPath(path)}` : '';
  for (const [name, child] of Object.entries(value)) {
    const prop = props[name];
    if (!prop) {
      const guess = closest(name, Object.keys(props));
      findings.push({
        rule: 'UNKNOWN_PROPERTY',
        severity: 'error',
        resource: ctx.resource,
        path: [...path, name],
        message: `${name} is not a property of ${ctx.cfnType}${where}`,
        fix: guess
          ? `did you mean ${guess}?`
          : `remove it; valid properties are ${listNames(Object.keys(props))}`,
      });
      continue;
    }
    findings.push(...checkProperty(child, prop, [...path, name], ctx));
  }
  for (const [name, prop] of Object.entries(props)) {
    if (prop.required && !(name in value)) {
      findings.push({
        rule: 'MISSING_REQUIRED_PROPERTY',
        severity: 'error',
        resource: ctx.resource,
        path,
        message: `${ctx.cfnType} requires ${name}${where}`,
        fix: `add ${name}`,
      });
    }
  }
  return findings;
}

/** Checks a value against one type; intrinsic functions are accepted as they resolve only at deploy time. */
export function checkValue(
  value: unknown,
  type: SpecType,
  path: TemplatePath,
  ctx: ValueContext,
): RawFinding[] {
  if (intrinsicName(value) !== undefined) return [];
  switch (type.type) {
    case 'array':
      if (!Array.isArray(value)) return [typeError(value, type, path, ctx)];
      return value.flatMap((item, i) => checkValue(item, type.element, [...path, i], ctx));
    case 'map':
      if (!isPlainObject(value)) return [typeError(value, type, path, ctx)];
      return Object.entries(value).flatMap(([k, v]) =>
        checkValue(v, type.element, [...path, k], ctx),
      );
    case 'ref': {
      const def = ctx.spec.typeDefs[type.reference.$ref];
      if (!isPlainObject(value)) return [typeError(value, type, path, ctx)];
      return def ? checkObject(value, def.properties, path, ctx) : [];
    }
    case 'tag':
      return isPlainObject(value) && 'Key' in value && 'Value' in value
        ? []
        : [typeError(value, type, path, ctx)];
    case 'union': {
      const results = type.types.map((t) => checkValue(value, t, path, ctx));
      return results.some((r) => r.length === 0)
        ? []
        : results.sort((a, b) => a.length - b.length)[0];
    }
    default:
      return checkScalar(value, type, path, ctx);
  }
}

/** Checks a property value against its current type, accepting any earlier type CloudFormation still takes. */
export function checkProperty(
  value: unknown,
  prop: PropertySpec,
  path: TemplatePath,
  ctx: ValueContext,
): RawFinding[] {
  const current = checkValue(value, prop.type, path, ctx);
  if (current.length === 0 || !prop.previousTypes) return current;
  return prop.previousTypes.some((t) => checkValue(value, t, path, ctx).length === 0)
    ? []
    : current;
}
