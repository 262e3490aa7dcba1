import type { Listener, Model } from '../model/topology';
import { DEFAULT_SSL_POLICY } from '../model/normalize';
import { getAtt, ref, sub, yamlString, type Yaml } from '../cfn/intrinsics';
import {
  withName,
  type Layer,
  type LayerBase,
  type Output,
  type Parameter,
  type StackWait,
} from './types';

type Tags = Array<{ key: string; value: string }>;

/** One Application Load Balancer as the template writes it. */
interface AlbData {
  logicalId: string;
  scheme: string;
  subnetsParam: string;
  securityGroupParam: string;
  idleTimeoutSeconds: number;
  tags: Tags;
}

/** Template data of the load-balancer layer. */
export interface LoadBalancerData extends LayerBase {
  /** The topology's own (public) load balancer, logical id `LoadBalancer`. */
  alb?: AlbData;
  /** Internal load balancers in front of tiers other tiers call. */
  internalAlbs: AlbData[];
  listeners: Array<{
    logicalId: string;
    loadBalancer: string;
    port: number;
    protocol: string;
    /** YAML flow text: a quoted ARN, or `!Ref CertificateArn` for the certificate stack's. */
    certificate?: Yaml;
    sslPolicy: string;
    /** Answers with a 301 to HTTPS instead of waiting for a tier's rule. */
    redirect: boolean;
  }>;
  /** The Route 53 alias of the site, when `https.hostedZoneId` is given. */
  siteRecord?: { hostedZoneId: string; domain: string };
}

/** The load balancer's CloudWatch dimension, for the monitoring stack (target groups': compute's). */
function metricOutputs(model: Model): Output[] {
  if (!model.monitoring || !model.loadBalancer) return [];
  return [
    {
      name: 'LoadBalancerFullName',
      value: getAtt('LoadBalancer', 'LoadBalancerFullName'),
      description: 'Full name of the load balancer (its CloudWatch dimension)',
    },
  ];
}

function albBase(model: Model, params: Parameter[], subnets: string, sgName: string): AlbData {
  const group = model.network.groups.find((g) => g.name === subnets)!;
  const sg = model.securityGroups.find((g) => g.name === sgName)!;
  const add = (p: Parameter) => params.some((q) => q.name === p.name) || params.push(p);
  add({
    name: `${group.id}SubnetIds`,
    type: 'List<AWS::EC2::Subnet::Id>',
    description: `Subnets of the ${group.name} group (network stack)`,
  });
  add({
    name: `${sg.logicalId}Id`,
    type: 'AWS::EC2::SecurityGroup::Id',
    description: `Security group ${sg.name} (security stack)`,
  });
  return {
    logicalId: '',
    scheme: '',
    subnetsParam: `${group.id}SubnetIds`,
    securityGroupParam: `${sg.logicalId}Id`,
    idleTimeoutSeconds: 60,
    tags: [],
  };
}

function listenerData(
  model: Model,
  l: Listener,
  loadBalancer: string,
): LoadBalancerData['listeners'][number] {
  return {
    logicalId: l.logicalId,
    loadBalancer,
    port: l.port,
    protocol: l.protocol,
    certificate: l.managedCertificate
      ? ref('CertificateArn')
      : l.certificateArn !== undefined
        ? yamlString(l.certificateArn)
        : undefined,
    sslPolicy: model.loadBalancer?.https?.sslPolicy ?? DEFAULT_SSL_POLICY,
    redirect: l.action === 'redirect',
  };
}

