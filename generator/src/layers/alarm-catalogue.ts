import type { AlarmName, AlarmOverride, Database, Model } from '../model/topology';

/** Which resource an alarm watches, which decides its dimensions. */
export type AlarmScope = 'instance' | 'database' | 'load-balancer' | 'target-group';

/** One alarm kind with its default threshold; `monitoring.alarms.<name>` may change the numbers. */
export interface AlarmSpec {
  name: AlarmName;
  scope: AlarmScope;
  namespace: 'AWS/EC2' | 'AWS/RDS' | 'AWS/ApplicationELB';
  /** One metric, or several summed by metric math (5xx from targets and from the load balancer). */
  metrics: string[];
  statistic: 'Average' | 'Sum' | 'Maximum' | 'Minimum' | 'p95';
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
  /** Traffic counts report nothing when there is no traffic: that is not a breach. */
  missingData: 'notBreaching' | 'breaching' | 'missing';
  /** Short human description for the alarm's AlarmDescription. */
  what: string;
}

const GIB = 1024 ** 3;

/** Memory of an RDS class in GiB, from its size; unknown sizes get the smallest guess. */
function classMemoryGiB(instanceClass: string): number {
  const [, family, size] = instanceClass.split('.');
  const tSizes: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8 };
  if (family.startsWith('t')) return tSizes[size] ?? 1;
  const perLarge = family.startsWith('r') || family.startsWith('x') ? 16 : 8;
  if (size === 'large') return perLarge;
  const n = size === 'xlarge' ? 1 : Number.parseInt(size, 10) || 1;
  return perLarge * 2 * n;
}

/** 80% of MySQL's default max_connections on RDS ({DBInstanceClassMemory/12582880}). */
export function connectionThreshold(db: Pick<Database, 'instanceClass'>): number {
  const max = Math.floor((classMemoryGiB(db.instanceClass) * GIB) / 12582880);
  return Math.max(1, Math.floor(max * 0.8));
}

/** 80% of the storage's baseline IOPS: gp3 3000, gp2 3 per GiB (at least 100), io1/io2 3000 assumed. */
export function iopsThreshold(db: Pick<Database, 'storage'>): number {
  const baseline = db.storage.type === 'gp2' ? Math.max(100, 3 * db.storage.sizeGiB) : 3000;
  return Math.floor(baseline * 0.8);
}

type Base = Omit<AlarmSpec, 'name' | 'threshold'> & { threshold?: number };

const over = (
  scope: AlarmScope,
  namespace: AlarmSpec['namespace'],
  metrics: string[],
  statistic: AlarmSpec['statistic'],
  what: string,
  periods = 3,
): Base => ({
  scope,
  namespace,
  metrics,
  statistic,
  comparison: 'GreaterThanThreshold',
  periodSeconds: 300,
  evaluationPeriods: periods,
  missingData: 'notBreaching',
  what,
});

type Default = Base & { threshold: number };

const ec2Sum = (metric: string, what: string): Default => ({
  ...over('instance', 'AWS/EC2', [metric], 'Sum', what),
  threshold: 2 * GIB,
});
const ALB = 'AWS/ApplicationELB' as const;

/** Alarms on EC2 instances (or auto-scaling groups). */
const EC2_ALARMS = {
  ec2Cpu: {
    ...over('instance', 'AWS/EC2', ['CPUUtilization'], 'Average', 'CPU above'),
    threshold: 80,
    missingData: 'missing',
  },
  ec2NetworkIn: ec2Sum('NetworkIn', 'bytes received per period above'),
  ec2NetworkOut: ec2Sum('NetworkOut', 'bytes sent per period above'),
  ec2DiskRead: ec2Sum('EBSReadBytes', 'EBS bytes read per period above'),
  ec2DiskWrite: ec2Sum('EBSWriteBytes', 'EBS bytes written per period above'),
  ec2StatusCheck: {
    ...over('instance', 'AWS/EC2', ['StatusCheckFailed'], 'Maximum', 'status check failed', 2),
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    periodSeconds: 60,
    missingData: 'breaching',
  },
} satisfies Record<string, Default>;

