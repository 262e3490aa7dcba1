import { defineRule, finding, listOf, resourcesOfType } from './rule-helpers';

/** Policies that still allow TLS 1.0 or 1.1 (ELB's CloudFormation default is ELBSecurityPolicy-2016-08). */
function weakPolicy(policy: unknown): boolean {
  return typeof policy !== 'string' || !/TLS13|TLS-1-2/.test(policy);
}

/** An HTTPS listener that accepts TLS versions older than 1.2. */
export const albWeakTlsPolicy = defineRule(
  {
    id: 'ALB_WEAK_TLS_POLICY',
    severity: 'error',
    summary: 'HTTPS listener allows TLS older than 1.2 (or names no policy)',
    topology: ['/loadBalancer.https.sslPolicy', '/loadBalancer.https'],
  },
  (template, self) =>
    resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::Listener')
      .filter((l) => l.props.Protocol === 'HTTPS' && weakPolicy(l.props.SslPolicy))
      .map((l) =>
        finding(
          self,
          l.id,
          [...l.base, l.props.SslPolicy === undefined ? 'Protocol' : 'SslPolicy'],
          l.props.SslPolicy === undefined
            ? `${l.id} names no SslPolicy, so ELB uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0`
            : `${l.id} uses ${String(l.props.SslPolicy)}, which accepts TLS older than 1.2`,
          'use a TLS 1.3 policy such as ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (`loadBalancer.https.sslPolicy`)',
        ),
      ),
);

/** A log group that keeps everything forever: an ever-growing bill and no retention policy. */
export const logGroupNoRetention = defineRule(
  {
    id: 'LOG_GROUP_NO_RETENTION',
    severity: 'warning',
    summary: 'CloudWatch log group kept forever (no RetentionInDays)',
    topology: ['/monitoring.logRetentionDays'],
  },
  (template, self) =>
    resourcesOfType(template, 'AWS::Logs::LogGroup')
      .filter((g) => g.props.RetentionInDays === undefined)
      .map((g) =>
        finding(
          self,
          g.id,
          g.base,
          `${g.id} never expires its logs`,
          'set `monitoring.logRetentionDays` in the topology (strata sets RetentionInDays from it)',
        ),
      ),
);

/** An alarm that changes state with nobody told. */
export const alarmNoAction = defineRule(
  {
    id: 'ALARM_NO_ACTION',
    severity: 'warning',
    summary: 'CloudWatch alarm with no AlarmActions',
    topology: ['/monitoring.notify'],
  },
  (template, self) =>
    resourcesOfType(template, 'AWS::CloudWatch::Alarm')
      .filter((a) => listOf(a.props.AlarmActions).length === 0)
      .map((a) =>
        finding(
          self,
          a.id,
          a.base,
          `${a.id} has no AlarmActions: it fires silently`,
          'point it at the alerts stack’s AlarmTopic and add `monitoring.notify` addresses',
        ),
      ),
);

/** A web ACL whose blocked requests leave no trace. */
export const wafNoLogging = defineRule(
  {
    id: 'WAF_NO_LOGGING',
    severity: 'warning',
    summary: 'WAF web ACL without a logging configuration in its template',
    topology: ['/loadBalancer.waf'],
  },
  (template, self) => {
    const logged = new Set(
      resourcesOfType(template, 'AWS::WAFv2::LoggingConfiguration').map((c) => {
        // `!GetAtt Acl.Arn` reads as ['Acl', 'Arn']; the long form may also be 'Acl.Arn'.
        const arn = c.props.ResourceArn as Record<string, unknown> | undefined;
        const att = arn?.['Fn::GetAtt'];
        return String(Array.isArray(att) ? att[0] : att).split('.')[0];
      }),
    );
    return resourcesOfType(template, 'AWS::WAFv2::WebACL')
      .filter((acl) => !logged.has(acl.id))
      .map((acl) =>
        finding(
          self,
          acl.id,
          acl.base,
          `${acl.id} logs nothing: blocked requests cannot be investigated`,
          'add an AWS::WAFv2::LoggingConfiguration to a log group named aws-waf-logs-…',
        ),
      );
  },
);
