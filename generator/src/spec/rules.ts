import { canonical, contains, formatCidr, overlaps, parseCidr, type Cidr } from '../model/cidr';
import type { StrataTopology } from '../model/topology.generated';
import { SCALING_RULES } from './scaling-rules';
import { didYouMean } from '../util/suggest';
import { PRODUCTION_RULES, type Finding } from './rules-production';
import { LAUNCH_TEMPLATE_NAME_MAX, launchTemplateNameLength, RESERVED_ENV } from '../model/boot';
import { own } from '../model/records';
import { AWS_RULES } from './rules-aws';

export type { Finding };

type Rule = (t: StrataTopology, report: (f: Finding) => void) => void;

const error = (
  code: string,
  path: string,
  message: string,
  fix: string,
  key?: boolean,
): Finding => ({ code, severity: 'error', path, message, fix, key });
const warning = (code: string, path: string, message: string, fix: string): Finding => ({
  code,
  severity: 'warning',
  path,
  message,
  fix,
});

/** Ports that must never face the whole internet without a stated reason. */
const ADMIN_PORTS = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [6379, 'Redis'],
]);

/** `10.0.01.0/24`: the schema's digits pattern allows it, AWS does not; `false` when reported. */
function withoutLeadingZeros(text: string, path: string, report: (f: Finding) => void): boolean {
  if (!/(^|[./])0\d/.test(text)) return true;
  report(
    error(
      'cidr/leading-zero',
      path,
      `\`${text}\` has a number with a leading zero`,
      `write \`${text.replace(/(^|[./])0+(?=\d)/g, '$1')}\`; AWS refuses leading zeros (some tools read them as octal)`,
    ),
  );
  return false;
}

function cidrChecked(text: string, path: string, report: (f: Finding) => void): Cidr | undefined {
  if (!withoutLeadingZeros(text, path, report)) return undefined;
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    report(
      error(
        'cidr/invalid',
        path,
        `\`${text}\` ${parsed}`,
        'write an IPv4 CIDR such as 10.0.1.0/24',
      ),
    );
    return undefined;
  }
  const fixed = canonical(parsed);
  if (fixed.base !== parsed.base) {
    report(
      error(
        'cidr/not-canonical',
        path,
        `\`${text}\` has host bits set`,
        `write \`${formatCidr(fixed)}\`, the block AWS would store`,
      ),
    );
    return undefined;
  }
  return parsed;
}

const vpcCidr: Rule = (t, report) => {
  const vpc = cidrChecked(t.network.cidr, 'network.cidr', report);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 28)) {
    report(
      error(
        'cidr/vpc-size',
        'network.cidr',
        `a VPC CIDR must be /16 to /28, not /${vpc.prefix}`,
        'choose a prefix length from 16 to 28',
      ),
    );
  }
};

const subnetCidrs: Rule = (t, report) => {
  const vpc = parseCidr(t.network.cidr);
  const zones = t.network.availabilityZones.length;
  const placed: Array<{ cidr: Cidr; path: string }> = [];
  for (const [name, group] of Object.entries(t.network.subnets)) {
    if (group.cidrs.length !== zones) {
      report(
        error(
          'subnets/one-per-zone',
          `network.subnets.${name}.cidrs`,
          `has ${group.cidrs.length} CIDR${group.cidrs.length === 1 ? '' : 's'} for ${zones} availability zones`,
          `give exactly one CIDR per zone in network.availabilityZones (${zones})`,
        ),
      );
    }
    group.cidrs.forEach((text, i) => {
      const path = `network.subnets.${name}.cidrs[${i}]`;
      const cidr = cidrChecked(text, path, report);
      if (!cidr) return;
      if (cidr.prefix < 16 || cidr.prefix > 28) {
        report(
          error(
            'cidr/subnet-size',
            path,
            `a subnet must be /16 to /28, not /${cidr.prefix}`,
            'choose a prefix length from 16 to 28',
          ),
        );
      }
      if (typeof vpc !== 'string' && !contains(vpc, cidr)) {
        report(
          error(
            'subnets/outside-vpc',
            path,
            `\`${text}\` is outside the VPC ${t.network.cidr}`,
            `choose a block inside ${t.network.cidr}`,
          ),
        );
      }
      const clash = placed.find((p) => overlaps(p.cidr, cidr));
      if (clash)
        report(
          error(
            'subnets/overlap',
            path,
            `\`${text}\` overlaps ${clash.path} (${formatCidr(clash.cidr)})`,
            'give every subnet its own block',
          ),
        );
      placed.push({ cidr, path });
    });
  }
};

