import { stringify } from 'yaml';
import type { Model } from '../../src/model/topology';
import type {
  Database,
  LoadBalancer,
  StrataTopology,
  Tier,
} from '../../src/model/topology.generated';
import { SpecError } from '../../src/errors';
import { parseSpec } from '../../src/spec/load';
import { validateTopology } from '../../src/spec/validate';

/**
 * The smallest topology worth a stack: a VPC over two zones with a public and a private subnet
 * group, one NAT gateway per zone, and a `web` and an `app` security group. No tiers, database or
 * load balancer until a test adds them.
 */
const BASE: StrataTopology = {
  name: 'shop',
  region: 'eu-west-1',
  tags: { Team: 'web' },
  network: {
    cidr: '10.1.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    natGateways: 'per-az',
    subnets: {
      public: { routing: 'internet', cidrs: ['10.1.1.0/24', '10.1.2.0/24'] },
      private: { routing: 'nat', cidrs: ['10.1.11.0/24', '10.1.12.0/24'] },
    },
  },
  securityGroups: {
    web: {
      description: 'Web servers',
      ingress: [{ port: 443, from: { cidr: '0.0.0.0/0' }, description: 'HTTPS' }],
    },
    app: {
      description: 'App servers',
      ingress: [{ port: 5001, from: { securityGroup: 'web' } }],
    },
  },
};

/** A tier running the frontend app on one t3.micro in the private subnets; `parts` replace fields. */
export function tier(parts: Partial<Tier> = {}): Tier {
  return {
    app: 'frontend',
    instanceType: 't3.micro',
    count: 1,
    port: 5000,
    subnets: 'private',
    securityGroup: 'web',
    ...parts,
  };
}

/** A MySQL database in the private subnets behind the `app` group; `parts` replace fields. */
export function database(parts: Partial<Database> = {}): Database {
  return {
    engine: 'mysql',
    engineVersion: '8.0.43',
    instanceClass: 'db.t3.micro',
    storage: { sizeGiB: 20, type: 'gp3', encrypted: true },
    name: 'shopdb',
    username: 'admin',
    subnets: 'private',
    securityGroup: 'app',
    ...parts,
  };
}

/** An internet-facing load balancer in the public subnets, HTTP 80 to `tierName`. */
export function loadBalancer(tierName: string, parts: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    scheme: 'internet-facing',
    subnets: 'public',
    securityGroup: 'web',
    listeners: [{ port: 80, protocol: 'HTTP', target: { tier: tierName } }],
    ...parts,
  };
}

/**
 * The normalised model of the base topology with `parts` replacing its top-level sections, through
 * the real validation and normalisation (an invalid combination fails the test with its diagnostics).
 */
export function model(parts: Partial<StrataTopology> = {}): Model {
  const spec = parseSpec('test/topology.yaml', stringify({ ...BASE, ...parts }));
  try {
    return validateTopology(spec).model;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const list = error.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n');
    throw new Error(`the test's topology is invalid:\n${list}`, { cause: error });
  }
}
