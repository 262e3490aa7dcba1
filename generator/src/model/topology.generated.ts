/* Generated from schema/topology.schema.json by `npm run gen:types`. Do not edit. */

/**
 * An IPv4 CIDR block such as `10.0.0.0/16`.
 */
export type Cidr = string;
/**
 * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
 */
export type Name = string;
/**
 * A literal string on one line, or `{ ref: ... }` to a value known at deploy time: `database.endpoint`, `database.port`, `database.name`, `database.username`, `database.secretArn`, `tiers.<name>.urls` (comma-separated `http://ip:port`) `tiers.<name>.addresses` (comma-separated private IPs) of a tier of fixed instances, or `tiers.<name>.url` (`http://<internal load balancer>`) of a tier with `internalLoadBalancer`.
 */
export type EnvValue =
  | string
  | {
      ref: string;
    };
/**
 * A regional WAF web ACL in front of the load balancer: `true`, or settings.
 */
export type Waf =
  | boolean
  | {
      /**
       * Requests one client IP may send in 5 minutes before it is blocked (WAF's rate-based rule). Default 2000.
       */
      rateLimitPer5Min?: number;
    };
/**
 * Tags applied to every resource that supports them. Keys (1–128 characters) and values (up to 256) may use letters, digits, spaces and `_ . : / = + - @`, as AWS allows; keys may not start with `aws:`.
 */
export type TagsOverlay = {
  /**
   * A tag value: up to 256 letters, digits, spaces and `_ . : / = + - @`.
   */
  [k: string]: string | null;
} | null;
/**
 * The VPC: its CIDR, availability zones, NAT gateways and subnet groups.
 */
export type NetworkOverlay = {
  /**
   * The VPC's CIDR block, /16 to /28.
   */
  cidr?: string | null;
  /**
   * Availability zones to spread over, 2 to 6, e.g. `[us-east-1a, us-east-1b]`. Every subnet group has one subnet per zone, in this order.
   *
   * @minItems 2
   * @maxItems 6
   */
  availabilityZones?:
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | null;
  /**
   * `per-az`: one NAT gateway per zone, each zone's private route table uses its own (survives a zone outage). `single`: one NAT gateway in the first zone, shared (cheaper). `none`: no NAT; subnet groups may not use `routing: nat`.
   */
  natGateways?: 'per-az' | 'single' | 'none' | null;
  /**
   * Subnet groups by name (e.g. `public`, `private`, `database`), each with one subnet per availability zone.
   */
  subnets?: {
    [k: string]: SubnetGroupOverlay;
  } | null;
} & NetworkOverlay1;
export type SubnetGroupOverlay = {
  /**
   * `internet`: public subnets, default route to the internet gateway (one shared route table); NAT gateways live in the first such group. `nat`: default route to the zone's NAT gateway (a route table per zone). `isolated`: no default route.
   */
  routing?: 'internet' | 'nat' | 'isolated' | null;
  /**
   * One CIDR per availability zone, in the order of `network.availabilityZones`.
   *
   * @minItems 1
   */
  cidrs?: [Cidr, ...Cidr[]] | null;
} & SubnetGroupOverlay1;
export type SubnetGroupOverlay1 = {
  /**
   * `internet`: public subnets, default route to the internet gateway (one shared route table); NAT gateways live in the first such group. `nat`: default route to the zone's NAT gateway (a route table per zone). `isolated`: no default route.
   */
  routing?: 'internet' | 'nat' | 'isolated' | null;
  /**
   * One CIDR per availability zone, in the order of `network.availabilityZones`.
   *
   * @minItems 1
   */
  cidrs?: [Cidr, ...Cidr[]] | null;
} | null;
export type NetworkOverlay1 = {
  /**
   * The VPC's CIDR block, /16 to /28.
   */
  cidr?: string | null;
  /**
   * Availability zones to spread over, 2 to 6, e.g. `[us-east-1a, us-east-1b]`. Every subnet group has one subnet per zone, in this order.
   *
   * @minItems 2
   * @maxItems 6
   */
  availabilityZones?:
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | null;
  /**
   * `per-az`: one NAT gateway per zone, each zone's private route table uses its own (survives a zone outage). `single`: one NAT gateway in the first zone, shared (cheaper). `none`: no NAT; subnet groups may not use `routing: nat`.
   */
  natGateways?: 'per-az' | 'single' | 'none' | null;
  /**
   * Subnet groups by name (e.g. `public`, `private`, `database`), each with one subnet per availability zone.
   */
  subnets?: {
    [k: string]: SubnetGroupOverlay;
  } | null;
} | null;
export type SecurityGroupOverlay = {
  /**
   * What the group is for; shown in the EC2 console. Letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` only, as EC2 allows.
   */
  description?: string | null;
  /**
   * Inbound rules. Nothing is allowed in unless a rule says so.
   */
  ingress?: IngressRule[] | null;
  /**
   * `all` (the default): all outbound traffic to 0.0.0.0/0. `none`: no outbound traffic.
   */
  egress?: 'all' | 'none' | null;
} & SecurityGroupOverlay1;
export type SecurityGroupOverlay1 = {
  /**
   * What the group is for; shown in the EC2 console. Letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` only, as EC2 allows.
   */
  description?: string | null;
  /**
   * Inbound rules. Nothing is allowed in unless a rule says so.
   */
  ingress?: IngressRule[] | null;
  /**
   * `all` (the default): all outbound traffic to 0.0.0.0/0. `none`: no outbound traffic.
   */
  egress?: 'all' | 'none' | null;
} | null;
/**
 * Permissions of the instances. Every tier gets its own role with these; strata adds only what a tier needs (its artifact, and the database secret to a tier whose environment refers to it).
 */