const natRouting: Rule = (t, report) => {
  const groups = Object.entries(t.network.subnets);
  const nat = t.network.natGateways ?? 'per-az';
  if (nat !== 'none' && !groups.some(([, g]) => g.routing === 'internet')) {
    report(
      error(
        'nat/no-public-subnets',
        'network.natGateways',
        'NAT gateways need a subnet group with `routing: internet` to live in',
        'add a public subnet group, or set `natGateways: none`',
      ),
    );
  }
  for (const [name, group] of groups) {
    if (group.routing === 'nat' && nat === 'none') {
      report(
        error(
          'nat/none',
          `network.subnets.${name}.routing`,
          'routes through a NAT gateway, but `network.natGateways` is `none`',
          'set `natGateways: single` or `per-az`, or use `routing: isolated`',
        ),
      );
    }
  }
};

function checkName(
  kind: string,
  name: string,
  known: string[],
  path: string,
  report: (f: Finding) => void,
): boolean {
  if (known.includes(name)) return true;
  report(
    error(
      `ref/unknown-${kind.replace(/ /g, '-')}`,
      path,
      `no ${kind} named \`${name}\``,
      didYouMean(name, known) || `define it first`,
    ),
  );
  return false;
}

const references: Rule = (t, report) => {
  const groups = Object.keys(t.securityGroups ?? {});
  const subnets = Object.keys(t.network.subnets);
  const tiers = Object.keys(t.tiers ?? {});
  for (const [name, sg] of Object.entries(t.securityGroups ?? {})) {
    (sg.ingress ?? []).forEach((rule, i) => {
      const path = `securityGroups.${name}.ingress[${i}].from`;
      if (rule.from.securityGroup !== undefined)
        checkName(
          'security group',
          rule.from.securityGroup,
          groups,
          `${path}.securityGroup`,
          report,
        );
      if (rule.from.subnets !== undefined)
        checkName('subnet group', rule.from.subnets, subnets, `${path}.subnets`, report);
    });
  }
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    checkName('subnet group', tier.subnets, subnets, `tiers.${name}.subnets`, report);
    checkName('security group', tier.securityGroup, groups, `tiers.${name}.securityGroup`, report);
  }
  for (const owner of ['database', 'loadBalancer'] as const) {
    const item = t[owner];
    if (!item) continue;
    checkName('subnet group', item.subnets, subnets, `${owner}.subnets`, report);
    checkName('security group', item.securityGroup, groups, `${owner}.securityGroup`, report);
  }
  t.loadBalancer?.listeners.forEach((l, i) =>
    checkName('tier', l.target.tier, tiers, `loadBalancer.listeners[${i}].target.tier`, report),
  );
};

const environmentRefs: Rule = (t, report) => {
  const tiers = Object.keys(t.tiers ?? {});
  const edges = new Map<string, string[]>();
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    for (const [key, value] of Object.entries(tier.environment ?? {})) {
      if (typeof value === 'string') continue;
      const path = `tiers.${name}.environment.${key}.ref`;
      const [kind, target] = value.ref.split('.');
      if (kind === 'database' && !t.database) {
        report(
          error(
            'ref/no-database',
            path,
            `refers to \`${value.ref}\` but the topology has no database`,
            'add a `database:` section or remove the variable',
          ),
        );
      } else if (kind === 'tiers' && target === name) {
        report(
          error(
            'ref/self',
            path,
            `tier \`${name}\` refers to its own instances`,
            'refer to another tier',
          ),
        );
      } else if (kind === 'tiers' && checkName('tier', target, tiers, path, report)) {
        // A `url` goes through a load balancer, not the instances, so it orders nothing.
        if (!value.ref.endsWith('.url')) edges.set(name, [...(edges.get(name) ?? []), target]);
      }
    }
    for (const k of RESERVED_ENV.filter((key) => own(tier.environment, key) !== undefined)) {
      report(
        error(
          'env/reserved',
          `tiers.${name}.environment.${k}`,
          `\`${k}\` is set by strata`,
          `remove it; ${k === 'PORT' ? "set the tier's `port` instead" : 'strata sets it for every app'}`,
          true,
        ),
      );
    }
  }
  // Tier A's instances must exist before tier B's user data can name them, so refs may not loop.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (tier: string, trail: string[]): void => {
    if (done.has(tier)) return;
    if (visiting.has(tier)) {
      const loop = [...trail.slice(trail.indexOf(tier)), tier];
      report(
        error(
          'ref/cycle',
          `tiers.${loop[0]}.environment`,
          `tiers refer to each other in a loop: ${loop.join(' → ')}`,
          "break the loop: one of these tiers must not need the other's addresses",
        ),
      );
      return;
    }
    visiting.add(tier);
    for (const next of edges.get(tier) ?? []) visit(next, [...trail, tier]);
    visiting.delete(tier);
    done.add(tier);
  };
  for (const tier of edges.keys()) visit(tier, []);
};

