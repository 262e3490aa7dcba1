import { SECURITY_RULES } from '../../src/lint/rules';
import type { CfnTemplate } from '../../src/lint/types';
import { check, resource, rulesOf, template } from './helpers';
import { secure } from './secure-resources';

const LOGS = {
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:app:*',
};
const METRICS = {
  Effect: 'Allow',
  Action: ['cloudwatch:PutMetricData', 'ec2:DescribeVolumes', 'ec2:DescribeTags'],
  Resource: '*',
};

/** For each rule: a template that passes every check, and one that raises exactly that rule. */
const CASES: Record<string, { pass: CfnTemplate; fail: CfnTemplate }> = {
  SSH_OPEN_TO_WORLD: {
    pass: template({ Sg: secure.securityGroup() }),
    fail: template({
      Sg: secure.securityGroup([
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
      ]),
    }),
  },
  RDP_OPEN_TO_WORLD: {
    pass: template({
      Sg: secure.securityGroup([
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
      ]),
    }),
    fail: template({
      Sg: secure.securityGroup([
        { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv6: '::/0' },
      ]),
    }),
  },
  DB_PUBLIC: {
    pass: template({ Db: secure.database() }),
    fail: template({ Db: secure.database({ PubliclyAccessible: true }) }),
  },
  DB_UNENCRYPTED: {
    pass: template({ Db: secure.database() }),
    fail: template({ Db: secure.database({ StorageEncrypted: false }) }),
  },
  EBS_UNENCRYPTED: {
    pass: template({ Lt: secure.launchTemplate() }),
    fail: template({
      Lt: secure.launchTemplate({
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8 } }],
      }),
    }),
  },
  IMDSV1_ALLOWED: {
    pass: template({ Vm: secure.instance() }),
    fail: template({ Vm: secure.instance({ MetadataOptions: { HttpTokens: 'optional' } }) }),
  },
  IAM_WILDCARD_ACTION: {
    pass: template({ Role: secure.role([LOGS]) }),
    fail: template({
      Role: secure.role([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }]),
    }),
  },
  IAM_WILDCARD_RESOURCE: {
    pass: template({ Role: secure.role([LOGS, METRICS]) }),
    fail: template({
      Role: secure.role([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }]),
    }),
  },
  PLAINTEXT_SECRET: {
    pass: template({ Db: secure.database() }),
    fail: template({
      Db: secure.database({
        ManageMasterUserPassword: undefined,
        MasterUserPassword: 'hunter2hunter2',
      }),
    }),
  },
  ALB_HTTP_ONLY: {
    pass: template({
      Https: secure.listener('HTTPS', {
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }],
      }),
      Http: secure.listener('HTTP', {
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', StatusCode: 'HTTP_301' } },
        ],
      }),
    }),
    fail: template({ Http: secure.listener('HTTP') }),
  },
  ALB_WEAK_TLS_POLICY: {
    pass: template({
      Https: secure.listener('HTTPS', {
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }],
      }),
    }),
    fail: template({
      Https: secure.listener('HTTPS', {
        SslPolicy: 'ELBSecurityPolicy-2016-08',
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x' }],
      }),
    }),
  },
  LOG_GROUP_NO_RETENTION: {
    pass: template({ Logs: secure.logGroup() }),
    fail: template({ Logs: secure.logGroup({ RetentionInDays: undefined }) }),
  },
  ALARM_NO_ACTION: {
    pass: template({ Alarm: secure.alarm() }),
    fail: template({ Alarm: secure.alarm({ AlarmActions: undefined }) }),
  },
  WAF_NO_LOGGING: {
    pass: template({ Acl: secure.webAcl(), AclLogging: secure.wafLogging('Acl') }),
    fail: template({ Acl: secure.webAcl() }),
  },
  DB_NO_DELETION_PROTECTION: {
    pass: template({ Db: secure.database() }),
    fail: template({ Db: secure.database({ DeletionProtection: false }) }),
  },
  DB_BACKUP_RETENTION: {
    pass: template({ Db: secure.database({ BackupRetentionPeriod: '35' }) }),
    fail: template({ Db: secure.database({ BackupRetentionPeriod: 3 }) }),
  },
  BUCKET_UNENCRYPTED: {
    pass: template({ B: secure.bucket() }),
    fail: template({ B: secure.bucket({ BucketEncryption: undefined }) }),
  },
  BUCKET_PUBLIC_ACCESS: {
    pass: template({ B: secure.bucket() }),
    fail: template({
      B: secure.bucket({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: false,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    }),
  },
};

/** JSON drops `undefined`, which is how a case removes a property. */
const clean = (t: CfnTemplate): CfnTemplate => JSON.parse(JSON.stringify(t)) as CfnTemplate;

describe('security and reliability rules', () => {
  it('has a passing and a failing case for every rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(SECURITY_RULES.map((r) => r.id).sort());
  });

  for (const rule of SECURITY_RULES) {
    it(`${rule.id}: the passing case lints clean`, () => {
      expect(check(clean(CASES[rule.id].pass))).toEqual([]);
    });
    it(`${rule.id}: the failing case raises exactly ${rule.id} (${rule.severity})`, () => {
      const findings = check(clean(CASES[rule.id].fail));
      expect(findings.map((f) => f.rule)).toEqual([rule.id]);
      expect(findings[0].severity).toBe(rule.severity);
      expect(findings[0].fix).toBeTruthy();
    });
  }
});

