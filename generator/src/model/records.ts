/**
 * Lookups keyed by names a user wrote. A plain object answers `constructor`, `toString` or
 * `__proto__` from Object.prototype, so a subnet group called `constructor` would "exist"; every
 * user-keyed table is therefore either a Map or an object without a prototype.
 */

/** A deep copy of parsed YAML/JSON data in which every mapping is a null-prototype object. */
export function bareCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => bareCopy(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) {
    // defineProperty, not assignment: assigning `__proto__` would set the prototype, not a key.
    Object.defineProperty(copy, key, {
      value: bareCopy(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}

/** The value stored under `key` in a user-keyed record, ignoring anything inherited. */
export function own<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A user-keyed record as a Map, for repeated lookups by name. */
export function byName<V>(record: Readonly<Record<string, V>> | undefined): Map<string, V> {
  return new Map(Object.entries(record ?? {}));
}