/** Alarms on the load balancer and its target groups. */
const ALB_ALARMS = {
  albRequestCount: {
    ...over('load-balancer', ALB, ['RequestCount'], 'Sum', 'requests per period above', 2),
    threshold: 60000,
  },
  albTargetResponseTime: {
    ...over('load-balancer', ALB, ['TargetResponseTime'], 'p95', 'p95 response time (s) above'),
    threshold: 1,
  },
  alb4xx: {
    ...over(
      'load-balancer',
      ALB,
      ['HTTPCode_Target_4XX_Count'],
      'Sum',
      '4xx responses per period above',
      2,
    ),
    threshold: 100,
  },
  alb5xx: {
    ...over(
      'load-balancer',
      ALB,
      ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count'],
      'Sum',
      '5xx responses per period above',
      2,
    ),
    threshold: 10,
  },
  albHealthyHosts: {
    ...over('target-group', ALB, ['HealthyHostCount'], 'Minimum', 'healthy hosts below', 2),
    comparison: 'LessThanThreshold',
    threshold: 1,
    periodSeconds: 60,
    missingData: 'breaching',
  },
  albUnhealthyHosts: {
    ...over('target-group', ALB, ['UnHealthyHostCount'], 'Maximum', 'unhealthy hosts above', 2),
    threshold: 0,
    periodSeconds: 60,
  },
} satisfies Record<string, Default>;

/** Alarms on the database, whose thresholds follow its class and storage. */
function rdsAlarms(db: Database | undefined) {
  const iops = db ? iopsThreshold(db) : 2400;
  const rds = (metric: string, stat: AlarmSpec['statistic'], what: string, periods = 3) =>
    over('database', 'AWS/RDS', [metric], stat, what, periods);
  return {
    rdsCpu: {
      ...rds('CPUUtilization', 'Average', 'CPU above'),
      threshold: 80,
      missingData: 'missing',
    },
    rdsConnections: {
      ...rds('DatabaseConnections', 'Maximum', 'connections above'),
      threshold: db ? connectionThreshold(db) : 50,
    },
    rdsFreeStorage: {
      ...rds('FreeStorageSpace', 'Minimum', 'free storage below', 1),
      comparison: 'LessThanThreshold',
      threshold: Math.floor((db?.storage.sizeGiB ?? 20) * GIB * 0.1),
      missingData: 'missing',
    },
    rdsReadIops: { ...rds('ReadIOPS', 'Average', 'read IOPS above'), threshold: iops },
    rdsWriteIops: { ...rds('WriteIOPS', 'Average', 'write IOPS above'), threshold: iops },
  } satisfies Record<string, Default>;
}

/** Every alarm with its default, in the order they are rendered. */
function defaults(db: Database | undefined): Record<AlarmName, Default> {
  return { ...EC2_ALARMS, ...rdsAlarms(db), ...ALB_ALARMS };
}

function applyOverride(
  name: AlarmName,
  base: Base & { threshold: number },
  o: AlarmOverride = {},
): AlarmSpec {
  return {
    ...base,
    name,
    threshold: o.threshold ?? base.threshold,
    periodSeconds: o.periodSeconds ?? base.periodSeconds,
    evaluationPeriods: o.evaluationPeriods ?? base.evaluationPeriods,
  };
}

/** The alarms a model asks for: every known one its resources have, minus those turned off. */
export function alarmSpecs(model: Model): AlarmSpec[] {
  const overrides = model.monitoring?.alarms ?? {};
  const present: Record<AlarmScope, boolean> = {
    instance: model.tiers.length > 0,
    database: model.database !== undefined,
    'load-balancer': model.loadBalancer !== undefined,
    'target-group': model.loadBalancer !== undefined,
  };
  return Object.entries(defaults(model.database))
    .map(([name, base]) => applyOverride(name as AlarmName, base, overrides[name as AlarmName]))
    .filter((spec) => present[spec.scope] && overrides[spec.name]?.enabled !== false);
}
