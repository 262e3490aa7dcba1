import { isPlainObject } from '../cfn/intrinsics';
import type { CfnTemplate, LintRule, RawFinding, TemplatePath } from './types';

/** A resource of one of the given types, with its properties (empty when it has none). */
export interface Matched {
  id: string;
  type: string;
  props: Record<string, unknown>;
  /** `['Resources', id, 'Properties']`, the base for finding paths. */
  base: TemplatePath;
}

/** Every resource of the given types. */
export function resourcesOfType(template: CfnTemplate, ...types: string[]): Matched[] {
  const out: Matched[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (!resource || !types.includes(resource.Type)) continue;
    const props = isPlainObject(resource.Properties) ? resource.Properties : {};
    out.push({ id, type: resource.Type, props, base: ['Resources', id, 'Properties'] });
  }
  return out;
}

/** True for a literal `true` (CloudFormation also takes the string "true"). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A list property as an array (a missing or non-literal list is treated as empty). */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Reads a nested property of plain objects; undefined as soon as a step is missing or not an object. */
export function dig(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Builds a rule's finding with the rule's id and severity. */
export function finding(
  rule: Pick<LintRule, 'id' | 'severity' | 'topology'>,
  resource: string | undefined,
  path: TemplatePath,
  message: string,
  fix: string,
): RawFinding {
  return {
    rule: rule.id,
    severity: rule.severity,
    resource,
    path,
    message,
    fix,
    ...(rule.topology ? { topologyHint: rule.topology } : {}),
  };
}

/** Declares a rule whose check receives the rule itself, so findings carry its id and severity. */
export function defineRule(
  rule: Omit<LintRule, 'check'>,
  check: (template: CfnTemplate, self: Omit<LintRule, 'check'>) => RawFinding[],
): LintRule {
  return { ...rule, check: (template) => check(template, rule) };
}