export type IamOverlay = {
  /**
   * Statements allowed to every tier's role.
   */
  instancePolicy?:
    | {
        /**
         * IAM actions such as `logs:PutLogEvents`.
         *
         * @minItems 1
         */
        actions: [string, ...string[]];
        /**
         * Resource ARNs; `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::Partition}` are substituted.
         *
         * @minItems 1
         */
        resources: [string, ...string[]];
      }[]
    | null;
  /**
   * AWS managed policies attached to every tier's role, by name (`AmazonSSMManagedInstanceCore`).
   */
  managedPolicies?: string[] | null;
} & IamOverlay1;
export type IamOverlay1 = {
  /**
   * Statements allowed to every tier's role.
   */
  instancePolicy?:
    | {
        /**
         * IAM actions such as `logs:PutLogEvents`.
         *
         * @minItems 1
         */
        actions: [string, ...string[]];
        /**
         * Resource ARNs; `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::Partition}` are substituted.
         *
         * @minItems 1
         */
        resources: [string, ...string[]];
      }[]
    | null;
  /**
   * AWS managed policies attached to every tier's role, by name (`AmazonSSMManagedInstanceCore`).
   */
  managedPolicies?: string[] | null;
} | null;
export type TierOverlay = {
  /**
   * The app the instances run: a folder under `apps/` (`frontend`, `backend`).
   */
  app?: string | null;
  /**
   * EC2 instance type.
   */
  instanceType?: string | null;
  /**
   * How many fixed instances (default 1); spread round-robin over the subnet group's zones. Leave it out when the tier has `autoScaling`.
   */
  count?: number | null;
  autoScaling?: AutoScalingOverlay;
  internalLoadBalancer?: InternalLoadBalancerOverlay;
  /**
   * The port the app listens on (its `PORT`).
   */
  port?: number | null;
  /**
   * The subnet group the instances live in.
   */
  subnets?: string | null;
  /**
   * The security group of the instances.
   */
  securityGroup?: string | null;
  /**
   * Root volume size (encrypted gp3).
   */
  volumeSizeGiB?: number | null;
  /**
   * Environment variables of the app's systemd unit. `PORT`, `NODE_ENV` and `AWS_REGION` are set for you.
   */
  environment?: {
    [k: string]: EnvValueOverlay;
  } | null;
} & TierOverlay1;
/**
 * Run the tier as an Auto Scaling group instead of `count` fixed instances: replaced when unhealthy, resized by CPU or schedule, and updated by a rolling update that keeps instances in service (see docs/scaling.md).
 */
