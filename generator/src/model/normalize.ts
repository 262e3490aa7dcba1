import type { StrataTopology } from './topology.generated';
import type * as M from './topology';
import { pascal, zoneLetter } from './names';
import { autoScalingOf, healthCheckOf, internalLoadBalancerOf, withServiceGroups } from './scaling';
import { own } from './records';
import { costSettingsOf } from './cost-settings';

type Raw = StrataTopology;

function zonesOf(raw: Raw): M.Zone[] {
  return raw.network.availabilityZones.map((name, index) => ({
    name,
    index,
    letter: zoneLetter(index),
  }));
}

function networkOf(raw: Raw, zones: M.Zone[]): M.Network {
  const groups = Object.entries(raw.network.subnets).map(([name, group]): M.SubnetGroup => ({
    name,
    id: pascal(name),
    routing: group.routing,
    source: `network.subnets.${name}`,
    subnets: group.cidrs.map((cidr, i) => ({
      logicalId: `${pascal(name)}Subnet${zones[i].letter}`,
      zone: zones[i],
      cidr,
      source: `network.subnets.${name}.cidrs[${i}]`,
    })),
  }));
  return {
    cidr: raw.network.cidr,
    zones,
    natGateways: raw.network.natGateways ?? 'per-az',
    groups,
    source: 'network',
  };
}

function ruleSourceId(source: M.RuleSource): string {
  switch (source.kind) {
    case 'group':
      return `${source.groupId}`;
    case 'subnet':
      return source.subnet.logicalId;
    case 'cidr':
      return 'Cidr';
  }
}

function rulesOf(raw: Raw, name: string, network: M.Network): M.IngressRule[] {
  const groupId = pascal(name);
  const rules: M.IngressRule[] = [];
  (own(raw.securityGroups, name)?.ingress ?? []).forEach((rule, i) => {
    const path = `securityGroups.${name}.ingress[${i}]`;
    const from = rule.from;
    const sources: M.RuleSource[] =
      from.cidr !== undefined
        ? [{ kind: 'cidr', cidr: from.cidr }]
        : from.securityGroup !== undefined
          ? [{ kind: 'group', group: from.securityGroup, groupId: pascal(from.securityGroup) }]
          : network.groups
              .find((g) => g.name === from.subnets)!
              .subnets.map((subnet) => ({ kind: 'subnet', group: from.subnets!, subnet }));
    for (const source of sources) {
      const toPort = rule.toPort ?? rule.port;
      const ports = toPort === rule.port ? `${rule.port}` : `${rule.port}To${toPort}`;
      const protocol = rule.protocol ?? 'tcp';
      rules.push({
        logicalId: `${groupId}From${ruleSourceId(source)}${protocol === 'udp' ? 'Udp' : ''}Port${ports}`,
        protocol,
        fromPort: rule.port,
        toPort,
        source,
        description: rule.description ?? '',
        sourcePath: path,
      });
    }
  });
  // Two CIDR rules on one port would share an id; number them in spec order so ids stay stable.
  const seen = new Map<string, number>();
  for (const rule of rules) seen.set(rule.logicalId, (seen.get(rule.logicalId) ?? 0) + 1);
  const counters = new Map<string, number>();
  for (const rule of rules) {
    if ((seen.get(rule.logicalId) ?? 0) < 2) continue;
    const n = (counters.get(rule.logicalId) ?? 0) + 1;
    counters.set(rule.logicalId, n);
    rule.logicalId = `${rule.logicalId}N${n}`;
  }
  return rules;
}

function securityGroupsOf(raw: Raw, network: M.Network): M.SecurityGroup[] {
  return Object.entries(raw.securityGroups ?? {}).map(([name, group]) => ({
    name,
    logicalId: `${pascal(name)}SecurityGroup`,
    description: group.description ?? `${raw.name} ${name}`,
    ingress: rulesOf(raw, name, network),
    egress: group.egress ?? 'all',
    source: `securityGroups.${name}`,
  }));
}