function zonesOfGroup(t: StrataTopology, group: string): number {
  return own(t.network.subnets, group)?.cidrs.length ?? 0;
}

const placement: Rule = (t, report) => {
  const db = t.database;
  const dbGroup = db && own(t.network.subnets, db.subnets);
  if (db && dbGroup) {
    if (zonesOfGroup(t, db.subnets) < 2) {
      report(
        error(
          'database/one-zone',
          'database.subnets',
          'RDS needs subnets in at least two availability zones',
          'use a subnet group with a subnet in two or more zones',
        ),
      );
    }
    if (dbGroup.routing === 'internet') {
      report(
        error(
          'database/public-subnets',
          'database.subnets',
          `\`${db.subnets}\` routes to the internet gateway; a database must not live in public subnets`,
          'use a subnet group with `routing: nat` or `isolated`',
        ),
      );
    }
  }
  const lb = t.loadBalancer;
  const lbGroup = lb && own(t.network.subnets, lb.subnets);
  if (lb && lbGroup) {
    if (zonesOfGroup(t, lb.subnets) < 2) {
      report(
        error(
          'load-balancer/one-zone',
          'loadBalancer.subnets',
          'an Application Load Balancer needs subnets in at least two zones',
          'use a subnet group spanning two or more zones',
        ),
      );
    }
    if ((lb.scheme ?? 'internet-facing') === 'internet-facing' && lbGroup.routing !== 'internet') {
      report(
        error(
          'load-balancer/not-public',
          'loadBalancer.subnets',
          `an internet-facing load balancer must be in subnets with \`routing: internet\`; \`${lb.subnets}\` is \`${lbGroup.routing}\``,
          'choose a public subnet group, or set `scheme: internal`',
        ),
      );
    }
  }
};

/** Whether a group admits traffic on a port from another group; unknown groups are reported elsewhere, so they pass. */
function admits(
  t: StrataTopology,
  group: string,
  port: number,
  from: { securityGroup?: string },
): boolean {
  const target = own(t.securityGroups, group);
  if (!target || (from.securityGroup !== undefined && !own(t.securityGroups, from.securityGroup)))
    return true;
  return (target.ingress ?? []).some(
    (rule) =>
      port >= rule.port &&
      port <= (rule.toPort ?? rule.port) &&
      (rule.protocol ?? 'tcp') === 'tcp' &&
      (rule.from.securityGroup === from.securityGroup || rule.from.cidr === '0.0.0.0/0'),
  );
}

const reachability: Rule = (t, report) => {
  const lb = t.loadBalancer;
  lb?.listeners.forEach((listener, i) => {
    const tier = own(t.tiers, listener.target.tier);
    if (!tier) return;
    const port = listener.target.port ?? tier.port;
    if (!admits(t, tier.securityGroup, port, { securityGroup: lb.securityGroup })) {
      report(
        error(
          'load-balancer/target-blocked',
          `loadBalancer.listeners[${i}].target`,
          `security group \`${tier.securityGroup}\` of tier \`${listener.target.tier}\` does not admit the load balancer on port ${port}`,
          `add \`{ port: ${port}, from: { securityGroup: ${lb.securityGroup} } }\` to securityGroups.${tier.securityGroup}.ingress`,
        ),
      );
    }
    if (listener.protocol === 'HTTPS' && !listener.certificateArn) {
      report(
        error(
          'load-balancer/https-certificate',
          `loadBalancer.listeners[${i}]`,
          'an HTTPS listener needs a certificate',
          'add `certificateArn:` with an ACM certificate ARN',
        ),
      );
    }
    const hc = listener.target.healthCheck;
    if (hc && (hc.timeoutSeconds ?? 5) >= (hc.intervalSeconds ?? 30)) {
      report(
        error(
          'load-balancer/health-timeout',
          `loadBalancer.listeners[${i}].target.healthCheck.timeoutSeconds`,
          'the timeout must be shorter than the interval',
          'lower `timeoutSeconds` or raise `intervalSeconds`',
        ),
      );
    }
  });
  const ports = new Map<number, number>();
  lb?.listeners.forEach((l, i) => {
    if (ports.has(l.port))
      report(
        error(
          'load-balancer/duplicate-port',
          `loadBalancer.listeners[${i}].port`,
          `port ${l.port} already has a listener (listeners[${ports.get(l.port)}])`,
          'give each listener its own port',
        ),
      );
    ports.set(l.port, i);
  });
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    for (const [key, value] of Object.entries(tier.environment ?? {})) {
      if (typeof value === 'string') continue;
      const [kind, target] = value.ref.split('.');
      const callee = kind === 'tiers' ? own(t.tiers, target) : undefined;
      if (
        callee &&
        value.ref.endsWith('.urls') &&
        !admits(t, callee.securityGroup, callee.port, { securityGroup: tier.securityGroup })
      ) {
        report(
          warning(
            'reach/tier-blocked',
            `tiers.${name}.environment.${key}`,
            `tier \`${name}\` calls \`${target}\` on port ${callee.port}, but security group \`${callee.securityGroup}\` does not admit \`${tier.securityGroup}\``,
            `add \`{ port: ${callee.port}, from: { securityGroup: ${tier.securityGroup} } }\` to securityGroups.${callee.securityGroup}.ingress`,
          ),
        );
      }
      if (
        kind === 'database' &&
        t.database &&
        !admits(t, t.database.securityGroup, t.database.port ?? 3306, {
          securityGroup: tier.securityGroup,
        })
      ) {
        report(
          warning(
            'reach/database-blocked',
            `tiers.${name}.environment.${key}`,
            `tier \`${name}\` uses the database, but security group \`${t.database.securityGroup}\` does not admit \`${tier.securityGroup}\` on port ${t.database.port ?? 3306}`,
            `add \`{ port: ${t.database.port ?? 3306}, from: { securityGroup: ${tier.securityGroup} } }\` to securityGroups.${t.database.securityGroup}.ingress`,
          ),
        );
      }
    }
  }
};

