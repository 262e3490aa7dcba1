import { getAtt, yamlString } from '../cfn/intrinsics';
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

/** The RDS instance and its subnet group. The master password never appears: RDS keeps it in Secrets Manager. */
export const databaseLayer: Layer<DatabaseData> = {
  name: 'database',
  partials: ['database-instance'],
  applies: (model) => model.database !== undefined,
  toTemplateData(model: Model) {
    const db = model.database!;
    const group = model.network.groups.find((g) => g.name === db.subnetGroup)!;
    const sg = model.securityGroups.find((g) => g.name === db.securityGroup)!;
    const subnetIdsParam = `${group.id}SubnetIds`;
    const securityGroupParam = `${sg.logicalId}Id`;
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
      ],
      resources: { DatabaseSubnetGroup: 'database.subnets', Database: 'database' },
      tags: model.tags,
      db: {
        ...db,
        subnetIdsParam,
        securityGroupParam,
        tags: withName(model, `${model.name}-database`),
        // The reference architecture ships error, slow-query and general logs to CloudWatch.
        logExports: ['error', 'general', 'slowquery'],
        ...(restore.snapshot ? { snapshot: restore.snapshot } : {}),
        newDatabase: restore.snapshot === undefined,
      },
    };
  },
};
