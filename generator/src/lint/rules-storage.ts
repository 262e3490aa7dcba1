import {
  defineRule,
  dig,
  finding,
  isTrue,
  listOf,
  resourcesOfType,
  type Matched,
} from './rule-helpers';
import type { RawFinding, TemplatePath } from './types';

const DB_TYPES = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'];

/** Instances of an Aurora cluster take encryption and protection from the cluster, so only the cluster is checked. */
function standaloneDatabases(template: Parameters<typeof resourcesOfType>[0]): Matched[] {
  return resourcesOfType(template, ...DB_TYPES).filter(
    (db) => db.type === 'AWS::RDS::DBCluster' || db.props.DBClusterIdentifier === undefined,
  );
}

/** A database reachable from the internet. */
export const dbPublic = defineRule(
  { id: 'DB_PUBLIC', severity: 'error', summary: 'RDS instance publicly accessible' },
  (template, self) =>
    resourcesOfType(template, 'AWS::RDS::DBInstance').flatMap((db) => {
      // Without a subnet group RDS uses the default VPC, where the default is public.
      const publicByDefault =
        db.props.PubliclyAccessible === undefined &&
        db.props.DBSubnetGroupName === undefined &&
        db.props.DBClusterIdentifier === undefined;
      if (!isTrue(db.props.PubliclyAccessible) && !publicByDefault) return [];
      return [
        finding(
          self,
          db.id,
          publicByDefault ? ['Resources', db.id] : [...db.base, 'PubliclyAccessible'],
          publicByDefault
            ? `${db.id} has no DBSubnetGroupName, so it lands in the default VPC, publicly accessible`
            : `${db.id} is publicly accessible from the internet`,
          'keep the database in private database subnets with PubliclyAccessible: false',
        ),
      ];
    }),
);

/** A database whose storage is not encrypted at rest. */
export const dbUnencrypted = defineRule(
  {
    id: 'DB_UNENCRYPTED',
    severity: 'error',
    summary: 'RDS storage not encrypted',
    topology: ['storage.encrypted', 'storage'],
  },
  (template, self) =>
    standaloneDatabases(template)
      // A restored instance inherits encryption from its snapshot (CloudFormation forbids setting it).
      .filter(
        (db) => !isTrue(db.props.StorageEncrypted) && db.props.DBSnapshotIdentifier === undefined,
      )
      .map((db) =>
        finding(
          self,
          db.id,
          [...db.base, 'StorageEncrypted'],
          `${db.id} stores data unencrypted (StorageEncrypted is not true)`,
          'set `database.storage.encrypted: true` in the topology',
        ),
      ),
);

/** A database that one stack delete or console click can remove. */
export const dbDeletionProtection = defineRule(
  {
    id: 'DB_NO_DELETION_PROTECTION',
    severity: 'warning',
    summary: 'RDS without deletion protection',
    topology: ['deletionProtection'],
  },
  (template, self) =>
    standaloneDatabases(template)
      .filter((db) => !isTrue(db.props.DeletionProtection))
      .map((db) =>
        finding(
          self,
          db.id,
          [...db.base, 'DeletionProtection'],
          `${db.id} has no deletion protection`,
          'set `database.deletionProtection: true` in the topology (the default)',
        ),
      ),
);

/** Fewer than seven days of automated backups (CloudFormation's default is one). */
export const dbBackupRetention = defineRule(
  {
    id: 'DB_BACKUP_RETENTION',
    severity: 'warning',
    summary: 'RDS backups kept under 7 days',
    topology: ['backupRetentionDays'],
  },
  (template, self) =>
    standaloneDatabases(template).flatMap((db) => {
      const value = db.props.BackupRetentionPeriod;
      const days = value === undefined ? 1 : Number(value);
      if (!Number.isFinite(days) || days >= 7) return [];
      return [
        finding(
          self,
          db.id,
          [...db.base, 'BackupRetentionPeriod'],
          `${db.id} keeps automated backups for ${days} day${days === 1 ? '' : 's'}${value === undefined ? ' (the default)' : ''}; keep at least 7`,
          'set `database.backupRetentionDays: 7` or more in the topology',
        ),
      ];
    }),
);

