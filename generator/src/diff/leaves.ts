import { isPlainObject } from '../cfn/intrinsics';
import { symbolOf, type Resolved } from './symbolic';

/** A stable text of a resolved value for equality: keys sorted, numbers and booleans as the strings CloudFormation passes. */
export function canonical(value: Resolved): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(String(value));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when two resolved values are the same to CloudFormation. */
export const same = (a: Resolved, b: Resolved): boolean => canonical(a) === canonical(b);

/** One changed leaf between two resolved values. */
export interface Leaf {
  path: string;
  old?: Resolved;
  new?: Resolved;
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The changed leaves between two resolved values, so `SecurityGroupIngress[2].CidrIp` shows, not the whole list. */
export function leafChanges(
  before: Resolved,
  after: Resolved,
  path = '',
  out: Leaf[] = [],
): Leaf[] {
  if (same(before, after)) return out;
  const descend =
    isPlainObject(before) && isPlainObject(after) && !symbolOf(before) && !symbolOf(after);
  if (descend) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      leafChanges(before[key], after[key], join(path, key), out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      leafChanges(before[i], after[i], join(path, i), out);
  } else out.push({ path, old: before, new: after });
  return out;
}

/** Splits `A.B[2].C` into `['A', 'B', '*', 'C']`, indexes as `*` to match schema paths. */
function steps(path: string): string[] {
  return path
    .replace(/\[\d+\]/g, '.*')
    .split('.')
    .filter(Boolean);
}

/**
 * True when a changed path touches a schema path: one is a prefix of the other (a whole list replaced
 * touches its create-only members), with `*` matching any index or map key.
 */
export function touches(changed: string, schemaPath: string): boolean {
  const a = steps(changed);
  const b = steps(schemaPath);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}
