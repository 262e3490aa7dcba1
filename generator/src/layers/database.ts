import { getAtt, yamlString } from '../cfn/intrinsics';
import { withName, type Layer, type LayerBase } from './types';
import type { Database, Model } from '../model/topology';

/** Template data of the database layer. */
export interface DatabaseData extends LayerBase {
  db: Database & {
    subnetIdsParam: string;
    securityGroupParam: string;
    tags: Array<{ key: string; value: string }>;
    logExports: string[];
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
      },
    };
  },
};