export type AutoScalingOverlay = {
  /**
   * Fewest instances, 1 to 100.
   */
  min?: number | null;
  /**
   * Most instances, 2 to 100 (a rolling update needs room for one more).
   */
  max?: number | null;
  /**
   * Instances to run, between `min` and `max`; defaults to `min`. Not rendered when `targetCpuPercent` or `schedules` size the group, so a deploy never undoes them.
   */
  desired?: number | null;
  /**
   * Target tracking: keep the group's average CPU near this percentage.
   */
  targetCpuPercent?: number | null;
  /**
   * Instances a rolling update replaces at a time.
   */
  maxBatchSize?: number | null;
  /**
   * Scheduled size changes, cron in UTC.
   *
   * @maxItems 20
   */
  schedules?:
    | []
    | [Schedule]
    | [Schedule, Schedule]
    | [Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | null;
} & AutoScalingOverlay1;
export type AutoScalingOverlay1 = {
  /**
   * Fewest instances, 1 to 100.
   */
  min?: number | null;
  /**
   * Most instances, 2 to 100 (a rolling update needs room for one more).
   */
  max?: number | null;
  /**
   * Instances to run, between `min` and `max`; defaults to `min`. Not rendered when `targetCpuPercent` or `schedules` size the group, so a deploy never undoes them.
   */
  desired?: number | null;
  /**
   * Target tracking: keep the group's average CPU near this percentage.
   */
  targetCpuPercent?: number | null;
  /**
   * Instances a rolling update replaces at a time.
   */
  maxBatchSize?: number | null;
  /**
   * Scheduled size changes, cron in UTC.
   *
   * @maxItems 20
   */
  schedules?:
    | []
    | [Schedule]
    | [Schedule, Schedule]
    | [Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | null;
} | null;
/**
 * Put the tier behind an internal Application Load Balancer in its own subnets; callers use `{ ref: tiers.<name>.url }`, a stable DNS name that survives replacing or scaling the tier. strata adds the security group rules: every calling tier → the load balancer → the tier.
 */
export type InternalLoadBalancerOverlay = {
  /**
   * Port the load balancer listens on.
   */
  port?: number | null;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number | null;
  healthCheck?: HealthCheckOverlay;
} & InternalLoadBalancerOverlay1;
/**
 * How the load balancer decides an instance is healthy.
 */
export type HealthCheckOverlay = {
  /**
   * HTTP path probed.
   */
  path?: string | null;
  /**
   * Seconds between probes, 5 to 300.
   */
  intervalSeconds?: number | null;
  /**
   * Seconds before a probe fails, 2 to 120; less than the interval.
   */
  timeoutSeconds?: number | null;
  /**
   * Consecutive successes before healthy, 2 to 10.
   */
  healthyThreshold?: number | null;
  /**
   * Consecutive failures before unhealthy, 2 to 10.
   */
  unhealthyThreshold?: number | null;
  /**
   * HTTP codes that count as healthy, e.g. `200` or `200-299`.
   */
  matcher?: string | null;
} & HealthCheckOverlay1;
export type HealthCheckOverlay1 = {
  /**
   * HTTP path probed.
   */
  path?: string | null;
  /**
   * Seconds between probes, 5 to 300.
   */
  intervalSeconds?: number | null;
  /**
   * Seconds before a probe fails, 2 to 120; less than the interval.
   */
  timeoutSeconds?: number | null;
  /**
   * Consecutive successes before healthy, 2 to 10.
   */
  healthyThreshold?: number | null;
  /**
   * Consecutive failures before unhealthy, 2 to 10.
   */
  unhealthyThreshold?: number | null;
  /**
   * HTTP codes that count as healthy, e.g. `200` or `200-299`.
   */
  matcher?: string | null;
} | null;
export type InternalLoadBalancerOverlay1 = {
  /**
   * Port the load balancer listens on.
   */
  port?: number | null;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number | null;
  healthCheck?: HealthCheckOverlay;
} | null;
/**
 * A literal string on one line, or `{ ref: ... }` to a value known at deploy time: `database.endpoint`, `database.port`, `database.name`, `database.username`, `database.secretArn`, `tiers.<name>.urls` (comma-separated `http://ip:port`) `tiers.<name>.addresses` (comma-separated private IPs) of a tier of fixed instances, or `tiers.<name>.url` (`http://<internal load balancer>`) of a tier with `internalLoadBalancer`.
 */
export type EnvValueOverlay =
  | null
  | string
  | {
      ref: string;
    };
export type TierOverlay1 = {
  /**
   * The app the instances run: a folder under `apps/` (`frontend`, `backend`).
   */
  app?: string | null;
  /**
   * EC2 instance type.
   */
  instanceType?: string | null;
  /**
   * How many fixed instances (default 1); spread round-robin over the subnet group's zones. Leave it out when the tier has `autoScaling`.
   */
  count?: number | null;
  autoScaling?: AutoScalingOverlay;
  internalLoadBalancer?: InternalLoadBalancerOverlay;
  /**
   * The port the app listens on (its `PORT`).
   */
  port?: number | null;
  /**
   * The subnet group the instances live in.
   */
  subnets?: string | null;
  /**
   * The security group of the instances.
   */
  securityGroup?: string | null;
  /**
   * Root volume size (encrypted gp3).
   */
  volumeSizeGiB?: number | null;
  /**
   * Environment variables of the app's systemd unit. `PORT`, `NODE_ENV` and `AWS_REGION` are set for you.
   */
  environment?: {
    [k: string]: EnvValueOverlay;
  } | null;
} | null;
/**
 * One RDS database instance, never publicly accessible; the master password is generated and kept by RDS in Secrets Manager.
 */
export type DatabaseOverlay = {
  /**
   * Database engine.
   */
  engine?: 'mysql' | null;
  /**
   * Full engine version such as `8.0.43`; a bare major (`8.0`) is rejected by CloudFormation linters.
   */
  engineVersion?: string | null;
  /**
   * RDS instance class.
   */
  instanceClass?: string | null;
  /**
   * Allocated storage.
   */
  storage?: {
    /**
     * Size in GiB (20 to 65536).
     */
    sizeGiB?: number | null;
    /**
     * Storage type.
     */
    type?: 'gp3' | 'gp2' | 'io1' | 'io2' | null;
    /**
     * Encrypt at rest with the RDS KMS key.
     */
    encrypted?: boolean | null;
  } | null;
  /**
   * Days of automated backups, 0 to 35.
   */
  backupRetentionDays?: number | null;
  /**
   * Keep a synchronous standby in another zone.
   */
  multiAz?: boolean | null;
  /**
   * Name of the database created in the instance.
   */
  name?: string | null;
  /**
   * Master user name; its password is generated by RDS and kept in Secrets Manager.
   */
  username?: string | null;
  /**
   * Port the database listens on.
   */
  port?: number | null;
  /**
   * Subnet group the database lives in; needs subnets in at least two zones.
   */
  subnets?: string | null;
  /**
   * Security group of the database.
   */
  securityGroup?: string | null;
  /**
   * Refuse to delete the instance until this is turned off.
   */
  deletionProtection?: boolean | null;
  /**
   * What CloudFormation does with the instance when the stack or resource is deleted.
   */
  deletionPolicy?: 'Snapshot' | 'Retain' | 'Delete' | null;
  /**
   * Refuse database connections without TLS (`require_secure_transport = ON` in a parameter group); tiers that use the database get `DB_TLS=rds`, so the backend connects with TLS and verifies the server against the Amazon RDS certificate bundle.
   */
  requireTls?: boolean | null;
  /**
   * Create the instance from an RDS snapshot: its identifier or ARN (an ARN for a snapshot shared from another account), or `true` to name it at deploy time with `strata deploy --parameter DatabaseSnapshotIdentifier=<id>`. The snapshot brings its own database, master user and encryption, so `name` and `username` must match the source database; keep the same value on later deploys (a different one restores a new instance and deletes the old).
   */
  restoreFromSnapshot?: string | boolean | null;
} & DatabaseOverlay1;
export type DatabaseOverlay1 = {
  /**
   * Database engine.
   */
  engine?: 'mysql' | null;
  /**
   * Full engine version such as `8.0.43`; a bare major (`8.0`) is rejected by CloudFormation linters.
   */
  engineVersion?: string | null;
  /**
   * RDS instance class.
   */
  instanceClass?: string | null;
  /**
   * Allocated storage.
   */
  storage?: {
    /**
     * Size in GiB (20 to 65536).
     */
    sizeGiB?: number | null;
    /**
     * Storage type.
     */
    type?: 'gp3' | 'gp2' | 'io1' | 'io2' | null;
    /**
     * Encrypt at rest with the RDS KMS key.
     */
    encrypted?: boolean | null;
  } | null;
  /**
   * Days of automated backups, 0 to 35.
   */
  backupRetentionDays?: number | null;
  /**
   * Keep a synchronous standby in another zone.
   */
  multiAz?: boolean | null;
  /**
   * Name of the database created in the instance.
   */
  name?: string | null;
  /**
   * Master user name; its password is generated by RDS and kept in Secrets Manager.
   */
  username?: string | null;
  /**
   * Port the database listens on.
   */
  port?: number | null;
  /**
   * Subnet group the database lives in; needs subnets in at least two zones.
   */
  subnets?: string | null;
  /**
   * Security group of the database.
   */
  securityGroup?: string | null;
  /**
   * Refuse to delete the instance until this is turned off.
   */
  deletionProtection?: boolean | null;
  /**
   * What CloudFormation does with the instance when the stack or resource is deleted.
   */
  deletionPolicy?: 'Snapshot' | 'Retain' | 'Delete' | null;
  /**
   * Refuse database connections without TLS (`require_secure_transport = ON` in a parameter group); tiers that use the database get `DB_TLS=rds`, so the backend connects with TLS and verifies the server against the Amazon RDS certificate bundle.
   */
  requireTls?: boolean | null;
  /**
   * Create the instance from an RDS snapshot: its identifier or ARN (an ARN for a snapshot shared from another account), or `true` to name it at deploy time with `strata deploy --parameter DatabaseSnapshotIdentifier=<id>`. The snapshot brings its own database, master user and encryption, so `name` and `username` must match the source database; keep the same value on later deploys (a different one restores a new instance and deletes the old).
   */
  restoreFromSnapshot?: string | boolean | null;
} | null;
/**
 * One Application Load Balancer.
 */
export type LoadBalancerOverlay = {
  /**
   * Reachable from the internet, or only inside the VPC.
   */
  scheme?: 'internet-facing' | 'internal' | null;
  /**
   * Subnet group of the load balancer; needs subnets in at least two zones.
   */
  subnets?: string | null;
  /**
   * Security group of the load balancer.
   */
  securityGroup?: string | null;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number | null;
  /**
   * Ports the load balancer listens on, each forwarding to one tier.
   *
   * @minItems 1
   */
  listeners?: [Listener, ...Listener[]] | null;
  https?: HttpsOverlay;
  waf?: WafOverlay;
} & LoadBalancerOverlay1;
/**
 * Serve the site over HTTPS on port 443 with a managed certificate; the port-80 listener then answers with a 301 redirect to HTTPS.
 */
export type HttpsOverlay = {
  /**
   * The site's host name, e.g. `www.example.com`.
   */
  domain?: string | null;
  /**
   * Route 53 hosted zone of the domain: strata then creates the certificate's validation record and an alias record for the site, so deploy completes unattended.
   */
  hostedZoneId?: string | null;
  /**
   * An existing ACM certificate (in the stack's region) to use instead of creating one.
   */
  certificateArn?: string | null;
  /**
   * ELB security policy of the HTTPS listener; a TLS 1.3 policy.
   */
  sslPolicy?: string | null;
} & HttpsOverlay1;
export type HttpsOverlay1 = {
  /**
   * The site's host name, e.g. `www.example.com`.
   */
  domain?: string | null;
  /**
   * Route 53 hosted zone of the domain: strata then creates the certificate's validation record and an alias record for the site, so deploy completes unattended.
   */
  hostedZoneId?: string | null;
  /**
   * An existing ACM certificate (in the stack's region) to use instead of creating one.
   */
  certificateArn?: string | null;
  /**
   * ELB security policy of the HTTPS listener; a TLS 1.3 policy.
   */
  sslPolicy?: string | null;
} | null;
/**
 * A regional WAF web ACL in front of the load balancer: `true`, or settings.
 */
export type WafOverlay =
  | boolean
  | {
      /**
       * Requests one client IP may send in 5 minutes before it is blocked (WAF's rate-based rule). Default 2000.
       */
      rateLimitPer5Min?: number;
    };
export type LoadBalancerOverlay1 = {
  /**
   * Reachable from the internet, or only inside the VPC.
   */
  scheme?: 'internet-facing' | 'internal' | null;
  /**
   * Subnet group of the load balancer; needs subnets in at least two zones.
   */
  subnets?: string | null;
  /**
   * Security group of the load balancer.
   */
  securityGroup?: string | null;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number | null;
  /**
   * Ports the load balancer listens on, each forwarding to one tier.
   *
   * @minItems 1
   */
  listeners?: [Listener, ...Listener[]] | null;
  https?: HttpsOverlay;
  waf?: WafOverlay;
} | null;
/**
 * CloudWatch alarms for the reference architecture's metrics, an SNS topic for them, one dashboard, and application and database logs in CloudWatch Logs with a retention. Absent: none of it is rendered.
 */
export type MonitoringOverlay = {
  /**
   * E-mail addresses subscribed to the alarm topic (each must confirm the subscription).
   */
  notify?: string[] | null;
  /**
   * Per-alarm overrides by alarm name: `ec2Cpu`, `ec2NetworkIn`, `ec2NetworkOut`, `ec2DiskRead`, `ec2DiskWrite`, `ec2StatusCheck`, `rdsCpu`, `rdsConnections`, `rdsFreeStorage`, `rdsReadIops`, `rdsWriteIops`, `albRequestCount`, `albTargetResponseTime`, `alb4xx`, `alb5xx`, `albHealthyHosts`, `albUnhealthyHosts`. docs/operate.md lists each alarm's metric and default.
   */
  alarms?: {
    ec2Cpu?: AlarmOverrideOverlay;
    ec2NetworkIn?: AlarmOverrideOverlay;
    ec2NetworkOut?: AlarmOverrideOverlay;
    ec2DiskRead?: AlarmOverrideOverlay;
    ec2DiskWrite?: AlarmOverrideOverlay;
    ec2StatusCheck?: AlarmOverrideOverlay;
    rdsCpu?: AlarmOverrideOverlay;
    rdsConnections?: AlarmOverrideOverlay;
    rdsFreeStorage?: AlarmOverrideOverlay;
    rdsReadIops?: AlarmOverrideOverlay;
    rdsWriteIops?: AlarmOverrideOverlay;
    albRequestCount?: AlarmOverrideOverlay;
    albTargetResponseTime?: AlarmOverrideOverlay;
    alb4xx?: AlarmOverrideOverlay;
    alb5xx?: AlarmOverrideOverlay;
    albHealthyHosts?: AlarmOverrideOverlay;
    albUnhealthyHosts?: AlarmOverrideOverlay;
  } | null;
  /**
   * Days CloudWatch Logs keeps the tiers', the database's and the firewall's logs; one of the values CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
   */
  logRetentionDays?: number | null;
  /**
   * Render the CloudWatch dashboard.
   */
  dashboard?: boolean | null;
} & MonitoringOverlay1;
/**
 * Changes to one alarm; unset fields keep the default.
 */
export type AlarmOverrideOverlay = {
  /**
   * Create this alarm (its metric stays on the dashboard either way).
   */
  enabled?: boolean | null;
  /**
   * The threshold, in the metric's unit (percent, bytes, count, seconds).
   */
  threshold?: number | null;
  /**
   * Length of one evaluation period: 60 or a multiple of 60.
   */
  periodSeconds?: number | null;
  /**
   * Consecutive breaching periods before the alarm fires.
   */
  evaluationPeriods?: number | null;
} & AlarmOverrideOverlay1;
export type AlarmOverrideOverlay1 = {
  /**
   * Create this alarm (its metric stays on the dashboard either way).
   */
  enabled?: boolean | null;
  /**
   * The threshold, in the metric's unit (percent, bytes, count, seconds).
   */
  threshold?: number | null;
  /**
   * Length of one evaluation period: 60 or a multiple of 60.
   */
  periodSeconds?: number | null;
  /**
   * Consecutive breaching periods before the alarm fires.
   */
  evaluationPeriods?: number | null;
} | null;
export type MonitoringOverlay1 = {
  /**
   * E-mail addresses subscribed to the alarm topic (each must confirm the subscription).
   */
  notify?: string[] | null;
  /**
   * Per-alarm overrides by alarm name: `ec2Cpu`, `ec2NetworkIn`, `ec2NetworkOut`, `ec2DiskRead`, `ec2DiskWrite`, `ec2StatusCheck`, `rdsCpu`, `rdsConnections`, `rdsFreeStorage`, `rdsReadIops`, `rdsWriteIops`, `albRequestCount`, `albTargetResponseTime`, `alb4xx`, `alb5xx`, `albHealthyHosts`, `albUnhealthyHosts`. docs/operate.md lists each alarm's metric and default.
   */
  alarms?: {
    ec2Cpu?: AlarmOverrideOverlay;
    ec2NetworkIn?: AlarmOverrideOverlay;
    ec2NetworkOut?: AlarmOverrideOverlay;
    ec2DiskRead?: AlarmOverrideOverlay;
    ec2DiskWrite?: AlarmOverrideOverlay;
    ec2StatusCheck?: AlarmOverrideOverlay;
    rdsCpu?: AlarmOverrideOverlay;
    rdsConnections?: AlarmOverrideOverlay;
    rdsFreeStorage?: AlarmOverrideOverlay;
    rdsReadIops?: AlarmOverrideOverlay;
    rdsWriteIops?: AlarmOverrideOverlay;
    albRequestCount?: AlarmOverrideOverlay;
    albTargetResponseTime?: AlarmOverrideOverlay;
    alb4xx?: AlarmOverrideOverlay;
    alb5xx?: AlarmOverrideOverlay;
    albHealthyHosts?: AlarmOverrideOverlay;
    albUnhealthyHosts?: AlarmOverrideOverlay;
  } | null;
  /**
   * Days CloudWatch Logs keeps the tiers', the database's and the firewall's logs; one of the values CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
   */
  logRetentionDays?: number | null;
  /**
   * Render the CloudWatch dashboard.
   */
  dashboard?: boolean | null;
} | null;

/**
 * One declarative description of an AWS system: network, security groups, IAM, compute tiers, database and load balancer. `strata generate` turns it into one CloudFormation stack per layer.
 */
export interface StrataTopology {
  /**
   * Project name: lower-case letters, digits and single hyphens. Stack names are `<name>-<layer>` and every resource is tagged with it.
   */
  name: string;
  /**
   * AWS region the stacks deploy to, e.g. `us-east-1`. `strata deploy --region` overrides it.
   */
  region: string;
  /**
   * AWS account (12 digits, quoted: `account: '123456789012'`) the stacks must deploy to. `strata deploy` and `strata destroy` check the credentials with STS GetCallerIdentity first and refuse, before any change, when they belong to another account.
   */
  account?: string;
  tags?: Tags;
  network: Network;
  /**
   * Security groups by name. Rules name their source as a CIDR, another group, or a subnet group.
   */
  securityGroups?: {
    [k: string]: SecurityGroup;
  };
  iam?: Iam;
  /**
   * Groups of identical EC2 instances running one app each, by name (e.g. `frontend`).
   */
  tiers?: {
    [k: string]: Tier;
  };
  database?: Database;
  loadBalancer?: LoadBalancer;
  monitoring?: Monitoring;
  /**
   * How `strata deploy` treats the stacks.
   */
  deploy?: {
    /**
     * Turn on stack termination protection for every stack.
     */
    terminationProtection?: boolean;
  };
  /**
   * Settings for `strata cost`: the usage the estimate assumes (printed with every estimate) and which tiers could run on Spot. See docs/cost.md.
   */
  cost?: {
    /**
     * Monthly usage the estimate assumes; each default is printed beside the estimate.
     */
    assumptions?: {
      /**
       * GB a month sent from the system to the internet (the seed's ~100 GB).
       */
      internetEgressGB?: number;
      /**
       * GB a month processed by all NAT gateways together (package downloads, AWS API calls from private subnets), split evenly between them.
       */
      natGatewayDataGB?: number;
      /**
       * Average load balancer capacity units used each hour, per load balancer.
       */
      loadBalancerLcu?: number;
      /**
       * Millions of requests a month inspected by each WAF web ACL.
       */
      wafRequestsMillions?: number;
      /**
       * GB a month of logs sent to CloudWatch Logs by everything together, split evenly between the log sources.
       */
      logIngestionGB?: number;
      /**
       * GB of logs kept in CloudWatch Logs on average, split like the ingestion.
       */
      logStorageGB?: number;
      /**
       * GB of RDS backup storage beyond the free amount (which equals the allocated storage).
       */
      databaseBackupExtraGB?: number;
      /**
       * GB stored in each S3 bucket the templates create.
       */
      s3StorageGB?: number;
      /**
       * Subtract AWS's always-free monthly allowances (100 GB internet egress, 10 alarms, 3 dashboards, 5 GB logs). Turn off when other workloads of the account use them up.
       */
      freeAllowances?: boolean;
    };
    /**
     * Tiers that tolerate an instance being stopped at two minutes' notice; `strata cost --suggest` prices them on Spot. Nothing is launched on Spot by this setting.
     */
    interruptibleTiers?: Name[];
    /**
     * A reference cost table `strata cost` prints beside its estimate, explaining every line that differs by more than the table's threshold: a name under `pricing/reference/` (`seed`: the reference architecture's own table) or a path.
     */
    compareWith?: string;
  };
  /**
   * Settings for `strata lint`.
   */
  lint?: {
    /**
     * Lint findings to silence. Each needs a reason, which the lint report repeats.
     */
    suppress?: {
      /**
       * The rule id, e.g. `ALB_HTTP_ONLY`.
       */
      rule: string;
      /**
       * Only this logical id (e.g. `HttpListener80`); every resource when omitted.
       */
      resource?: string;
      /**
       * Why the finding is acceptable here.
       */
      reason: string;
    }[];
  };
  /**
   * Named environments (e.g. `prod`), each an overlay on this topology: maps merge key by key, lists replace, `null` removes a key. `strata generate --env <name>` renders one into `out/<name>/`; see docs/environments.md.
   */
  environments?: {
    [k: string]: Environment;
  };
}
/**
 * Tags applied to every resource that supports them. Keys (1–128 characters) and values (up to 256) may use letters, digits, spaces and `_ . : / = + - @`, as AWS allows; keys may not start with `aws:`.
 */
export interface Tags {
  /**
   * A tag value: up to 256 letters, digits, spaces and `_ . : / = + - @`.
   */
  [k: string]: string;
}
/**
 * The VPC: its CIDR, availability zones, NAT gateways and subnet groups.
 */
export interface Network {
  /**
   * The VPC's CIDR block, /16 to /28.
   */
  cidr: string;
  /**
   * Availability zones to spread over, 2 to 6, e.g. `[us-east-1a, us-east-1b]`. Every subnet group has one subnet per zone, in this order.
   *
   * @minItems 2
   * @maxItems 6
   */
  availabilityZones:
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string];
  /**
   * `per-az`: one NAT gateway per zone, each zone's private route table uses its own (survives a zone outage). `single`: one NAT gateway in the first zone, shared (cheaper). `none`: no NAT; subnet groups may not use `routing: nat`.
   */
  natGateways?: 'per-az' | 'single' | 'none';
  /**
   * Subnet groups by name (e.g. `public`, `private`, `database`), each with one subnet per availability zone.
   */
  subnets: {
    [k: string]: SubnetGroup;
  };
}
export interface SubnetGroup {
  /**
   * `internet`: public subnets, default route to the internet gateway (one shared route table); NAT gateways live in the first such group. `nat`: default route to the zone's NAT gateway (a route table per zone). `isolated`: no default route.
   */
  routing: 'internet' | 'nat' | 'isolated';
  /**
   * One CIDR per availability zone, in the order of `network.availabilityZones`.
   *
   * @minItems 1
   */
  cidrs: [Cidr, ...Cidr[]];
}
export interface SecurityGroup {
  /**
   * What the group is for; shown in the EC2 console. Letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` only, as EC2 allows.
   */
  description?: string;
  /**
   * Inbound rules. Nothing is allowed in unless a rule says so.
   */
  ingress?: IngressRule[];
  /**
   * `all` (the default): all outbound traffic to 0.0.0.0/0. `none`: no outbound traffic.
   */
  egress?: 'all' | 'none';
}
export interface IngressRule {
  /**
   * The port, or the first port of a range.
   */
  port: number;
  /**
   * The last port of a range; defaults to `port`.
   */
  toPort?: number;
  /**
   * IP protocol.
   */
  protocol?: 'tcp' | 'udp';
  from: RuleSource;
  /**
   * Why the rule exists; shown in the EC2 console. Letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` only, as EC2 allows.
   */
  description?: string;
  /**
   * Required, with a reason, to open an administrative port (22, 3389, databases) to 0.0.0.0/0.
   */
  allowWorld?: string;
}
/**
 * Where traffic may come from: exactly one of `cidr`, `securityGroup` (a group's name) or `subnets` (a subnet group's name: one rule per subnet CIDR).
 */
export interface RuleSource {
  cidr?: Cidr;
  securityGroup?: Name;
  subnets?: Name;
}
/**
 * Permissions of the instances. Every tier gets its own role with these; strata adds only what a tier needs (its artifact, and the database secret to a tier whose environment refers to it).
 */
export interface Iam {
  /**
   * Statements allowed to every tier's role.
   */
  instancePolicy?: {
    /**
     * IAM actions such as `logs:PutLogEvents`.
     *
     * @minItems 1
     */
    actions: [string, ...string[]];
    /**
     * Resource ARNs; `${AWS::Region}`, `${AWS::AccountId}` and `${AWS::Partition}` are substituted.
     *
     * @minItems 1
     */
    resources: [string, ...string[]];
  }[];
  /**
   * AWS managed policies attached to every tier's role, by name (`AmazonSSMManagedInstanceCore`).
   */
  managedPolicies?: string[];
}
export interface Tier {
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  app: string;
  /**
   * EC2 instance type.
   */
  instanceType?: string;
  /**
   * How many fixed instances (default 1); spread round-robin over the subnet group's zones. Leave it out when the tier has `autoScaling`.
   */
  count?: number;
  autoScaling?: AutoScaling;
  internalLoadBalancer?: InternalLoadBalancer;
  /**
   * The port the app listens on (its `PORT`).
   */
  port: number;
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  subnets: string;
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  securityGroup: string;
  /**
   * Root volume size (encrypted gp3).
   */
  volumeSizeGiB?: number;
  /**
   * Environment variables of the app's systemd unit. `PORT`, `NODE_ENV` and `AWS_REGION` are set for you.
   */
  environment?: {
    [k: string]: EnvValue;
  };
}
/**
 * Run the tier as an Auto Scaling group instead of `count` fixed instances: replaced when unhealthy, resized by CPU or schedule, and updated by a rolling update that keeps instances in service (see docs/scaling.md).
 */
export interface AutoScaling {
  /**
   * Fewest instances, 1 to 100.
   */
  min: number;
  /**
   * Most instances, 2 to 100 (a rolling update needs room for one more).
   */
  max: number;
  /**
   * Instances to run, between `min` and `max`; defaults to `min`. Not rendered when `targetCpuPercent` or `schedules` size the group, so a deploy never undoes them.
   */
  desired?: number;
  /**
   * Target tracking: keep the group's average CPU near this percentage.
   */
  targetCpuPercent?: number;
  /**
   * Instances a rolling update replaces at a time.
   */
  maxBatchSize?: number;
  /**
   * Scheduled size changes, cron in UTC.
   *
   * @maxItems 20
   */
  schedules?:
    | []
    | [Schedule]
    | [Schedule, Schedule]
    | [Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule, Schedule]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ]
    | [
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule,
        Schedule
      ];
}
/**
 * A scheduled change of the group's size.
 */
