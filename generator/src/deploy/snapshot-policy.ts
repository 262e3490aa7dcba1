import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCfnYaml } from '../render/cfn-yaml';
import { StrataError } from '../errors';
import type { Manifest } from './manifest';

/** A database resource and what CloudFormation does with its data when the stack goes. */
export interface DatabasePolicy {
  stackName: string;
  logicalId: string;
  deletionPolicy: string;
}

const DATABASE_TYPES = new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']);

function parseTemplate(cwd: string, file: string) {
  try {
    return parseCfnYaml(readFileSync(join(cwd, file), 'utf8'));
  } catch (error) {
    throw new StrataError('E_IO', `${file}: ${(error as Error).message}`, 'run strata generate to rewrite out/');
  }
}

/** The DeletionPolicy of every database resource in the committed templates (CloudFormation's default is Delete). */
export function databasePolicies(cwd: string, manifest: Manifest, outDir = 'out'): DatabasePolicy[] {
  const found: DatabasePolicy[] = [];
  for (const stack of manifest.stacks) {
    const file = join(outDir, stack.template);
    const template = parseTemplate(cwd, file);
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (!DATABASE_TYPES.has(resource.Type)) continue;
      found.push({ stackName: stack.stackName, logicalId, deletionPolicy: String(resource.DeletionPolicy ?? 'Delete') });
    }
  }
  return found;
}