/** Outputs: each listener's ARN (tiers attach to it), the public site URL, internal tier URLs. */
function outputsOf(model: Model, data: Omit<LoadBalancerData, keyof LayerBase>) {
  const listeners = data.listeners
    .filter((l) => !l.redirect)
    .map((l) => ({
      name: `${l.logicalId}Arn`,
      value: ref(l.logicalId),
      description: `Listener ${l.protocol} ${l.port} of ${l.loadBalancer} (compute attaches its target groups)`,
    }));
  const lb = model.loadBalancer;
  const scheme = lb?.listeners.some((l) => l.protocol === 'HTTPS') ? 'https' : 'http';
  const siteUrl = lb?.https
    ? yamlString(`https://${lb.https.domain}`)
    : sub(`${scheme}://\${LoadBalancer.DNSName}`);
  const site = lb
    ? [
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
      ]
    : [];
  const internal = model.tiers.flatMap((t) => {
    const ilb = t.internalLoadBalancer;
    if (!ilb) return [];
    const port = ilb.listener.port === 80 ? '' : `:${ilb.listener.port}`;
    return [
      {
        name: `${t.id}ServiceUrl`,
        value: sub(`http://\${${ilb.logicalId}.DNSName}${port}`),
        description: `Stable URL of the ${t.name} tier, through its internal load balancer`,
      },
    ];
  });
  return [...listeners, ...site, ...metricOutputs(model), ...internal];
}

/**
 * The Application Load Balancers and their listeners. Tiers attach themselves (their target groups
 * and listener rules live in the compute stack), so this stack needs only the network and the
 * security groups and deploys beside the database instead of after the instances.
 */
export const loadBalancerLayer: Layer<LoadBalancerData> = {
  name: 'load-balancer',
  partials: ['load-balancer', 'internal-load-balancers', 'listeners', 'site-record'],
  exports: { siteUrl: 'SiteUrl' },
  applies: (model) =>
    model.loadBalancer !== undefined || model.tiers.some((t) => t.internalLoadBalancer),
  toTemplateData(model) {
    const parameters: Parameter[] = [];
    const resources: Record<string, string> = {};
    const lb = model.loadBalancer;
    const data: Omit<LoadBalancerData, keyof LayerBase> = {
      alb: undefined,
      internalAlbs: [],
      listeners: [],
      siteRecord: undefined,
    };
    if (lb) {
      const base = albBase(model, parameters, lb.subnetGroup, lb.securityGroup);
      data.alb = {
        ...base,
        logicalId: 'LoadBalancer',
        scheme: lb.scheme,
        idleTimeoutSeconds: lb.idleTimeoutSeconds,
        tags: withName(model, `${model.name}-alb`),
      };
      resources.LoadBalancer = lb.source;
      for (const l of lb.listeners) {
        data.listeners.push(listenerData(model, l, 'LoadBalancer'));
        resources[l.logicalId] = l.source;
      }
      if (lb.https?.hostedZoneId) {
        resources.SiteAliasRecord = lb.https.source;
        data.siteRecord = { hostedZoneId: lb.https.hostedZoneId, domain: lb.https.domain };
      }
      if (lb.listeners.some((l) => l.managedCertificate))
        parameters.push({
          name: 'CertificateArn',
          type: 'String',
          description: `Certificate of ${lb.https!.domain} (certificate stack)`,
        });
    }
    for (const tier of model.tiers) {
      const ilb = tier.internalLoadBalancer;
      if (!ilb) continue;
      const base = albBase(model, parameters, ilb.subnetGroup, ilb.securityGroup);
      data.internalAlbs.push({
        ...base,
        logicalId: ilb.logicalId,
        scheme: 'internal',
        idleTimeoutSeconds: ilb.idleTimeoutSeconds,
        tags: withName(model, `${model.name}-${tier.name}-alb`),
      });
      resources[ilb.logicalId] = ilb.source;
      data.listeners.push(listenerData(model, ilb.listener, ilb.logicalId));
      resources[ilb.listener.logicalId] = ilb.listener.source;
    }
    const waitsFor: StackWait[] =
      lb?.scheme === 'internet-facing'
        ? [
            {
              layer: 'gateways',
              reason: 'an internet-facing load balancer needs the internet gateway attached',
            },
          ]
        : [];
    const names = [...(data.alb ? ['public'] : []), ...data.internalAlbs.map(() => 'internal')];
    return {
      layer: 'load-balancer',
      description: `${model.name} load balancers: ${names.join(', ')}; listeners ${data.listeners.map((l) => `${l.protocol} ${l.port}`).join(', ')}`,
      parameters,
      outputs: outputsOf(model, data),
      resources,
      tags: model.tags,
      waitsFor,
      ...data,
    };
  },
};
