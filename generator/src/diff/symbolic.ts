import { PSEUDO_PARAMETERS, isPlainObject } from '../cfn/intrinsics';

/**
 * A value known only as what it is built from: an attribute of a resource (`Ref` is the attribute
 * `Ref`), a pseudo parameter, a parameter default or an app artifact. `renewed` marks a value that
 * gets a new value in this deploy (its resource is replaced or created): it is known only after deploy.
 */
export interface SymbolRef {
  stack?: string;
  resource?: string;
  attribute?: string;
  pseudo?: string;
  parameter?: string;
  artifact?: string;
  /** A known value behind the symbol: an artifact key, a parameter default. */
  value?: string;
  renewed?: boolean;
}

/** A resolved value: JSON with `{ $symbol }` leaves where CloudFormation fills in a value at deploy time. */
export type Resolved = unknown;

/** Whether a symbol is fresh in this deploy; the base side never renews anything. */
export type RenewalCheck = (resource: string, attribute: string) => boolean;

/** What an expression is resolved against: one side (base or now) of one stack. */
export interface Scope {
  stack: string;
  resources: Record<string, unknown>;
  /** Template parameters with their resolved value (upstream outputs, artifact keys, defaults). */
  parameters: Map<string, Resolved>;
  renewed: RenewalCheck;
}

/** Builds a symbol leaf. */
export const symbol = (s: SymbolRef): Resolved => ({ $symbol: s });

/** The symbol inside a resolved leaf, if it is one. */
export function symbolOf(value: unknown): SymbolRef | undefined {
  return isPlainObject(value) && isPlainObject(value.$symbol) && Object.keys(value).length === 1
    ? (value.$symbol as SymbolRef)
    : undefined;
}

/** Joins resolved parts: adjacent strings merge, and a join of strings only is a string. */
export function joinParts(delimiter: string, items: Resolved[]): Resolved {
  const parts: Resolved[] = [];
  items.forEach((item, i) => {
    const piece: Resolved[] = i > 0 && delimiter ? [delimiter, item] : [item];
    for (const p of piece) {
      const last = parts[parts.length - 1];
      const text = typeof p === 'number' || typeof p === 'boolean' ? String(p) : p;
      if (typeof text === 'string' && typeof last === 'string')
        parts[parts.length - 1] = last + text;
      else if (text !== '') parts.push(text);
    }
  });
  if (parts.length === 0) return '';
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return { 'Fn::Join': ['', parts] };
}

function refTo(name: string, attribute: string, scope: Scope): Resolved {
  if (attribute === 'Ref' && PSEUDO_PARAMETERS.has(name)) return symbol({ pseudo: name });
  if (attribute === 'Ref' && scope.parameters.has(name)) return scope.parameters.get(name);
  const renewed = scope.resources[name] !== undefined && scope.renewed(name, attribute);
  return symbol({
    stack: scope.stack,
    resource: name,
    attribute,
    ...(renewed ? { renewed: true } : {}),
  });
}

/** `Fn::Sub` text split into literal parts and `${Name}` / `${Name.Attr}` references (`${!x}` is literal). */
function subParts(text: string, vars: Record<string, unknown>, scope: Scope): Resolved[] {
  const parts: Resolved[] = [];
  let rest = text;
  for (let m = /\$\{([^}]*)\}/.exec(rest); m; m = /\$\{([^}]*)\}/.exec(rest)) {
    parts.push(rest.slice(0, m.index));
    const name = m[1];
    if (name.startsWith('!')) parts.push(`\${${name.slice(1)}}`);
    else if (name in vars) parts.push(resolve(vars[name], scope));
    else {
      const dot = name.indexOf('.');
      parts.push(
        dot < 0 ? refTo(name, 'Ref', scope) : refTo(name.slice(0, dot), name.slice(dot + 1), scope),
      );
    }
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  return parts;
}

/** A resolved list value as its elements, when they are known (a literal list, a comma join, a comma text). */
export function listElements(value: Resolved): Resolved[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  return undefined;
}

function intrinsic(key: string, arg: unknown, scope: Scope): Resolved {
  if (key === 'Ref' && typeof arg === 'string') return refTo(arg, 'Ref', scope);
  if (key === 'Fn::GetAtt') {
    const [name, ...attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
    return refTo(name, attr.join('.'), scope);
  }
  if (key === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string') {
    const items = listElements(resolve(arg[1], scope));
    if (items) return joinParts(arg[0], items);
  }
  if (key === 'Fn::Select' && Array.isArray(arg)) {
    const items = listElements(resolve(arg[1], scope));
    const index = Number(resolve(arg[0], scope));
    if (items && Number.isInteger(index)) return items[index];
  }
  if (key === 'Fn::Sub') {
    const [text, vars] = Array.isArray(arg) ? [String(arg[0]), arg[1] ?? {}] : [String(arg), {}];
    return joinParts('', subParts(text, vars as Record<string, unknown>, scope));
  }
  if (key === 'Fn::Split' && Array.isArray(arg) && arg[0] === ',') {
    const whole = resolve(arg[1], scope);
    if (typeof whole === 'string') return whole.split(',');
  }
  return { [key]: resolve(arg, scope) };
}

/** Resolves a template value symbolically: intrinsics over known values are evaluated, the rest kept. */
export function resolve(value: unknown, scope: Scope): Resolved {
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
    return intrinsic(keys[0], obj[keys[0]], scope);
  const out: Record<string, Resolved> = {};
  for (const k of keys) out[k] = resolve(obj[k], scope);
  return out;
}

/** The value with every `renewed` mark removed: equal to the base when only identities changed. */
export function withoutRenewal(value: Resolved): Resolved {
  const s = symbolOf(value);
  if (s) {
    const { renewed: _renewed, ...rest } = s;
    return symbol(rest);
  }
  if (Array.isArray(value)) return value.map(withoutRenewal);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutRenewal(v)]));
}

/** The renewed symbols inside a value (what makes it known only after deploy). */
export function renewedSymbols(value: Resolved, out: SymbolRef[] = []): SymbolRef[] {
  const s = symbolOf(value);
  if (s) {
    if (s.renewed) out.push(s);
  } else if (Array.isArray(value)) value.forEach((v) => renewedSymbols(v, out));
  else if (value !== null && typeof value === 'object')
    Object.values(value).forEach((v) => renewedSymbols(v, out));
  return out;
}