const bootEgress: Rule = (t, report) => {
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    if (own(t.network.subnets, tier.subnets)?.routing !== 'isolated') continue;
    report(
      warning(
        'reach/no-egress',
        `tiers.${name}.subnets`,
        `\`${tier.subnets}\` is isolated, so the instances cannot install Node.js or fetch their app at boot`,
        'place the tier in subnets with `routing: nat` (or `internet`)',
      ),
    );
  }
};

const launchTemplateNames: Rule = (t, report) => {
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    const called = new Set(
      Object.values(tier.environment ?? {}).flatMap((v) =>
        typeof v === 'object' && v.ref.startsWith('tiers.') ? [v.ref.split('.')[1]] : [],
      ),
    );
    const length = launchTemplateNameLength(t.name, tier.app, called.size);
    if (length > LAUNCH_TEMPLATE_NAME_MAX) {
      report(
        error(
          'compute/name-too-long',
          `tiers.${name}`,
          `the launch template name of tier \`${name}\` could reach ${length} characters; EC2 allows ${LAUNCH_TEMPLATE_NAME_MAX}`,
          'shorten the project name or the app name, or refer to fewer tiers in its environment',
        ),
      );
    }
  }
};

const openToWorld: Rule = (t, report) => {
  for (const [name, sg] of Object.entries(t.securityGroups ?? {})) {
    (sg.ingress ?? []).forEach((rule, i) => {
      if (rule.from.cidr !== undefined)
        withoutLeadingZeros(
          rule.from.cidr,
          `securityGroups.${name}.ingress[${i}].from.cidr`,
          report,
        );
      if (rule.from.cidr !== '0.0.0.0/0' || rule.allowWorld) return;
      const last = rule.toPort ?? rule.port;
      const exposed = [...ADMIN_PORTS].filter(([port]) => port >= rule.port && port <= last);
      if (exposed.length === 0) return;
      report(
        error(
          'security/open-to-world',
          `securityGroups.${name}.ingress[${i}].from.cidr`,
          `opens ${exposed.map(([p, what]) => `${what} (${p})`).join(', ')} to the whole internet`,
          "restrict it to your admin network's CIDR, or add `allowWorld: <reason>` to the rule if you really mean it",
        ),
      );
    });
  }
};

/** `cost.interruptibleTiers` names tiers that exist (owned by the cost feature; see docs/cost.md). */
const interruptibleTiers: Rule = (t, report) => {
  const known = Object.keys(t.tiers ?? {});
  (t.cost?.interruptibleTiers ?? []).forEach((name, i) => {
    if (!known.includes(name))
      report(
        error(
          'reference/unknown-tier',
          `cost.interruptibleTiers[${i}]`,
          `\`${name}\` is not a tier`,
          didYouMean(name, known) || 'define the tier under `tiers:` first',
        ),
      );
  });
};

const RULES: Rule[] = [
  vpcCidr,
  subnetCidrs,
  natRouting,
  references,
  environmentRefs,
  placement,
  reachability,
  bootEgress,
  launchTemplateNames,
  openToWorld,
  interruptibleTiers,
  ...PRODUCTION_RULES,
  ...SCALING_RULES,
  ...AWS_RULES,
];

/** Runs every semantic rule over a schema-valid topology and returns all findings. */
export function checkRules(topology: StrataTopology): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) rule(topology, (f) => findings.push(f));
  return findings;
}