export interface Schedule {
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  name: string;
  /**
   * When, as five cron fields in UTC: minute hour day-of-month month day-of-week (`0 8 * * MON-FRI`).
   */
  cron: string;
  /**
   * New `min` of the group.
   */
  min?: number;
  /**
   * New `max` of the group.
   */
  max?: number;
  /**
   * New desired size of the group.
   */
  desired?: number;
}
/**
 * Put the tier behind an internal Application Load Balancer in its own subnets; callers use `{ ref: tiers.<name>.url }`, a stable DNS name that survives replacing or scaling the tier. strata adds the security group rules: every calling tier → the load balancer → the tier.
 */
export interface InternalLoadBalancer {
  /**
   * Port the load balancer listens on.
   */
  port?: number;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number;
  healthCheck?: HealthCheck;
}
/**
 * How the load balancer decides an instance is healthy.
 */
export interface HealthCheck {
  /**
   * HTTP path probed.
   */
  path?: string;
  /**
   * Seconds between probes, 5 to 300.
   */
  intervalSeconds?: number;
  /**
   * Seconds before a probe fails, 2 to 120; less than the interval.
   */
  timeoutSeconds?: number;
  /**
   * Consecutive successes before healthy, 2 to 10.
   */
  healthyThreshold?: number;
  /**
   * Consecutive failures before unhealthy, 2 to 10.
   */
  unhealthyThreshold?: number;
  /**
   * HTTP codes that count as healthy, e.g. `200` or `200-299`.
   */
  matcher?: string;
}
/**
 * One RDS database instance, never publicly accessible; the master password is generated and kept by RDS in Secrets Manager.
 */
