import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareTemplateSets } from '../../src/diff/compare';
import { formatReport } from '../../src/diff/format';
import { symbol } from '../../src/diff/symbolic';
import { generated, SEED } from './topologies';

/**
 * The edit corpus: each folder under fixtures/edits holds an edited seed topology, the expected impact of
 * every affected resource in every stack (expected.json) and the reasoning against the registry schemas
 * (REASONING.md). A resource missing from expected.json must get no impact at all.
 */
const DIR = join(__dirname, '..', 'fixtures', 'edits');
const plain = {
  bold: String,
  dim: String,
  red: String,
  green: String,
  yellow: String,
  cyan: String,
};

interface Expected {
  impacts: Record<string, Record<string, string>>;
  downtime?: string[];
  security?: string[];
  widens?: number;
  open?: number;
}

function planOf(name: string) {
  const now = generated(readFileSync(join(DIR, name, 'topology.yaml'), 'utf8'));
  const base = generated(SEED);
  const keys = join(DIR, name, 'artifacts.json');
  if (existsSync(keys)) {
    const given = JSON.parse(readFileSync(keys, 'utf8')) as Record<string, [string, string]>;
    const side = (i: 0 | 1) =>
      new Map(
        Object.keys(now.manifest!.apps).map((app) => [
          app,
          symbol({ artifact: app, ...(given[app] ? { value: given[app][i] } : {}) }),
        ]),
      );
    base.artifacts = side(0);
    now.artifacts = side(1);
  }
  return compareTemplateSets(now, base);
}

const names = readdirSync(DIR).sort();

describe('the edit corpus', () => {
  it('holds at least 25 edits, each with its reasoning', () => {
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const n of names) expect(existsSync(join(DIR, n, 'REASONING.md'))).toBe(true);
  });

  it.each(names)('%s: every resource gets exactly the expected impact', (name) => {
    const expected = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
    const report = planOf(name);
    const actual: Record<string, Record<string, string>> = {};
    for (const s of report.stacks)
      for (const r of s.resources) (actual[s.layer] ??= {})[r.logicalId] = r.impact;
    expect(actual).toEqual(expected.impacts);
    for (const s of report.stacks)
      for (const r of s.resources) {
        // Exactly one impact, and the property paths that cause it for every change in place.
        if (r.impact === 'modify' || r.impact === 'interrupt' || r.impact === 'replace')
          expect(r.properties.some((p) => p.effect === r.impact)).toBe(true);
      }
    if (expected.downtime?.length === 0) expect(report.downtime).toEqual([]);
    for (const d of expected.downtime ?? [])
      expect(report.downtime.some((line) => line.includes(d))).toBe(true);
    const security = report.stacks.flatMap((s) => s.security);
    for (const s of expected.security ?? [])
      expect(security.some((c) => c.description.includes(s))).toBe(true);
    if (expected.widens !== undefined)
      expect(security.filter((c) => c.widens)).toHaveLength(expected.widens);
    if (expected.open !== undefined)
      expect(security.filter((c) => c.open)).toHaveLength(expected.open);
    // The human output prints without throwing, and without raw JSON or cut values.
    const text = formatReport(report, plain as never);
    expect(text).not.toMatch(/"Fn::|\{"Ref"|\$symbol|\.\.\.$|Other:/m);
  });
});