function envRef(ref: string): M.EnvRef {
  const parts = ref.split('.');
  if (parts[0] === 'database')
    return {
      kind: 'database',
      attribute: parts[1] as Extract<M.EnvRef, { kind: 'database' }>['attribute'],
    };
  return { kind: 'tier', tier: parts[1], attribute: parts[2] as 'urls' | 'addresses' | 'url' };
}

function tiersOf(raw: Raw, network: M.Network): M.Tier[] {
  return Object.entries(raw.tiers ?? {}).map(([name, tier]) => {
    const id = pascal(name);
    const group = network.groups.find((g) => g.name === tier.subnets)!;
    const count = tier.count ?? 1;
    const environment = Object.entries(tier.environment ?? {}).map(([key, value]): M.EnvVar => ({
      name: key,
      value:
        typeof value === 'string'
          ? { kind: 'literal', text: value }
          : { kind: 'ref', ref: envRef(value.ref) },
    }));
    return {
      name,
      id,
      app: tier.app,
      appId: pascal(tier.app),
      instanceType: tier.instanceType ?? 't3.micro',
      port: tier.port,
      subnetGroup: tier.subnets,
      securityGroup: tier.securityGroup,
      volumeSizeGiB: tier.volumeSizeGiB ?? 8,
      environment,
      autoScaling: autoScalingOf(name, tier),
      internalLoadBalancer: internalLoadBalancerOf(name, tier),
      instances: Array.from({ length: tier.autoScaling ? 0 : count }, (_, i) => {
        const subnetIndex = i % group.subnets.length;
        return {
          logicalId: `${id}Instance${i + 1}`,
          number: i + 1,
          zone: group.subnets[subnetIndex].zone,
          subnetIndex,
        };
      }),
      readsDatabaseSecret: environment.some(
        (e) =>
          e.value.kind === 'ref' &&
          e.value.ref.kind === 'database' &&
          e.value.ref.attribute === 'secretArn',
      ),
      source: `tiers.${name}`,
    };
  });
}

function databaseOf(raw: Raw): M.Database | undefined {
  const db = raw.database;
  if (!db) return undefined;
  return {
    engine: db.engine,
    engineVersion: db.engineVersion,
    instanceClass: db.instanceClass,
    storage: {
      sizeGiB: db.storage?.sizeGiB ?? 20,
      type: db.storage?.type ?? 'gp3',
      encrypted: db.storage?.encrypted ?? true,
    },
    backupRetentionDays: db.backupRetentionDays ?? 7,
    multiAz: db.multiAz ?? false,
    name: db.name,
    username: db.username ?? 'admin',
    port: db.port ?? 3306,
    subnetGroup: db.subnets,
    securityGroup: db.securityGroup,
    deletionProtection: db.deletionProtection ?? true,
    deletionPolicy: db.deletionPolicy ?? 'Snapshot',
    requireTls: db.requireTls ?? false,
    ...(db.restoreFromSnapshot ? { restoreFromSnapshot: db.restoreFromSnapshot } : {}),
    source: 'database',
  };
}

