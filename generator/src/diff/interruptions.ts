/**
 * Facts the registry schemas do not carry: which in-place updates interrupt a resource, and which
 * attributes change on any update. Each fact names the CloudFormation reference page ("Update requires"
 * line) it comes from, so a reader can check it; add a row when strata emits a new type.
 */

const EC2_INSTANCE =
  'AWS CloudFormation Template Reference, AWS::EC2::Instance: "Update requires: Some interruptions" (EBS-backed instances are stopped and started)';
const RDS_INSTANCE =
  'AWS CloudFormation Template Reference, AWS::RDS::DBInstance: "Update requires: Some interruptions" (the DB instance restarts or fails over)';

/** Properties whose in-place update stops and starts (or restarts) the resource, by type. */
export const INTERRUPTING: Record<string, Record<string, string>> = {
  'AWS::EC2::Instance': {
    InstanceType: EC2_INSTANCE,
    UserData: EC2_INSTANCE,
    EbsOptimized: EC2_INSTANCE,
    Tenancy: EC2_INSTANCE,
    KernelId: EC2_INSTANCE,
    RamdiskId: EC2_INSTANCE,
  },
  'AWS::RDS::DBInstance': {
    DBInstanceClass: RDS_INSTANCE,
    EngineVersion: RDS_INSTANCE,
    Engine: RDS_INSTANCE,
    MultiAZ: RDS_INSTANCE,
  },
};

/** The interruption fact for a changed property path (its top-level property decides), if any. */
export function interruption(type: string, path: string): string | undefined {
  const top = path.split(/[.[]/)[0];
  return INTERRUPTING[type]?.[top];
}

/**
 * Attributes whose value changes on every in-place update, not only on replacement: a launch template's
 * LatestVersionNumber is a new version each time its data changes (AWS::EC2::LaunchTemplate return
 * values); an EC2 instance that is stopped and started gets a new public IP and DNS name unless it has an
 * Elastic IP (Amazon EC2 User Guide, "Public IPv4 addresses").
 */
const CHANGES_ON_UPDATE: Record<string, { attributes: string[]; when: 'modify' | 'interrupt' }> = {
  'AWS::EC2::LaunchTemplate': { attributes: ['LatestVersionNumber'], when: 'modify' },
  'AWS::EC2::Instance': { attributes: ['PublicIp', 'PublicDnsName'], when: 'interrupt' },
};

/** True when an attribute of a resource updated in place (modify or interrupt) gets a new value. */
export function attributeChangesInPlace(
  type: string,
  attribute: string,
  impact: 'modify' | 'interrupt',
): boolean {
  const rule = CHANGES_ON_UPDATE[type];
  if (!rule || !rule.attributes.includes(attribute)) return false;
  return rule.when === 'modify' || impact === 'interrupt';
}
