import type { HealthCheck } from '../model/topology';
import { getAtt, ref, selectFrom, sub, type Yaml } from '../cfn/intrinsics';
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
    certificateArn?: string;
    sslPolicy: string;
    targetGroup: string;
  }>;
}

/** TLS policy for HTTPS listeners: TLS 1.3 with 1.2 fallback. */
const SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** The Application Load Balancer, its target groups (instances of a tier) and listeners. */
export const loadBalancerLayer: Layer<LoadBalancerData> = {
  name: 'load-balancer',
  partials: ['load-balancer', 'target-groups', 'listeners'],
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
    const scheme = lb.listeners.some((l) => l.protocol === 'HTTPS') ? 'https' : 'http';
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
          value: sub(`${scheme}://\${LoadBalancer.DNSName}`),
          description: 'URL of the site',
        },
        {
          name: 'LoadBalancerArn',
          value: ref('LoadBalancer'),
          description: 'ARN of the load balancer',
        },
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
        ...l,
        certificateArn: l.certificateArn,
        sslPolicy: SSL_POLICY,
      })),
    };
  },
};
