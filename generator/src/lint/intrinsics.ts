import type { TemplatePath } from './types';

/** Pseudo parameters CloudFormation defines in every stack. */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The function name when a value is an intrinsic (`{ Ref: x }`, `{ 'Fn::Sub': ... }`), else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** A plain object that is not an intrinsic function call. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && intrinsicName(value) === undefined;
}

/** Calls `visit` on every value of a tree with its path, depth first. */
export function walk(value: unknown, path: TemplatePath, visit: (value: unknown, path: TemplatePath) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key], visit);
  }
}

/** Every string that a value can take without evaluating functions: itself, or each branch of an `Fn::If`. */
export function literalStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (intrinsicName(value) === 'Fn::If') {
    const args = (value as Record<string, unknown>)['Fn::If'];
    if (Array.isArray(args)) return [...literalStrings(args[1]), ...literalStrings(args[2])];
  }
  return [];
}

/** The `${Name}` and `${Res.Attr}` references inside an `Fn::Sub` string (skipping `${!literal}`). */
export function subReferences(text: string): string[] {
  const refs: string[] = [];
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) refs.push(match[1].trim());
  return refs;
}