export interface Database {
  /**
   * Database engine.
   */
  engine: 'mysql';
  /**
   * Full engine version such as `8.0.43`; a bare major (`8.0`) is rejected by CloudFormation linters.
   */
  engineVersion: string;
  /**
   * RDS instance class.
   */
  instanceClass: string;
  /**
   * Allocated storage.
   */
  storage?: {
    /**
     * Size in GiB (20 to 65536).
     */
    sizeGiB?: number;
    /**
     * Storage type.
     */
    type?: 'gp3' | 'gp2' | 'io1' | 'io2';
    /**
     * Encrypt at rest with the RDS KMS key.
     */
    encrypted?: boolean;
  };
  /**
   * Days of automated backups, 0 to 35.
   */
  backupRetentionDays?: number;
  /**
   * Keep a synchronous standby in another zone.
   */
  multiAz?: boolean;
  /**
   * Name of the database created in the instance.
   */
  name: string;
  /**
   * Master user name; its password is generated by RDS and kept in Secrets Manager.
   */
  username?: string;
  /**
   * Port the database listens on.
   */
  port?: number;
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  subnets: string;
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  securityGroup: string;
  /**
   * Refuse to delete the instance until this is turned off.
   */
  deletionProtection?: boolean;
  /**
   * What CloudFormation does with the instance when the stack or resource is deleted.
   */
  deletionPolicy?: 'Snapshot' | 'Retain' | 'Delete';
  /**
   * Refuse database connections without TLS (`require_secure_transport = ON` in a parameter group); tiers that use the database get `DB_TLS=rds`, so the backend connects with TLS and verifies the server against the Amazon RDS certificate bundle.
   */
  requireTls?: boolean;
  /**
   * Create the instance from an RDS snapshot: its identifier or ARN (an ARN for a snapshot shared from another account), or `true` to name it at deploy time with `strata deploy --parameter DatabaseSnapshotIdentifier=<id>`. The snapshot brings its own database, master user and encryption, so `name` and `username` must match the source database; keep the same value on later deploys (a different one restores a new instance and deletes the old).
   */
  restoreFromSnapshot?: string | boolean;
}
/**
 * One Application Load Balancer.
 */
