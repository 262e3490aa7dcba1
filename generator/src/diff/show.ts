import { symbolOf, type SymbolRef } from './symbolic';

/** How values are shown: symbols of the stack being printed lose their stack prefix. */
export interface ShowOptions {
  stack?: string;
}

/** A symbol in words: `PublicSubnetA`, `network:PublicSubnetA`, `BackendInstance1.PrivateIp`, `AWS::Region`. */
export function showSymbol(s: SymbolRef, o: ShowOptions = {}): string {
  if (s.pseudo) return s.pseudo;
  if (s.artifact) return s.value ?? `artifact ${s.artifact} (unchanged)`;
  if (s.parameter && !s.resource)
    return s.value !== undefined ? `${s.parameter} (${s.value})` : s.parameter;
  const where = s.stack && s.stack !== o.stack ? `${s.stack}:` : '';
  const attr = s.attribute && s.attribute !== 'Ref' ? `.${s.attribute}` : '';
  return `${where}${s.resource}${attr}`;
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The parts of a text built by `Fn::Sub` / `Fn::Join ''`, literal strings and symbols. */
function textParts(value: unknown): unknown[] | undefined {
  const join = (value as { 'Fn::Join'?: unknown })?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) return join[1];
  return undefined;
}

/** A resolved text (a `${...}` per symbol, as `Fn::Sub` is written), or undefined when the value is not text. */
export function showText(value: unknown, o: ShowOptions = {}): string | undefined {
  if (isText(value)) return value;
  const base64 = (value as { 'Fn::Base64'?: unknown })?.['Fn::Base64'];
  if (base64 !== undefined) return showText(base64, o);
  const parts = textParts(value);
  if (!parts) return undefined;
  return parts
    .map((p) => {
      const s = symbolOf(p);
      // A known artifact key is plain text of the value; other symbols read as `Fn::Sub` writes them.
      if (s?.artifact && s.value) return s.value;
      return s ? `\${${showSymbol(s, o)}}` : isText(p) ? p : showValue(p, o);
    })
    .join('');
}

/** Any resolved value as one readable expression: no JSON, no `Fn::` keys, nothing cut. */
export function showValue(value: unknown, o: ShowOptions = {}): string {
  if (value === undefined) return '(none)';
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  const s = symbolOf(value);
  if (s) return showSymbol(s, o);
  const text = showText(value, o);
  if (text !== undefined) return text;
  if (Array.isArray(value)) return `[${value.map((v) => showValue(v, o)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::')))
    return `${entries[0][0].replace(/^Fn::/, '')}(${showValue(entries[0][1], o)})`;
  return `{${entries.map(([k, v]) => `${k}: ${showValue(v, o)}`).join(', ')}}`;
}

/** The symbols in a value that become known only after deploy, in words. */
export function renewedNames(
  value: unknown,
  o: ShowOptions = {},
  out = new Set<string>(),
): Set<string> {
  const s = symbolOf(value);
  if (s?.renewed) out.add(showSymbol(s, o));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => renewedNames(v, o, out));
  return out;
}