function loadBalancerOf(raw: Raw, tiers: M.Tier[]): M.LoadBalancer | undefined {
  const lb = raw.loadBalancer;
  if (!lb) return undefined;
  const targetGroups: M.TargetGroup[] = [];
  const listeners = lb.listeners.map((listener, i): M.Listener => {
    const tier = tiers.find((t) => t.name === listener.target.tier)!;
    const port = listener.target.port ?? tier.port;
    const logicalId =
      port === tier.port ? `${tier.id}TargetGroup` : `${tier.id}Port${port}TargetGroup`;
    if (!targetGroups.some((tg) => tg.logicalId === logicalId)) {
      targetGroups.push({
        logicalId,
        tier: tier.name,
        port,
        protocol: listener.target.protocol ?? 'HTTP',
        healthCheck: healthCheckOf(listener.target.healthCheck),
        source: `loadBalancer.listeners[${i}].target`,
      });
    }
    const protocol = listener.protocol ?? 'HTTP';
    return {
      logicalId: `${pascal(protocol.toLowerCase())}Listener${listener.port}`,
      port: listener.port,
      protocol,
      certificateArn: listener.certificateArn,
      // With https on, plain HTTP on port 80 only sends browsers to the HTTPS site.
      action: lb.https && protocol === 'HTTP' && listener.port === 80 ? 'redirect' : 'forward',
      targetGroup: logicalId,
      source: `loadBalancer.listeners[${i}]`,
    };
  });
  const https = httpsOf(raw);
  if (https) listeners.push(httpsListener(https, listeners));
  return {
    scheme: lb.scheme ?? 'internet-facing',
    subnetGroup: lb.subnets,
    securityGroup: lb.securityGroup,
    idleTimeoutSeconds: lb.idleTimeoutSeconds ?? 60,
    https,
    waf: lb.waf
      ? {
          rateLimitPer5Min: (typeof lb.waf === 'object' && lb.waf.rateLimitPer5Min) || 2000,
          source: 'loadBalancer.waf',
        }
      : undefined,
    listeners,
    targetGroups,
    source: 'loadBalancer',
  };
}

/** The TLS policy of HTTPS listeners unless the topology names another: TLS 1.3 and 1.2, hybrid post-quantum key exchange. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

function httpsOf(raw: Raw): M.Https | undefined {
  const https = raw.loadBalancer?.https;
  if (!https) return undefined;
  return {
    domain: https.domain,
    hostedZoneId: https.hostedZoneId,
    certificateArn: https.certificateArn,
    sslPolicy: https.sslPolicy ?? DEFAULT_SSL_POLICY,
    source: 'loadBalancer.https',
  };
}

/** The HTTPS listener `https` adds: port 443, to the port-80 listener's target (else the first's). */
function httpsListener(https: M.Https, listeners: M.Listener[]): M.Listener {
  const from = listeners.find((l) => l.port === 80) ?? listeners[0];
  return {
    logicalId: 'HttpsListener443',
    port: 443,
    protocol: 'HTTPS',
    certificateArn: https.certificateArn,
    managedCertificate: https.certificateArn === undefined,
    action: 'forward',
    targetGroup: from.targetGroup,
    source: https.source,
  };
}

function monitoringOf(raw: Raw): M.Monitoring | undefined {
  const m = raw.monitoring;
  if (!m) return undefined;
  return {
    notify: m.notify ?? [],
    alarms: (m.alarms ?? {}) as M.Monitoring['alarms'],
    logRetentionDays: m.logRetentionDays ?? 30,
    dashboard: m.dashboard ?? true,
    source: 'monitoring',
  };
}

/** Turns a valid topology (rules passed, schema defaults applied) into the model the layers render. */
export function normalize(raw: Raw, specFile: string): M.Model {
  const zones = zonesOf(raw);
  const network = networkOf(raw, zones);
  const tiers = tiersOf(raw, network);
  return {
    name: raw.name,
    region: raw.region,
    specFile,
    tags: Object.entries(raw.tags ?? {}).map(([key, value]) => ({ key, value })),
    network,
    securityGroups: withServiceGroups(securityGroupsOf(raw, network), tiers),
    iam: {
      statements: (raw.iam?.instancePolicy ?? []).map((s) => ({
        actions: s.actions,
        resources: s.resources,
      })),
      managedPolicies: raw.iam?.managedPolicies ?? [],
    },
    tiers,
    database: databaseOf(raw),
    loadBalancer: loadBalancerOf(raw, tiers),
    monitoring: monitoringOf(raw),
    terminationProtection: raw.deploy?.terminationProtection ?? true,
    suppressions: raw.lint?.suppress ?? [],
    cost: costSettingsOf(raw),
  };
}
