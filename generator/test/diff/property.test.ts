import fc from 'fast-check';
import { compareTemplateSets } from '../../src/diff/compare';
import { formatReport } from '../../src/diff/format';
import { same } from '../../src/diff/leaves';
import { referencedIds } from '../../src/diff/plan-stack';
import { generated, SEED, edit } from './topologies';

/** A valid topology: the seed varied along the settings users edit most. */
const topology = fc
  .record({
    zones: fc.constantFrom(2, 3),
    nat: fc.constantFrom('per-az', 'single'),
    frontend: fc.integer({ min: 1, max: 3 }),
    backend: fc.integer({ min: 1, max: 3 }),
    frontendType: fc.constantFrom('t3.micro', 't3.small'),
    interval: fc.constantFrom(15, 30),
    dbClass: fc.constantFrom('db.t3.micro', 'db.t3.small'),
    multiAz: fc.boolean(),
    tag: fc.boolean(),
  })
  .map((o) => {
    let t = SEED;
    if (o.zones === 3) {
      t = edit(t, 'us-east-1a, us-east-1b]', 'us-east-1a, us-east-1b, us-east-1c]');
      for (const [a, b] of [
        ['10.0.2.0/24]', '10.0.2.0/24, 10.0.3.0/24]'],
        ['10.0.12.0/24]', '10.0.12.0/24, 10.0.13.0/24]'],
        ['10.0.22.0/24]', '10.0.22.0/24, 10.0.23.0/24]'],
      ])
        t = edit(t, a, b);
    }
    t = edit(t, 'natGateways: per-az', `natGateways: ${o.nat}`);
    t = edit(
      t,
      'instanceType: t3.micro\n    count: 2\n    port: 5000',
      `instanceType: ${o.frontendType}\n    count: ${o.frontend}\n    port: 5000`,
    );
    t = edit(t, 'count: 2\n    port: 5001', `count: ${o.backend}\n    port: 5001`);
    t = edit(t, 'intervalSeconds: 30', `intervalSeconds: ${o.interval}`);
    t = edit(t, 'instanceClass: db.t3.micro', `instanceClass: ${o.dbClass}`);
    t = edit(t, 'multiAz: false', `multiAz: ${o.multiAz}`);
    return o.tag ? edit(t, '  ManagedBy: strata\n', '  ManagedBy: strata\n  Team: web\n') : t;
  });

const cache = new Map<string, ReturnType<typeof generated>>();
const gen = (text: string) => {
  if (!cache.has(text)) cache.set(text, generated(text));
  return cache.get(text)!;
};

describe('the plan over random pairs of valid topologies', () => {
  it('gives no impact to a resource whose resolved properties are identical, and exactly one to every other', () => {
    fc.assert(
      fc.property(topology, topology, (a, b) => {
        const [base, now] = [gen(a), gen(b)];
        const report = compareTemplateSets(now, base);
        for (const s of report.stacks) {
          const ids = s.resources.map((r) => r.logicalId);
          expect(new Set(ids).size).toBe(ids.length);
          const before = base.templates.get(s.layer)?.Resources ?? {};
          const after = now.templates.get(s.layer)?.Resources ?? {};
          for (const r of s.resources) {
            if (r.impact === 'create') expect(before[r.logicalId]).toBeUndefined();
            else if (r.impact === 'remove') expect(after[r.logicalId]).toBeUndefined();
            // An in-place impact always comes with a property whose resolved value differs.
            else expect(r.properties.some((p) => !same(p.old, p.new))).toBe(true);
          }
          // Independently of the resolver: a resource rendered identically whose references are all
          // unchanged (no changed resource of the stack, no parameter with a new value) has no impact.
          const changed = new Set([...ids, ...s.inputs.map((i) => i.parameter)]);
          for (const [id, r] of Object.entries(after)) {
            if (!before[id] || JSON.stringify(before[id]) !== JSON.stringify(r)) continue;
            if ([...referencedIds(r.Properties)].some((x) => changed.has(x))) continue;
            expect(ids).not.toContain(id);
          }
        }
        if (a === b) expect(report.hasChanges).toBe(false);
        expect(() =>
          formatReport(report, {
            bold: String,
            dim: String,
            red: String,
            green: String,
            yellow: String,
            cyan: String,
          } as never),
        ).not.toThrow();
      }),
      { numRuns: 25 },
    );
  });
});
