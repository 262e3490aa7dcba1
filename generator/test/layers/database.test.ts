import { databaseLayer } from '../../src/layers/database';
import { database, model } from './builders';

describe('database layer', () => {
  it('applies only to a topology with a database', () => {
    expect(databaseLayer.applies(model())).toBe(false);
    expect(databaseLayer.applies(model({ database: database() }))).toBe(true);
  });

  it("takes its subnet group's and security group's ids from the earlier stacks", () => {
    const data = databaseLayer.toTemplateData(model({ database: database() }));
    expect(data.parameters.map((p) => [p.name, p.type, p.default])).toEqual([
      ['PrivateSubnetIds', 'List<AWS::EC2::Subnet::Id>', undefined],
      ['AppSecurityGroupId', 'AWS::EC2::SecurityGroup::Id', undefined],
    ]);
    expect([data.db.subnetIdsParam, data.db.securityGroupParam]).toEqual([
      'PrivateSubnetIds',
      'AppSecurityGroupId',
    ]);
  });

  it('offers where to connect and the secret, never the password', () => {
    const data = databaseLayer.toTemplateData(model({ database: database() }));
    expect(data.outputs.map((o) => [o.name, o.value])).toEqual([
      ['DatabaseEndpoint', '!GetAtt Database.Endpoint.Address'],
      ['DatabasePort', '!GetAtt Database.Endpoint.Port'],
      ['DatabaseName', '"shopdb"'],
      ['DatabaseUsername', '"admin"'],
      ['DatabaseSecretArn', '!GetAtt Database.MasterUserSecret.SecretArn'],
    ]);
    expect(JSON.stringify(data.db)).not.toMatch(/password/i);
  });

  it('ships the error, general and slow-query logs and traces both resources to the topology', () => {
    const data = databaseLayer.toTemplateData(model({ database: database() }));
    expect(data.db.logExports).toEqual(['error', 'general', 'slowquery']);
    expect(data.resources).toEqual({
      DatabaseSubnetGroup: 'database.subnets',
      Database: 'database',
    });
    expect(data.db.tags[0]).toEqual({ key: 'Name', value: 'shop-database' });
  });
});