export interface LoadBalancer {
  /**
   * Reachable from the internet, or only inside the VPC.
   */
  scheme?: 'internet-facing' | 'internal';
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  subnets: string;
  /**
   * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
   */
  securityGroup: string;
  /**
   * Connection idle timeout.
   */
  idleTimeoutSeconds?: number;
  /**
   * Ports the load balancer listens on, each forwarding to one tier.
   *
   * @minItems 1
   */
  listeners: [Listener, ...Listener[]];
  https?: Https;
  waf?: Waf;
}
export interface Listener {
  /**
   * Port the load balancer listens on.
   */
  port: number;
  /**
   * Listener protocol; HTTPS needs `certificateArn`.
   */
  protocol?: 'HTTP' | 'HTTPS';
  /**
   * ACM certificate for HTTPS listeners.
   */
  certificateArn?: string;
  /**
   * The tier that receives the traffic.
   */
  target: {
    /**
     * A name: lower-case letters, digits and single hyphens, starting with a letter (`frontend`, `api-v2`).
     */
    tier: string;
    /**
     * Port on the instances; defaults to the tier's port.
     */
    port?: number;
    /**
     * Protocol to the instances.
     */
    protocol?: 'HTTP' | 'HTTPS';
    healthCheck?: HealthCheck;
  };
}
/**
 * Serve the site over HTTPS on port 443 with a managed certificate; the port-80 listener then answers with a 301 redirect to HTTPS.
 */
