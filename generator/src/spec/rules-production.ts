import type { StrataTopology } from '../model/topology.generated';
import type { Diagnostic } from '../errors';

/** A problem found by a rule, before it is given a source position. */
export type Finding = Omit<Diagnostic, 'position' | 'sourceLine'> & { key?: boolean };

type Rule = (t: StrataTopology, report: (f: Finding) => void) => void;

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy); anything else is refused at deploy. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** CloudWatch refuses an alarm whose periods add up to more than a day. */
const MAX_ALARM_WINDOW_SECONDS = 86400;

const error = (code: string, path: string, message: string, fix: string): Finding => ({
  code,
  severity: 'error',
  path,
  message,
  fix,
});

/** https adds the 443 listener itself, and the load balancer's group must let browsers reach it. */
const httpsListener: Rule = (t, report) => {
  const lb = t.loadBalancer;
  if (!lb?.https) return;
  lb.listeners.forEach((l, i) => {
    if (l.port === 443)
      report(
        error(
          'https/port-taken',
          `loadBalancer.listeners[${i}].port`,
          '`loadBalancer.https` adds the HTTPS listener on port 443, and this listener already uses it',
          'remove this listener: https forwards port 443 to the port-80 listener’s tier',
        ),
      );
  });
  const ingress = t.securityGroups?.[lb.securityGroup]?.ingress ?? [];
  const open = ingress.some(
    (r) => (r.protocol ?? 'tcp') === 'tcp' && r.port <= 443 && 443 <= (r.toPort ?? r.port),
  );
  if (!open)
    report(
      error(
        'https/port-closed',
        'loadBalancer.https',
        `security group \`${lb.securityGroup}\` of the load balancer does not admit port 443`,
        `add \`{ port: 443, from: { cidr: 0.0.0.0/0 } }\` to securityGroups.${lb.securityGroup}.ingress`,
      ),
    );
};

/** The nearest value CloudWatch accepts, to suggest in place of one it would refuse. */
export function nearestRetention(days: number): number {
  return LOG_RETENTION_DAYS.reduce((best, d) =>
    Math.abs(d - days) < Math.abs(best - days) ? d : best,
  );
}

const monitoringSettings: Rule = (t, report) => {
  const m = t.monitoring;
  if (!m) return;
  const days = m.logRetentionDays;
  if (days !== undefined && !LOG_RETENTION_DAYS.includes(days))
    report(
      error(
        'monitoring/log-retention',
        'monitoring.logRetentionDays',
        `CloudWatch Logs does not accept a retention of ${days} days`,
        `use ${nearestRetention(days)} (the allowed values are ${LOG_RETENTION_DAYS.join(', ')})`,
      ),
    );
  for (const [name, alarm] of Object.entries(m.alarms ?? {})) {
    const window = (alarm.periodSeconds ?? 300) * (alarm.evaluationPeriods ?? 1);
    if (window > MAX_ALARM_WINDOW_SECONDS)
      report(
        error(
          'monitoring/alarm-window',
          `monitoring.alarms.${name}`,
          `periodSeconds × evaluationPeriods is ${window} seconds; CloudWatch allows at most one day (86400)`,
          'shorten the period or evaluate fewer periods',
        ),
      );
  }
  if ((m.notify ?? []).length === 0)
    report({
      code: 'monitoring/no-notify',
      severity: 'warning',
      path: 'monitoring',
      message: 'alarms will fire with nobody notified: `monitoring.notify` is empty',
      fix: 'add `notify: [you@example.com]`, or subscribe to the AlarmTopic output another way',
    });
};

/** A TLS-only database refuses a tier told to connect without TLS; say so before deploy, not at 3 am. */
const tlsOnlyDatabase: Rule = (t, report) => {
  if (!t.database?.requireTls) return;
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    const value = tier.environment?.DB_TLS;
    if (typeof value === 'string' && value.trim().toLowerCase() === 'off')
      report(
        error(
          'database/tls-off',
          `tiers.${name}.environment.DB_TLS`,
          '`database.requireTls` refuses connections without TLS, and this tier turns TLS off',
          'remove DB_TLS: strata sets DB_TLS=rds for tiers that use the database',
        ),
      );
  }
};

/** Rules of the production settings (https, monitoring, database TLS). */
export const PRODUCTION_RULES: readonly Rule[] = [
  httpsListener,
  monitoringSettings,
  tlsOnlyDatabase,
];