describe('rule details', () => {
  it('counts protocol -1 as every port, and tcp ranges that include 22', () => {
    expect(
      rulesOf(template({ Sg: secure.securityGroup([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]) })),
    ).toEqual(['RDP_OPEN_TO_WORLD', 'SSH_OPEN_TO_WORLD']);
    expect(
      rulesOf(
        template({
          Sg: secure.securityGroup([
            { IpProtocol: 'tcp', FromPort: 0, ToPort: 1024, CidrIp: '0.0.0.0/0' },
          ]),
        }),
      ),
    ).toEqual(['SSH_OPEN_TO_WORLD']);
    expect(
      rulesOf(
        template({
          Sg: secure.securityGroup([
            { IpProtocol: 'udp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' },
          ]),
        }),
      ),
    ).toEqual([]);
  });

  it('checks standalone SecurityGroupIngress resources too', () => {
    const t = template({
      In: resource('AWS::EC2::SecurityGroupIngress', {
        GroupId: 'sg-0123456789abcdef0',
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIp: '0.0.0.0/0',
      }),
    });
    expect(check(t).map((f) => [f.rule, f.resource])).toEqual([['SSH_OPEN_TO_WORLD', 'In']]);
  });

  it('treats a database without a subnet group as public (default VPC) and one without BackupRetentionPeriod as 1 day', () => {
    const t = clean(
      template({
        Db: secure.database({
          DBSubnetGroupName: undefined,
          PubliclyAccessible: undefined,
          BackupRetentionPeriod: undefined,
        }),
      }),
    );
    expect(rulesOf(t)).toEqual(['DB_BACKUP_RETENTION', 'DB_PUBLIC']);
    expect(check(t).find((f) => f.rule === 'DB_BACKUP_RETENTION')?.message).toContain(
      '1 day (the default)',
    );
  });

  it('flags an instance with no block device mappings and no metadata options', () => {
    const t = clean(
      template({
        Vm: secure.instance({ BlockDeviceMappings: undefined, MetadataOptions: undefined }),
      }),
    );
    expect(rulesOf(t)).toEqual(['EBS_UNENCRYPTED', 'IMDSV1_ALLOWED']);
  });

  it('accepts a Secrets Manager dynamic reference and Sub variables, and finds keys in user data', () => {
    expect(
      rulesOf(
        template({
          Db: secure.database({
            ManageMasterUserPassword: undefined,
            MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}',
          }),
        }),
      ),
    ).toEqual([]);
    const userData = (text: string) =>
      template(
        { Lt: secure.launchTemplate({ UserData: { 'Fn::Base64': { 'Fn::Sub': text } } }) },
        { Parameters: { DbSecretArn: { Type: 'String' } } },
      );
    expect(rulesOf(userData('DB_SECRET_ARN=${DbSecretArn}\nTOKEN=$(curl -s x)\n'))).toEqual([]);
    expect(rulesOf(userData('export DB_PASSWORD=correct-horse\n'))).toEqual(['PLAINTEXT_SECRET']);
    expect(rulesOf(userData('AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n'))).toEqual([
      'PLAINTEXT_SECRET',
    ]);
  });

  it('finds secrets in mappings and outputs too', () => {
    expect(
      check(
        template(
          { B: secure.bucket() },
          { Mappings: { Env: { prod: { Config: 'API_KEY=sk_live_abcdef123' } } } },
        ),
      ).map((f) => f.path.join('.')),
    ).toEqual(['Mappings.Env.prod.Config']);
    expect(
      rulesOf(
        template({ B: secure.bucket() }, { Outputs: { Key: { Value: 'AKIAABCDEFGHIJKLMNOP' } } }),
      ),
    ).toEqual(['PLAINTEXT_SECRET']);
  });

  it('wants NoEcho and no default on secret-looking parameters', () => {
    const t = template(
      { B: secure.bucket() },
      { Parameters: { DbPassword: { Type: 'String', Default: 'changeme123' } } },
    );
    expect(check(t).map((f) => f.path.join('.'))).toEqual([
      'Parameters.DbPassword',
      'Parameters.DbPassword.Default',
    ]);
    expect(
      rulesOf(
        template(
          { B: secure.bucket() },
          { Parameters: { DbPassword: { Type: 'String', NoEcho: true } } },
        ),
      ),
    ).toEqual([]);
  });

  it('allows * resources only for actions that take no resource', () => {
    const finding = check(
      template({
        Role: secure.role([
          { Effect: 'Allow', Action: ['ec2:DescribeTags', 'ssm:GetParameter'], Resource: ['*'] },
        ]),
      }),
    )[0];
    expect(finding.rule).toBe('IAM_WILDCARD_RESOURCE');
    expect(finding.message).toContain('ssm:GetParameter');
    expect(finding.message).not.toContain('ec2:DescribeTags');
  });
});
