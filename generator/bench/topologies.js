'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const YAML = require('yaml');

const ROOT = join(__dirname, '../..');
const LETTERS = 'abcdef';

/** The seed topology as data. */
function seed() {
  return YAML.parse(readFileSync(join(ROOT, 'spec/topology.yaml'), 'utf8'));
}

/** Spreads every subnet group of the seed over `zones` zones. */
function withZones(t, zones) {
  t.network.availabilityZones = Array.from({ length: zones }, (_, i) => `us-east-1${LETTERS[i]}`);
  let block = 0;
  for (const group of Object.values(t.network.subnets)) {
    group.cidrs = t.network.availabilityZones.map(() => `10.0.${block++}.0/24`);
  }
  return t;
}

/** Adds tiers until there are `count`, each calling the backend, with its own security group. */
function withTiers(t, count) {
  for (let i = Object.keys(t.tiers).length; i < count; i++) {
    const name = `worker-${i}`;
    t.securityGroups[name] = {
      description: `Worker ${i}`,
      ingress: [{ port: 6000 + i, from: { securityGroup: 'frontend' } }],
    };
    t.securityGroups.backend.ingress.push({ port: 5001, from: { securityGroup: name } });
    t.tiers[name] = {
      app: 'backend',
      count: 2,
      port: 6000 + i,
      subnets: 'private',
      securityGroup: name,
      environment: { UPSTREAM: { ref: 'tiers.backend.urls' }, MODE: 'worker' },
    };
  }
  return t;
}

/** Adds CIDR rules to the frontend group until the topology has `count` rules in all. */
function withRules(t, count) {
  const rules = () =>
    Object.values(t.securityGroups).reduce((n, g) => n + (g.ingress ?? []).length, 0);
  for (let i = 0; rules() < count; i++) {
    t.securityGroups.frontend.ingress.push({
      port: 7000 + i,
      from: { cidr: `192.168.${i % 256}.0/24` },
      description: `Partner ${i}`,
    });
  }
  return t;
}

/**
 * Adds frontend+backend tier pairs until there are `count`, each like the seed's pair: two frontend
 * instances in the public subnets behind their own group (app traffic from the ALB, SSH from the admin
 * network), two backend instances in the private subnets taking API traffic from that frontend and
 * reaching the database. The CDK app in cdk-app/ builds the same with PAIRS=count.
 */
function withPairs(t, count) {
  for (let i = 1; i < count; i++) {
    const frontend = `frontend-${i}`;
    const backend = `backend-${i}`;
    t.securityGroups[frontend] = {
      description: 'Frontend web servers',
      ingress: [
        {
          port: 5000,
          from: { securityGroup: 'alb' },
          description: 'App traffic from the load balancer',
        },
        { port: 22, from: { cidr: '203.0.113.0/24' }, description: 'SSH from the admin network' },
      ],
    };
    t.securityGroups[backend] = {
      description: 'Backend API servers',
      ingress: [
        {
          port: 5001,
          from: { securityGroup: frontend },
          description: 'API traffic from the frontend',
        },
      ],
    };
    t.securityGroups.database.ingress.push({
      port: 3306,
      from: { securityGroup: backend },
      description: 'MySQL from the backend',
    });
    t.tiers[frontend] = {
      ...t.tiers.frontend,
      securityGroup: frontend,
      environment: { BACKEND_URLS: { ref: `tiers.${backend}.urls` } },
    };
    t.tiers[backend] = { ...t.tiers.backend, securityGroup: backend };
  }
  return t;
}

/** The topologies strata and the CDK app are compared on: zones and pairs as cdk-app/app.js takes them. */
function cdkComparisons() {
  return [
    { name: 'seed', zones: 2, pairs: 1, data: seed() },
    { name: '10 pairs', zones: 2, pairs: 10, data: withPairs(seed(), 10) },
    { name: '6 zones + 20 pairs', zones: 6, pairs: 20, data: withPairs(withZones(seed(), 6), 20) },
  ];
}

/** The benchmark's topologies, smallest first. */
function topologies() {
  return [
    { name: 'seed', data: seed() },
    { name: '6 zones', data: withZones(seed(), 6) },
    { name: '20 tiers', data: withTiers(seed(), 20) },
    { name: '200 rules', data: withRules(seed(), 200) },
    {
      name: '6 zones + 20 tiers + 200 rules',
      data: withRules(withTiers(withZones(seed(), 6), 20), 200),
    },
  ];
}

const MIB = 1024 * 1024;

/** Seed text plus `line(i)` repeated until the text is just under `bytes`. */
function padded(head, line, bytes) {
  const lines = [head];
  let size = Buffer.byteLength(head);
  for (let i = 0; ; i++) {
    const next = line(i);
    if (size + Buffer.byteLength(next) + 1 > bytes) break;
    lines.push(next);
    size += Buffer.byteLength(next) + 1;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Topologies at the size cap (1 MiB) and far beyond it, as text: a valid one that renders (a long
 * lint.suppress list), one with an error on every line (unknown keys), and a 20 MiB file to refuse.
 */
function largeTopologies() {
  const seedText = readFileSync(join(ROOT, 'spec/topology.yaml'), 'utf8');
  // The suppressions go at the end of the seed's lint.suppress list, before the sections after it.
  const listEnd = seedText.indexOf('\n', seedText.indexOf('reason:', seedText.indexOf('\nlint:')));
  const tail = seedText.slice(listEnd + 1);
  const suppressions =
    padded(
      seedText.slice(0, listEnd),
      (i) =>
        `    - { rule: ALB_HTTP_ONLY, resource: HttpListener${i}, reason: Reviewed exception number ${i} for the benchmark }`,
      MIB - 1 - Buffer.byteLength(tail),
    ) + tail;
  const unknown = padded(seedText.trimEnd(), (i) => `unknownKey${i}: value ${i}`, MIB - 1);
  const huge = padded(seedText.trimEnd(), (i) => `unknownKey${i}: value ${i}`, 20 * MIB);
  return [
    { name: '1 MiB: 9k lint suppressions', text: suppressions, exit: 0 },
    { name: '1 MiB: 40k unknown keys', text: unknown, exit: 1 },
    { name: '20 MiB: refused (over the cap)', text: huge, exit: 1 },
  ];
}

module.exports = { topologies, largeTopologies, cdkComparisons, ROOT };