export interface Https {
  /**
   * The site's host name, e.g. `www.example.com`.
   */
  domain: string;
  /**
   * Route 53 hosted zone of the domain: strata then creates the certificate's validation record and an alias record for the site, so deploy completes unattended.
   */
  hostedZoneId?: string;
  /**
   * An existing ACM certificate (in the stack's region) to use instead of creating one.
   */
  certificateArn?: string;
  /**
   * ELB security policy of the HTTPS listener; a TLS 1.3 policy.
   */
  sslPolicy?: string;
}
/**
 * CloudWatch alarms for the reference architecture's metrics, an SNS topic for them, one dashboard, and application and database logs in CloudWatch Logs with a retention. Absent: none of it is rendered.
 */
export interface Monitoring {
  /**
   * E-mail addresses subscribed to the alarm topic (each must confirm the subscription).
   */
  notify?: string[];
  /**
   * Per-alarm overrides by alarm name: `ec2Cpu`, `ec2NetworkIn`, `ec2NetworkOut`, `ec2DiskRead`, `ec2DiskWrite`, `ec2StatusCheck`, `rdsCpu`, `rdsConnections`, `rdsFreeStorage`, `rdsReadIops`, `rdsWriteIops`, `albRequestCount`, `albTargetResponseTime`, `alb4xx`, `alb5xx`, `albHealthyHosts`, `albUnhealthyHosts`. docs/operate.md lists each alarm's metric and default.
   */
  alarms?: {
    ec2Cpu?: AlarmOverride;
    ec2NetworkIn?: AlarmOverride;
    ec2NetworkOut?: AlarmOverride;
    ec2DiskRead?: AlarmOverride;
    ec2DiskWrite?: AlarmOverride;
    ec2StatusCheck?: AlarmOverride;
    rdsCpu?: AlarmOverride;
    rdsConnections?: AlarmOverride;
    rdsFreeStorage?: AlarmOverride;
    rdsReadIops?: AlarmOverride;
    rdsWriteIops?: AlarmOverride;
    albRequestCount?: AlarmOverride;
    albTargetResponseTime?: AlarmOverride;
    alb4xx?: AlarmOverride;
    alb5xx?: AlarmOverride;
    albHealthyHosts?: AlarmOverride;
    albUnhealthyHosts?: AlarmOverride;
  };
  /**
   * Days CloudWatch Logs keeps the tiers', the database's and the firewall's logs; one of the values CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
   */
  logRetentionDays?: number;
  /**
   * Render the CloudWatch dashboard.
   */
  dashboard?: boolean;
}
/**
 * Changes to one alarm; unset fields keep the default.
 */
