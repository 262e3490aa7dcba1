/* eslint-disable @typescript-eslint/no-explicit-any -- topologies and templates are edited as untyped data here */
/**
 * The production settings are not tuned to the seed: turned on over every fixture topology (other
 * zones, NAT layouts, extra tiers, no database or load balancer), each renders, wires every
 * parameter to an earlier stack, and lints clean.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { lintGenerated } from '../../src/lint';
import { generateText, ROOT } from './helpers';

const FIXTURES = join(ROOT, 'generator/test/fixtures');
const names = readdirSync(FIXTURES).filter((n) => {
  try {
    return readFileSync(join(FIXTURES, n, 'topology.yaml')).length > 0 && n !== 'production';
  } catch {
    return false;
  }
});

/** The fixture with monitoring, WAF and TLS-only database on, and HTTPS where nothing holds 443 yet. */
function withProduction(name: string): Record<string, any> {
  const t = parse(readFileSync(join(FIXTURES, name, 'topology.yaml'), 'utf8')) as Record<
    string,
    any
  >;
  t.monitoring = { notify: ['ops@example.com'], logRetentionDays: 14 };
  if (t.database) t.database.requireTls = true;
  const lb = t.loadBalancer;
  if (lb) {
    lb.waf = { rateLimitPer5Min: 500 };
    const sg = t.securityGroups[lb.securityGroup];
    if (!lb.listeners.some((l: { port: number }) => l.port === 443)) {
      lb.https = { domain: `${name}.example.com` };
      if (!sg.ingress.some((r: { port: number }) => r.port === 443))
        sg.ingress.push({ port: 443, from: { cidr: '0.0.0.0/0' } });
    }
  }
  return t;
}

describe.each(names)('production settings over the %s fixture', (name) => {
  const spec = `generator/test/fixtures/${name}/topology.yaml`;
  const generated = generateText(stringify(withProduction(name)), spec);

  it('renders a logs and a monitoring stack, each parameter fed by an earlier stack', () => {
    const layers = generated.manifest.stacks.map((s) => s.layer);
    expect(layers).toEqual(expect.arrayContaining(['logs', 'monitoring']));
    for (const [i, stack] of generated.manifest.stacks.entries())
      for (const source of Object.values(stack.parameters))
        if (source.from === 'output') expect(layers.indexOf(source.layer)).toBeLessThan(i);
  });

  it('lints clean', () => {
    const report = lintGenerated(generated, { outDir: join(ROOT, 'out'), cwd: ROOT });
    expect(report.findings.map((f) => `${f.rule} ${f.resource}`)).toEqual([]);
  });

  it('alarms on every instance of every fixed tier, and on every auto-scaled group', () => {
    const alarms = Object.values(generated.templates.get('monitoring.yaml')!.Resources).filter(
      (r) =>
        r.Type === 'AWS::CloudWatch::Alarm' &&
        (r.Properties as any).MetricName === 'StatusCheckFailed',
    );
    // An auto-scaled tier has no fixed instances: its alarm watches the group's dimension.
    const watched = generated.model.tiers.reduce(
      (n, t) => n + (t.autoScaling ? 1 : t.instances.length),
      0,
    );
    expect(alarms).toHaveLength(watched);
  });
});
