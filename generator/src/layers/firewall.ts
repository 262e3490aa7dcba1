import { getAtt, ref, sub } from '../cfn/intrinsics';
import type { Layer, LayerBase } from './types';

/** One AWS managed rule group of the web ACL. */
interface ManagedGroup {
  name: string;
  priority: number;
  metric: string;
}

/** Template data of the firewall layer. */
export interface FirewallData extends LayerBase {
  rateLimit: number;
  managedGroups: ManagedGroup[];
  logGroupName: string;
  retentionDays: number;
}

/**
 * The AWS managed rule groups, in evaluation order: the cheap IP reputation list first, so known bad
 * sources are dropped before the larger rule sets run.
 */
const MANAGED_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/** A regional WAF web ACL on the load balancer: a per-IP rate limit, four managed rule groups, logs. */
export const firewallLayer: Layer<FirewallData> = {
  name: 'firewall',
  partials: ['web-acl', 'waf-logging'],
  applies: (model) => model.loadBalancer?.waf !== undefined,
  toTemplateData(model) {
    const waf = model.loadBalancer!.waf!;
    return {
      layer: 'firewall',
      description: `${model.name} firewall: WAF web ACL with AWS managed rules and a limit of ${waf.rateLimitPer5Min} requests per IP per 5 minutes`,
      parameters: [
        {
          name: 'LoadBalancerArn',
          type: 'String',
          description: 'The load balancer (load-balancer stack)',
        },
      ],
      outputs: [
        { name: 'WebAclArn', value: getAtt('WebAcl', 'Arn'), description: 'The WAF web ACL' },
        {
          name: 'WafLogGroupName',
          value: ref('WafLogGroup'),
          description: 'Where WAF logs requests it blocks or counts',
        },
      ],
      resources: {
        WebAcl: waf.source,
        WebAclAssociation: waf.source,
        WafLogGroup: waf.source,
        WafLogging: waf.source,
      },
      tags: model.tags,
      rateLimit: waf.rateLimitPer5Min,
      managedGroups: MANAGED_GROUPS.map((name, i) => ({ name, priority: i + 1, metric: name })),
      // WAF only logs to groups whose name starts with aws-waf-logs-.
      logGroupName: sub('aws-waf-logs-${AWS::StackName}'),
      retentionDays: model.monitoring?.logRetentionDays ?? 30,
    };
  },
};
