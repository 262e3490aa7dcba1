import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/generate';
import { checkTemplate } from '../../src/lint';
import { loadResourceSchemas } from '../../src/lint/resource-data';
import { parseTemplateFile } from '../../src/lint/template-file';
import type { CfnResource, CfnTemplate, RawFinding } from '../../src/lint/types';

/** A resource of the given type. */
export const resource = (
  Type: string,
  Properties?: Record<string, unknown>,
  extra: Partial<CfnResource> = {},
): CfnResource => ({ Type, ...(Properties ? { Properties } : {}), ...extra });

/** A template holding the given resources (and any other sections). */
export const template = (
  Resources: Record<string, CfnResource>,
  extra: Partial<CfnTemplate> = {},
): CfnTemplate => ({ AWSTemplateFormatVersion: '2010-09-09', Resources, ...extra });

/** The current resource schemas, from the shared on-disk index. */
export const schemas = () => loadResourceSchemas().schemas;

/** Every strata check of a template given as data (as compact JSON, so size limits see its real size). */
export function check(t: CfnTemplate): RawFinding[] {
  const text = JSON.stringify(t);
  return checkTemplate(parseTemplateFile('t.json', text), schemas());
}

/** The rule ids a template raises, sorted. */
export const rulesOf = (t: CfnTemplate): string[] =>
  check(t)
    .map((f) => f.rule)
    .sort();

/** The seed topology without a top-level `lint:` section of its own, so tests can add theirs. */
export const BARE_SEED = readFileSync(join(packageRoot(), 'spec/topology.yaml'), 'utf8').replace(
  /^lint:\n(?:[ \t#].*\n|\n)*/m,
  '',
);
