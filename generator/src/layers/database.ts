import { pascal } from '../model/names';
import { getAtt, ref, sub, yamlString } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase, type Parameter } from './types';
import type { Database, Model } from '../model/topology';

/** Template data of the database layer. */
export interface DatabaseData extends LayerBase {
  db: Database & {
    subnetIdsParam: string;
    securityGroupParam: string;
    tags: Array<{ key: string; value: string }>;
    logExports: string[];
    /** `DBSnapshotIdentifier` as YAML (a quoted identifier or a `!Ref`), when restoring from a snapshot. */
    snapshot?: string;
    /** True unless restoring: only then are the database and master user created from the topology. */
    newDatabase: boolean;
  };
  /** With monitoring: the instance is named after its stack so its log groups can exist first. */
  logGroups?: {
    identifier: string;
    groups: Array<{ logicalId: string; name: string }>;
    retentionDays: number;
  };
  parameterGroup?: { family: string; parameters: Array<{ name: string; value: string }> };
}

/** The template parameter naming the snapshot when `restoreFromSnapshot: true`. */
export const SNAPSHOT_PARAMETER = 'DatabaseSnapshotIdentifier';

/**
 * A restored instance takes its database, master user and encryption from the snapshot: CloudFormation
 * says not to set DBName, MasterUsername or StorageEncrypted then. A snapshot named at deploy time is a
 * parameter, so later deploys can keep the value CloudFormation must see again on every update.
 */
function snapshotOf(db: Database): { snapshot?: string; parameters: Parameter[] } {
  if (db.restoreFromSnapshot === undefined) return { parameters: [] };
  if (db.restoreFromSnapshot !== true)
    return { snapshot: JSON.stringify(db.restoreFromSnapshot), parameters: [] };
  return {
    snapshot: `!Ref ${SNAPSHOT_PARAMETER}`,
    parameters: [
      {
        name: SNAPSHOT_PARAMETER,
        type: 'String',
        description:
          'DB snapshot (identifier or ARN) the database is restored from (strata deploy --parameter)',
        source: { from: 'deploy-parameter' },
      },
    ],
  };
}

const LOG_EXPORTS = ['error', 'general', 'slowquery'];

/**
 * RDS creates `/aws/rds/instance/<id>/<log>` on first export, with no expiry; creating them first,
 * with a retention, needs the instance's name known before it exists, hence DBInstanceIdentifier.
 */
function logGroupsOf(model: Model): DatabaseData['logGroups'] {
  if (!model.monitoring) return undefined;
  return {
    identifier: ref('AWS::StackName'),
    retentionDays: model.monitoring.logRetentionDays,
    groups: LOG_EXPORTS.map((log) => ({
      logicalId: `Database${pascal(log === 'slowquery' ? 'slow-query' : log)}LogGroup`,
      name: sub(`/aws/rds/instance/\${AWS::StackName}/${log}`),
    })),
  };
}

/**
 * Parameters the settings need: TLS-only connections, and the general and slow-query logs MySQL
 * writes only when told to (the exports above are empty otherwise). Values are RDS's 0/1 booleans.
 */
function parameterGroupOf(model: Model, db: Database): DatabaseData['parameterGroup'] {
  const parameters: Array<{ name: string; value: string }> = [];
  if (db.requireTls) parameters.push({ name: 'require_secure_transport', value: '1' });
  if (model.monitoring)
    parameters.push(
      { name: 'general_log', value: '1' },
      { name: 'slow_query_log', value: '1' },
      { name: 'long_query_time', value: '2' },
      { name: 'log_output', value: 'FILE' },
    );
  if (parameters.length === 0) return undefined;
  const [major, minor] = db.engineVersion.split('.');
  return { family: `${db.engine}${major}.${minor}`, parameters };
}

/** The RDS instance and its subnet group. The master password never appears: RDS keeps it in Secrets Manager. */
export const databaseLayer: Layer<DatabaseData> = {
  name: 'database',
  partials: ['database-logs', 'parameter-group', 'database-instance'],
  applies: (model) => model.database !== undefined,
  toTemplateData(model: Model) {
    const db = model.database!;
    const group = model.network.groups.find((g) => g.name === db.subnetGroup)!;
    const sg = model.securityGroups.find((g) => g.name === db.securityGroup)!;
    const subnetIdsParam = `${group.id}SubnetIds`;
    const securityGroupParam = `${sg.logicalId}Id`;
    const logGroups = logGroupsOf(model);
    const parameterGroup = parameterGroupOf(model, db);
    const resources: Record<string, string> = { DatabaseSubnetGroup: 'database.subnets' };
    for (const g of logGroups?.groups ?? []) resources[g.logicalId] = 'monitoring.logRetentionDays';
    if (parameterGroup)
      resources.DatabaseParameterGroup = db.requireTls ? 'database.requireTls' : 'monitoring';
    resources.Database = 'database';
    const restore = snapshotOf(db);
    return {
      layer: 'database',
      description: `${model.name} database: RDS ${db.engine} ${db.engineVersion} (${db.instanceClass}, ${db.storage.sizeGiB} GiB ${db.storage.type})`,
      parameters: [
        {
          name: subnetIdsParam,
          type: 'List<AWS::EC2::Subnet::Id>',
          description: `Subnets of the ${group.name} group (network stack)`,
        },
        {
          name: securityGroupParam,
          type: 'AWS::EC2::SecurityGroup::Id',
          description: `Security group ${sg.name} (security stack)`,
        },
        ...restore.parameters,
      ],
      outputs: [
        {
          name: 'DatabaseEndpoint',
          value: getAtt('Database', 'Endpoint.Address'),
          description: 'Host name of the database',
        },
        {
          name: 'DatabasePort',
          value: getAtt('Database', 'Endpoint.Port'),
          description: 'Port of the database',
        },
        {
          name: 'DatabaseName',
          value: yamlString(db.name),
          description: 'Name of the application database',
        },
        {
          name: 'DatabaseUsername',
          value: yamlString(db.username),
          description: 'Master user name',
        },
        {
          name: 'DatabaseSecretArn',
          value: getAtt('Database', 'MasterUserSecret.SecretArn'),
          description: 'Secrets Manager secret holding the master user name and password',
        },
        ...(logGroups
          ? [
              {
                name: 'DatabaseInstanceId',
                value: ref('Database'),
                description: 'Identifier of the instance (its CloudWatch dimension)',
              },
            ]
          : []),
      ],
      resources,
      tags: model.tags,
      db: {
        ...db,
        subnetIdsParam,
        securityGroupParam,
        tags: withName(model, `${model.name}-database`),
        // The reference architecture ships error, slow-query and general logs to CloudWatch.
        logExports: LOG_EXPORTS,
        ...(restore.snapshot ? { snapshot: restore.snapshot } : {}),
        newDatabase: restore.snapshot === undefined,
      },
      logGroups,
      parameterGroup,
    };
  },
};
