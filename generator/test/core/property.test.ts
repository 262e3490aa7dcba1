import fc from 'fast-check';
import { stringify } from 'yaml';
import { SpecError, StrataError } from '../../src/errors';
import { checkTemplate } from '../../src/render/check';
import { generateData, generateText } from './helpers';

const LETTERS = 'abcdef';
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);
// eslint-disable-next-line no-control-regex -- NUL is one of the characters it keeps out
const literal = fc.string({ maxLength: 40 }).filter((s) => !/[\n\r\u0000]/.test(s));

/** A random topology that is valid by construction: names resolve, CIDRs nest, the balancer is admitted. */
const validTopology = fc
  .record({
    zones: fc.integer({ min: 2, max: 6 }),
    second: fc.integer({ min: 0, max: 255 }),
    groups: fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
    routings: fc.array(fc.constantFrom('nat', 'isolated'), { minLength: 4, maxLength: 4 }),
    nat: fc.constantFrom('per-az', 'single'),
    sgs: fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
    rules: fc.array(
      fc.record({
        port: fc.integer({ min: 1, max: 65535 }),
        kind: fc.constantFrom('cidr', 'group', 'subnets'),
        pick: fc.nat(),
      }),
      { maxLength: 8 },
    ),
    tiers: fc.uniqueArray(
      fc.record({
        name,
        count: fc.integer({ min: 1, max: 4 }),
        port: fc.integer({ min: 1024, max: 65535 }),
        pick: fc.nat(),
        env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), literal, { maxKeys: 3 }),
        refs: fc.array(
          fc.constantFrom('urls', 'addresses', 'database.endpoint', 'database.secretArn'),
          { maxLength: 2 },
        ),
      }),
      { selector: (t) => t.name, maxLength: 5 },
    ),
    database: fc.boolean(),
    lb: fc.boolean(),
    tags: fc.dictionary(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _.:/=+@-]{0,20}$/),
      fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,30}$/),
      { maxKeys: 3 },
    ),
  })
  .map((r) => {
    const groupNames = ['edge', ...r.groups.filter((g) => g !== 'edge')];
    const zones = Array.from({ length: r.zones }, (_, i) => `us-east-1${LETTERS[i]}`);
    const subnets = Object.fromEntries(
      groupNames.map((g, i) => [
        g,
        {
          routing: i === 0 ? 'internet' : r.routings[i % 4],
          cidrs: zones.map((_, z) => `10.${r.second}.${i * 8 + z}.0/24`),
        },
      ]),
    );
    const sgNames = r.sgs;
    const securityGroups: Record<string, { ingress: unknown[] }> = Object.fromEntries(
      sgNames.map((s) => [s, { ingress: [] }]),
    );
    r.rules.forEach((rule, i) => {
      const from =
        rule.kind === 'cidr'
          ? { cidr: `192.168.${i}.0/24` }
          : rule.kind === 'group'
            ? { securityGroup: sgNames[rule.pick % sgNames.length] }
            : { subnets: groupNames[rule.pick % groupNames.length] };
      securityGroups[sgNames[i % sgNames.length]].ingress.push({ port: rule.port, from });
    });
    const tierNames = r.tiers.map((t) => t.name);
    const hasDatabase = r.database && groupNames.length > 1;
    const tiers = Object.fromEntries(
      r.tiers.map((t, i) => {
        const environment: Record<string, unknown> = { ...t.env };
        t.refs.forEach((ref, k) => {
          if (ref.startsWith('database')) {
            if (hasDatabase) environment[`REF_DB_${k}`] = { ref };
          } else if (i > 0)
            environment[`REF_TIER_${k}`] = { ref: `tiers.${tierNames[(t.pick + k) % i]}.${ref}` };
        });
        for (const reserved of ['PORT', 'NODE_ENV', 'AWS_REGION']) delete environment[reserved];
        return [
          t.name,
          {
            app: 'backend',
            count: t.count,
            port: t.port,
            subnets: groupNames[t.pick % groupNames.length],
            securityGroup: sgNames[t.pick % sgNames.length],
            environment,
          },
        ];
      }),
    );
    const topology: Record<string, unknown> = {
      name: 'prop',
      region: 'us-east-1',
      tags: r.tags,
      network: {
        cidr: `10.${r.second}.0.0/16`,
        availabilityZones: zones,
        natGateways: r.nat,
        subnets,
      },
      securityGroups,
      tiers,
    };
    if (hasDatabase)
      topology.database = {
        engine: 'mysql',
        engineVersion: '8.0.43',
        instanceClass: 'db.t3.micro',
        name: 'app',
        subnets: groupNames[1],
        securityGroup: sgNames[0],
      };
    if (r.lb && r.tiers.length) {
      const target = r.tiers[0];
      const tierSg = sgNames[target.pick % sgNames.length];
      securityGroups[tierSg].ingress.push({
        port: target.port,
        from: { securityGroup: sgNames[0] },
      });
      topology.loadBalancer = {
        subnets: 'edge',
        securityGroup: sgNames[0],
        listeners: [{ port: 80, target: { tier: target.name } }],
      };
    }
    return topology;
  });

describe('random valid topologies', () => {
  it('always render templates that parse back and whose references resolve', () => {
    fc.assert(
      fc.property(validTopology, (topology) => {
        const { templates, manifest } = generateData(topology);
        for (const [file, template] of templates) expect(checkTemplate(file, template)).toEqual([]);
        for (const stack of manifest.stacks) {
          for (const source of Object.values(stack.parameters)) {
            if (source.from === 'output')
              expect(manifest.stacks.find((s) => s.layer === source.layer)?.outputs).toContain(
                source.output,
              );
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});

/** Sets `value` at a random path of a plain object tree. */
function mutate(tree: unknown, choice: number, value: unknown): unknown {
  const copy = structuredClone(tree) as Record<string, unknown>;
  const paths: Array<Array<string | number>> = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node))
        walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
  };
  walk(copy, []);
  const path = paths[choice % paths.length];
  if (path.length === 0) return value;
  type Node = Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce((n, k) => n[k] as Node, copy as Node);
  const last = path[path.length - 1];
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.constant('10.0.0.0/8'),
  fc.constant('nope'),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

function expectLocatedOrSuccess(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof StrataError)) throw error;
    if (error instanceof SpecError) {
      expect(error.diagnostics.length).toBeGreaterThan(0);
      for (const d of error.diagnostics) {
        expect(d.position!.line).toBeGreaterThanOrEqual(1);
        expect(d.position!.column).toBeGreaterThanOrEqual(1);
        expect(d.message.length).toBeGreaterThan(0);
      }
    } else {
      throw new Error(`a user mistake surfaced as ${error.code}: ${error.message}`, {
        cause: error,
      });
    }
  }
}

describe('random invalid topologies', () => {
  it('always get located errors, never a crash', () => {
    fc.assert(
      fc.property(validTopology, fc.nat(), junk, (topology, choice, value) => {
        expectLocatedOrSuccess(() => generateData(mutate(topology, choice, value)));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text is either a topology or a located error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expectLocatedOrSuccess(() => generateText(text));
      }),
      { numRuns: 200 },
    );
  });

  it('a valid topology with one line cut out is either valid or a located error', () => {
    fc.assert(
      fc.property(validTopology, fc.nat(), (topology, cut) => {
        const lines = stringify(topology).split('\n');
        lines.splice(cut % lines.length, 1);
        expectLocatedOrSuccess(() => generateText(lines.join('\n')));
      }),
      { numRuns: 150 },
    );
  });
});
