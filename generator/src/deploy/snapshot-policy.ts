import type { StackApi } from '../aws/stack-api';
import { getTemplateBody } from '../aws/stacks';
import { StrataError } from '../errors';
import { parseCfnYaml } from '../cfn/yaml';

/** A database resource in a live stack and what happens to it when the stack is deleted. */
export interface DatabasePolicy {
  stackName: string;
  logicalId: string;
  /** CloudFormation's default is Delete; strata's topology defaults to Snapshot. */
  deletionPolicy: string;
  /** RDS deletion protection: CloudFormation cannot delete the instance while it is on. */
  deletionProtection: boolean;
}

const DATABASE_TYPES = new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster']);

/** The database resources of a template text. */
export function databasesIn(stackName: string, body: string): DatabasePolicy[] {
  let template;
  try {
    template = parseCfnYaml(body);
  } catch (error) {
    throw new StrataError(
      'E_AWS',
      `the deployed template of ${stackName} cannot be read: ${(error as Error).message}`,
    );
  }
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => DATABASE_TYPES.has(r.Type))
    .map(([logicalId, r]) => ({
      stackName,
      logicalId,
      deletionPolicy: String(r.DeletionPolicy ?? 'Delete'),
      deletionProtection: String(r.Properties?.DeletionProtection) === 'true',
    }));
}

/** The database resources of the live stacks, read with GetTemplate (what is deployed, not what out/ says). */
export async function liveDatabases(
  cfn: StackApi,
  stackNames: string[],
): Promise<DatabasePolicy[]> {
  const found: DatabasePolicy[] = [];
  for (const name of stackNames) {
    const body = await getTemplateBody(cfn, name);
    if (body !== undefined) found.push(...databasesIn(name, body));
  }
  return found;
}