export interface AlarmOverride {
  /**
   * Create this alarm (its metric stays on the dashboard either way).
   */
  enabled?: boolean;
  /**
   * The threshold, in the metric's unit (percent, bytes, count, seconds).
   */
  threshold?: number;
  /**
   * Length of one evaluation period: 60 or a multiple of 60.
   */
  periodSeconds?: number;
  /**
   * Consecutive breaching periods before the alarm fires.
   */
  evaluationPeriods?: number;
}
/**
 * An environment: an overlay on the base topology. Maps merge key by key, lists replace, `null` removes a key; anything the base sets may be set here.
 */
export interface Environment {
  /**
   * Project name: lower-case letters, digits and single hyphens. Stack names are `<name>-<layer>` and every resource is tagged with it.
   */
  name?: string | null;
  /**
   * AWS region the stacks deploy to, e.g. `us-east-1`. `strata deploy --region` overrides it.
   */
  region?: string | null;
  /**
   * AWS account (12 digits, quoted: `account: '123456789012'`) the stacks must deploy to. `strata deploy` and `strata destroy` check the credentials with STS GetCallerIdentity first and refuse, before any change, when they belong to another account.
   */
  account?: string | null;
  tags?: TagsOverlay;
  network?: NetworkOverlay;
  /**
   * Security groups by name. Rules name their source as a CIDR, another group, or a subnet group.
   */
  securityGroups?: {
    [k: string]: SecurityGroupOverlay;
  } | null;
  iam?: IamOverlay;
  /**
   * Groups of identical EC2 instances running one app each, by name (e.g. `frontend`).
   */
  tiers?: {
    [k: string]: TierOverlay;
  } | null;
  database?: DatabaseOverlay;
  loadBalancer?: LoadBalancerOverlay;
  monitoring?: MonitoringOverlay;
  /**
   * How `strata deploy` treats the stacks.
   */
  deploy?: {
    /**
     * Turn on stack termination protection for every stack.
     */
    terminationProtection?: boolean | null;
  } | null;
  /**
   * Settings for `strata cost`: the usage the estimate assumes (printed with every estimate) and which tiers could run on Spot. See docs/cost.md.
   */
  cost?: {
    /**
     * Monthly usage the estimate assumes; each default is printed beside the estimate.
     */
    assumptions?: {
      /**
       * GB a month sent from the system to the internet (the seed's ~100 GB).
       */
      internetEgressGB?: number | null;
      /**
       * GB a month processed by all NAT gateways together (package downloads, AWS API calls from private subnets), split evenly between them.
       */
      natGatewayDataGB?: number | null;
      /**
       * Average load balancer capacity units used each hour, per load balancer.
       */
      loadBalancerLcu?: number | null;
      /**
       * Millions of requests a month inspected by each WAF web ACL.
       */
      wafRequestsMillions?: number | null;
      /**
       * GB a month of logs sent to CloudWatch Logs by everything together, split evenly between the log sources.
       */
      logIngestionGB?: number | null;
      /**
       * GB of logs kept in CloudWatch Logs on average, split like the ingestion.
       */
      logStorageGB?: number | null;
      /**
       * GB of RDS backup storage beyond the free amount (which equals the allocated storage).
       */
      databaseBackupExtraGB?: number | null;
      /**
       * GB stored in each S3 bucket the templates create.
       */
      s3StorageGB?: number | null;
      /**
       * Subtract AWS's always-free monthly allowances (100 GB internet egress, 10 alarms, 3 dashboards, 5 GB logs). Turn off when other workloads of the account use them up.
       */
      freeAllowances?: boolean | null;
    } | null;
    /**
     * Tiers that tolerate an instance being stopped at two minutes' notice; `strata cost --suggest` prices them on Spot. Nothing is launched on Spot by this setting.
     */
    interruptibleTiers?: Name[] | null;
    /**
     * A reference cost table `strata cost` prints beside its estimate, explaining every line that differs by more than the table's threshold: a name under `pricing/reference/` (`seed`: the reference architecture's own table) or a path.
     */
    compareWith?: string | null;
  } | null;
  /**
   * Settings for `strata lint`.
   */
  lint?: {
    /**
     * Lint findings to silence. Each needs a reason, which the lint report repeats.
     */
    suppress?:
      | {
          /**
           * The rule id, e.g. `ALB_HTTP_ONLY`.
           */
          rule: string;
          /**
           * Only this logical id (e.g. `HttpListener80`); every resource when omitted.
           */
          resource?: string;
          /**
           * Why the finding is acceptable here.
           */
          reason: string;
        }[]
      | null;
  } | null;
}