function unencryptedMappings(mappings: unknown, base: TemplatePath): TemplatePath[] {
  return listOf(mappings).flatMap((m, i) =>
    dig(m, 'Ebs') !== undefined && !isTrue(dig(m, 'Ebs', 'Encrypted')) ? [[...base, i, 'Ebs']] : [],
  );
}

function ebsFindings(
  self: Parameters<typeof finding>[0],
  r: Matched,
  mappings: unknown,
  base: TemplatePath,
): RawFinding[] {
  if (mappings === undefined) {
    return [
      finding(
        self,
        r.id,
        base,
        `${r.id} leaves its root volume as the AMI has it, unencrypted unless the account enforces EBS encryption`,
        'declare the root volume in BlockDeviceMappings with Ebs.Encrypted: true',
      ),
    ];
  }
  return unencryptedMappings(mappings, base).map((path) =>
    finding(
      self,
      r.id,
      path,
      `${r.id} has an EBS volume without Encrypted: true`,
      'set Ebs.Encrypted: true on every block device mapping',
    ),
  );
}

/** EBS volumes (instance, launch template, launch configuration, standalone) without encryption. */
export const ebsUnencrypted = defineRule(
  { id: 'EBS_UNENCRYPTED', severity: 'error', summary: 'EBS volume not encrypted' },
  (template, self) => [
    // An instance built from a launch template is checked on the launch template.
    ...resourcesOfType(template, 'AWS::EC2::Instance', 'AWS::AutoScaling::LaunchConfiguration')
      .filter((r) => r.props.LaunchTemplate === undefined)
      .flatMap((r) =>
        ebsFindings(self, r, r.props.BlockDeviceMappings, [...r.base, 'BlockDeviceMappings']),
      ),
    ...resourcesOfType(template, 'AWS::EC2::LaunchTemplate').flatMap((r) =>
      ebsFindings(self, r, dig(r.props, 'LaunchTemplateData', 'BlockDeviceMappings'), [
        ...r.base,
        'LaunchTemplateData',
        'BlockDeviceMappings',
      ]),
    ),
    ...resourcesOfType(template, 'AWS::EC2::Volume')
      .filter((r) => !isTrue(r.props.Encrypted))
      .map((r) =>
        finding(
          self,
          r.id,
          [...r.base, 'Encrypted'],
          `${r.id} is not encrypted`,
          'set Encrypted: true',
        ),
      ),
  ],
);

/** A bucket without an explicit default encryption. */
export const bucketUnencrypted = defineRule(
  { id: 'BUCKET_UNENCRYPTED', severity: 'error', summary: 'S3 bucket without default encryption' },
  (template, self) =>
    resourcesOfType(template, 'AWS::S3::Bucket')
      .filter(
        (b) =>
          listOf(dig(b.props, 'BucketEncryption', 'ServerSideEncryptionConfiguration')).length ===
          0,
      )
      .map((b) =>
        finding(
          self,
          b.id,
          [...b.base, 'BucketEncryption'],
          `${b.id} declares no default encryption`,
          'add BucketEncryption with SSEAlgorithm AES256 or aws:kms',
        ),
      ),
);

const PUBLIC_ACCESS_FLAGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/** A bucket whose public access block is missing or partial. */
export const bucketPublicAccess = defineRule(
  {
    id: 'BUCKET_PUBLIC_ACCESS',
    severity: 'error',
    summary: 'S3 bucket without a full public access block',
  },
  (template, self) =>
    resourcesOfType(template, 'AWS::S3::Bucket').flatMap((b) => {
      const missing = PUBLIC_ACCESS_FLAGS.filter(
        (flag) => !isTrue(dig(b.props, 'PublicAccessBlockConfiguration', flag)),
      );
      if (missing.length === 0) return [];
      return [
        finding(
          self,
          b.id,
          [...b.base, 'PublicAccessBlockConfiguration'],
          `${b.id} does not block public access (${missing.join(', ')} not true)`,
          'set all four PublicAccessBlockConfiguration flags to true',
        ),
      ];
    }),
);
