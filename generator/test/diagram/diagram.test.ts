import { cellKey, diagramGraph } from '../../src/diagram/graph';
import { CHAR, layout } from '../../src/diagram/layout';
import { renderDiagram } from '../../src/diagram';
import { generateText, SEED_TEXT } from '../core/helpers';
import { runCli } from '../core/run-cli';
import { ROOT } from '../core/helpers';
import { diagramCases, overlapping } from './helpers';

const seed = generateText(SEED_TEXT);

describe('the diagram graph', () => {
  const graph = diagramGraph(seed);
  const cell = (group: string, zone: string) =>
    graph.cells.get(cellKey(group, zone))!.map((i) => i.title);

  it('has one column per zone and one row per subnet group, as the seed lays them out', () => {
    expect(graph.zones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(graph.groups.map((g) => g.name)).toEqual(['public', 'private', 'database']);
    expect(graph.cidrs.get(cellKey('private', 'us-east-1b'))).toBe('10.0.12.0/24');
  });

  it('puts NAT gateways, instances and the database in their subnets', () => {
    expect(cell('public', 'us-east-1a')).toEqual(['NAT gateway', 'frontend #1']);
    expect(cell('public', 'us-east-1b')).toEqual(['NAT gateway', 'frontend #2']);
    expect(cell('private', 'us-east-1b')).toEqual(['backend #2']);
    expect(cell('database', 'us-east-1a')).toEqual(['RDS primary']);
    expect(cell('database', 'us-east-1b')).toEqual([]);
  });

  it('draws a standby when Multi-AZ, and one NAT gateway when single', () => {
    const g = diagramGraph(
      generateText(
        SEED_TEXT.replace('multiAz: false', 'multiAz: true').replace(
          'natGateways: per-az',
          'natGateways: single',
        ),
      ),
    );
    expect(g.cells.get(cellKey('database', 'us-east-1b'))!.map((i) => i.title)).toEqual([
      'RDS standby',
    ]);
    expect(g.cells.get(cellKey('public', 'us-east-1b'))!.map((i) => i.title)).toEqual([
      'frontend #2',
    ]);
  });

  it('has the load balancer and its listeners, and an arrow for every security-group rule', () => {
    expect(graph.balancers[0].listeners).toEqual(['HTTP :80 → frontend :5000']);
    expect(graph.rules.map((r) => `${r.from} → ${r.to}: ${r.label}`)).toEqual([
      'internet → load balancer: 80 from 0.0.0.0/0',
      'internet → load balancer: 443 from 0.0.0.0/0',
      'load balancer → frontend: 5000 from alb',
      'internet → frontend: 22 from 203.0.113.0/24',
      'frontend → backend: 5001 from frontend',
      'subnets:public → backend: 22 from public subnets',
      'backend → database: 3306 from backend',
    ]);
  });
});

describe('the diagram layout', () => {
  for (const { name, generated } of diagramCases())
    it(`has no overlapping boxes or labels (${name}, estimated text widths)`, () => {
      const l = layout(diagramGraph(generated));
      expect(overlapping(l.boxes.filter((b) => b.cls === 'node'))).toEqual([]);
      const labels = l.labels.map((t) => {
        const w = t.text.length * CHAR;
        return { text: t.text, x: t.anchor ? t.x - w / 2 : t.x, y: t.y - 12, w, h: 14 };
      });
      expect(overlapping(labels)).toEqual([]);
    });

  it('is byte-for-byte deterministic', () => {
    expect(renderDiagram(seed)).toBe(renderDiagram(generateText(SEED_TEXT)));
  });
});

describe('strata diagram', () => {
  it('prints Mermaid with a subgraph per zone and the rule arrows', async () => {
    const run = await runCli(['diagram', '--format', 'mermaid'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^flowchart TB/);
    expect(run.stdout).toContain('subgraph z_us_east_1a["us-east-1a"]');
    expect(run.stdout).toMatch(/-->\|"5001 from frontend"\|/);
  });

  it('prints Graphviz dot', async () => {
    const run = await runCli(['diagram', '--format', 'dot'], { cwd: ROOT });
    expect(run.stdout).toMatch(/^digraph topology \{/);
    expect(run.stdout).toContain('[label="3306 from backend"]');
  });

  it('prints the same SVG generate writes to out/diagram.svg', async () => {
    const run = await runCli(['diagram'], { cwd: ROOT });
    expect(`${run.stdout}`).toBe(seed.files.get('diagram.svg'));
  });

  it('rejects an unknown format', async () => {
    const run = await runCli(['diagram', '--format', 'png'], { cwd: ROOT });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/use one of svg, mermaid, dot/);
  });

  it('prints the diagram inside a JSON document with --json, and its errors as JSON too', async () => {
    const run = await runCli(['diagram', '--format', 'mermaid', '--json'], { cwd: ROOT });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ format: 'mermaid', environment: null });
    expect(doc.diagram).toBe(
      (await runCli(['diagram', '--format', 'mermaid'], { cwd: ROOT })).stdout.trimEnd(),
    );
    const bad = await runCli(['diagram', '--format', 'png', '--json'], { cwd: ROOT });
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, code: 'E_USAGE' });
  });
});

describe('load balancers come from the rendered templates', () => {
  it('shows every listener, a redirect included, and a second (internal) load balancer', () => {
    const g = generateText(SEED_TEXT);
    const file = 'load-balancer.yaml';
    const lb = g.templates.get(file)!;
    const resources = {
      ...lb.Resources,
      // A listener that forwards by itself, to a target group in its own stack (the seed's tiers
      // attach from the compute stack with listener rules instead).
      FrontendTargetGroup: g.templates.get('compute.yaml')!.Resources.FrontendTargetGroup,
      HttpsListener443: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'LoadBalancer' },
          Port: 443,
          Protocol: 'HTTPS',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'FrontendTargetGroup' } }],
        },
      },
      HttpListener80: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'LoadBalancer' },
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [
            { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } },
          ],
        },
      },
      InternalLoadBalancer: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: {
          Scheme: 'internal',
          Subnets: { Ref: 'PrivateSubnetIds' },
          SecurityGroups: [{ Ref: 'BackendSecurityGroupId' }],
        },
      },
    };
    const templates = new Map(g.templates).set(file, { ...lb, Resources: resources });
    // The internal one takes two more outputs of earlier stacks, wired as planLayers wires them.
    const manifest = {
      ...g.manifest,
      stacks: g.manifest.stacks.map((s) =>
        s.template !== file
          ? s
          : {
              ...s,
              parameters: {
                ...s.parameters,
                PrivateSubnetIds: {
                  from: 'output' as const,
                  layer: 'network',
                  output: 'PrivateSubnetIds',
                },
                BackendSecurityGroupId: {
                  from: 'output' as const,
                  layer: 'security',
                  output: 'BackendSecurityGroupId',
                },
              },
            },
      ),
    };
    const graph = diagramGraph({ ...g, manifest, templates });
    expect(graph.balancers.map((b) => [b.title, b.listeners, b.placement])).toEqual([
      [
        'Application Load Balancer LoadBalancer (internet-facing)',
        ['HTTP :80 → redirect to HTTPS :443', 'HTTPS :443 → frontend :5000'],
        'in the public subnets of us-east-1a, us-east-1b',
      ],
      [
        'Application Load Balancer InternalLoadBalancer (internal)',
        [],
        'in the private subnets of us-east-1a, us-east-1b',
      ],
    ]);
    expect(graph.rules.map((r) => `${r.from} → ${r.to}: ${r.label}`)).toContain(
      'frontend → load balancer InternalLoadBalancer: 5001 from frontend',
    );
  });
});
