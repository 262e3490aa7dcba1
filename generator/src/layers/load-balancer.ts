import type { HealthCheck, LoadBalancer, Model } from '../model/topology';
import { DEFAULT_SSL_POLICY } from '../model/normalize';
import { getAtt, ref, selectFrom, sub, yamlString, type Yaml } from '../cfn/intrinsics';
import type { Output } from './types';
import { withName, type Layer, type LayerBase, type Parameter } from './types';

type Tags = Array<{ key: string; value: string }>;

/** Template data of the load-balancer layer. */
export interface LoadBalancerData extends LayerBase {
  alb: {
    scheme: string;
    subnetsParam: string;
    securityGroupParam: string;
    idleTimeoutSeconds: number;
    tags: Tags;
  };
  targetGroups: Array<{
    logicalId: string;
    port: number;
    protocol: string;
    healthCheck: HealthCheck;
    targets: Array<{ id: Yaml; port: number }>;
    tags: Tags;
  }>;
  listeners: Array<{
    logicalId: string;
    port: number;
    protocol: string;
    /** YAML flow text: a quoted ARN, or `!Ref CertificateArn` for the certificate stack's. */
    certificate?: Yaml;
    sslPolicy: string;
    redirect: boolean;
    targetGroup: string;
  }>;
  /** The Route 53 alias of the site, when `https.hostedZoneId` is given. */
  siteRecord?: { hostedZoneId: string; domain: string };
}

/** CloudWatch dimensions of the load balancer and its target groups, for the monitoring stack. */
function metricOutputs(model: Model, lb: LoadBalancer): Output[] {
  if (!model.monitoring) return [];
  return [
    {
      name: 'LoadBalancerFullName',
      value: getAtt('LoadBalancer', 'LoadBalancerFullName'),
      description: 'Full name of the load balancer (its CloudWatch dimension)',
    },
    ...lb.targetGroups.map((tg) => ({
      name: `${tg.logicalId}FullName`,
      value: getAtt(tg.logicalId, 'TargetGroupFullName'),
      description: `Full name of ${tg.logicalId} (its CloudWatch dimension)`,
    })),
  ];
}

/** The Application Load Balancer, its target groups (instances of a tier) and listeners. */
export const loadBalancerLayer: Layer<LoadBalancerData> = {
  name: 'load-balancer',
  partials: ['load-balancer', 'target-groups', 'listeners', 'site-record'],
  exports: { siteUrl: 'SiteUrl' },
  applies: (model) => model.loadBalancer !== undefined,
  toTemplateData(model) {
    const lb = model.loadBalancer!;
    const group = model.network.groups.find((g) => g.name === lb.subnetGroup)!;
    const sg = model.securityGroups.find((g) => g.name === lb.securityGroup)!;
    const parameters: Parameter[] = [
      { name: 'VpcId', type: 'AWS::EC2::VPC::Id', description: 'The VPC (network stack)' },
      {
        name: `${group.id}SubnetIds`,
        type: 'List<AWS::EC2::Subnet::Id>',
        description: `Subnets of the ${group.name} group (network stack)`,
      },
      {
        name: `${sg.logicalId}Id`,
        type: 'AWS::EC2::SecurityGroup::Id',
        description: `Security group ${sg.name} (security stack)`,
      },
    ];
    const resources: Record<string, string> = { LoadBalancer: lb.source };
    const targetGroups = lb.targetGroups.map((tg) => {
      const tier = model.tiers.find((t) => t.name === tg.tier)!;
      const idsParam = `${tier.id}InstanceIds`;
      if (!parameters.some((p) => p.name === idsParam)) {
        parameters.push({
          name: idsParam,
          type: 'List<AWS::EC2::Instance::Id>',
          description: `Instances of the ${tier.name} tier (compute stack)`,
        });
      }
      resources[tg.logicalId] = tg.source;
      return {
        logicalId: tg.logicalId,
        port: tg.port,
        protocol: tg.protocol,
        healthCheck: tg.healthCheck,
        targets: tier.instances.map((_, i) => ({ id: selectFrom(i, idsParam), port: tg.port })),
        tags: withName(model, `${model.name}-${tier.name}`),
      };
    });
    for (const l of lb.listeners) resources[l.logicalId] = l.source;
    if (lb.https?.hostedZoneId) resources.SiteAliasRecord = lb.https.source;
    if (lb.listeners.some((l) => l.managedCertificate))
      parameters.push({
        name: 'CertificateArn',
        type: 'String',
        description: `Certificate of ${lb.https!.domain} (certificate stack)`,
      });
    const scheme = lb.listeners.some((l) => l.protocol === 'HTTPS') ? 'https' : 'http';
    const siteUrl = lb.https
      ? yamlString(`https://${lb.https.domain}`)
      : sub(`${scheme}://\${LoadBalancer.DNSName}`);
    return {
      layer: 'load-balancer',
      description: `${model.name} load balancer: ${lb.scheme} ALB, listeners ${lb.listeners.map((l) => `${l.protocol} ${l.port}`).join(', ')}`,
      parameters,
      outputs: [
        {
          name: 'LoadBalancerDnsName',
          value: getAtt('LoadBalancer', 'DNSName'),
          description: 'DNS name of the load balancer',
        },
        {
          name: 'SiteUrl',
          value: siteUrl,
          description: 'URL of the site',
        },
        {
          name: 'LoadBalancerArn',
          value: ref('LoadBalancer'),
          description: 'ARN of the load balancer',
        },
        ...metricOutputs(model, lb),
      ],
      resources,
      tags: model.tags,
      alb: {
        scheme: lb.scheme,
        subnetsParam: `${group.id}SubnetIds`,
        securityGroupParam: `${sg.logicalId}Id`,
        idleTimeoutSeconds: lb.idleTimeoutSeconds,
        tags: withName(model, `${model.name}-alb`),
      },
      targetGroups,
      listeners: lb.listeners.map((l) => ({
        logicalId: l.logicalId,
        port: l.port,
        protocol: l.protocol,
        certificate: l.managedCertificate
          ? ref('CertificateArn')
          : l.certificateArn !== undefined
            ? yamlString(l.certificateArn)
            : undefined,
        sslPolicy: lb.https?.sslPolicy ?? DEFAULT_SSL_POLICY,
        redirect: l.action === 'redirect',
        targetGroup: l.targetGroup,
      })),
      siteRecord: lb.https?.hostedZoneId
        ? { hostedZoneId: lb.https.hostedZoneId, domain: lb.https.domain }
        : undefined,
    };
  },
};
