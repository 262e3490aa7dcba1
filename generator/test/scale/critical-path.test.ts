import type { CfnDocument } from '../../src/cfn/yaml';
import {
  predictSingleStack,
  predictStacks,
  type CreationTimes,
} from '../../src/deploy/critical-path';
import { referencedNames, resourceGraph, type GraphStack } from '../../src/deploy/resource-graph';

// Tiny templates and round durations, so every expected figure can be worked out by hand.
const TIMES: CreationTimes = {
  types: { Net: 10, Db: 100, Vm: 20, Lb: 50, Sg: 5 },
  unknownType: 1,
  changeSet: 3,
  createStack: 1,
  bootToHealthy: 7,
};
const resource = (Type: string, Properties: Record<string, unknown> = {}, extra = {}) => ({
  Type,
  Properties,
  ...extra,
});
type Stack = GraphStack;
const fromOutput = (layer: string, output: string) => ({ from: 'output' as const, layer, output });

/** net: Vpc; data: Db(Vpc); app: Vm(Db) then Lb(Vm); edge: Sg waits for net without a value. */
function sample(): { stacks: Stack[]; templates: Map<string, CfnDocument> } {
  const templates = new Map<string, CfnDocument>([
    ['net', { Resources: { Vpc: resource('Net') }, Outputs: { VpcId: { Value: { Ref: 'Vpc' } } } }],
    [
      'data',
      {
        Resources: { Db: resource('Db', { Vpc: { Ref: 'VpcId' } }) },
        Outputs: { Endpoint: { Value: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } } },
      },
    ],
    [
      'app',
      {
        Resources: {
          Vm: resource('Vm', { UserData: { 'Fn::Sub': 'host=${Endpoint} ${AWS::Region}' } }),
          Lb: resource('Lb', {}, { DependsOn: 'Vm' }),
        },
      },
    ],
  ]);
  const stacks: Stack[] = [
    { layer: 'net', dependsOn: [], parameters: {} },
    { layer: 'data', dependsOn: ['net'], parameters: { VpcId: fromOutput('net', 'VpcId') } },
    { layer: 'app', dependsOn: ['data'], parameters: { Endpoint: fromOutput('data', 'Endpoint') } },
  ];
  return { stacks, templates };
}

describe('resource graph', () => {
  it('reads Ref, GetAtt (both forms) and Sub references, not pseudo parameters as resources', () => {
    expect(
      referencedNames({
        a: { Ref: 'A' },
        b: { 'Fn::GetAtt': ['B', 'Arn'] },
        c: { 'Fn::GetAtt': 'C.Arn' },
        d: { 'Fn::Sub': ['${D.Name}-${!literal}', {}] },
      }),
    ).toEqual(['A', 'B', 'C', 'D']);
  });

  it('links in-stack dependencies and, across stacks, parameters to the resources behind outputs', () => {
    const { stacks, templates } = sample();
    const graph = resourceGraph(stacks, templates);
    const app = graph.find((s) => s.layer === 'app')!.resources;
    expect(app.map((r) => [r.key, r.deps, r.crossDeps])).toEqual([
      ['app/Vm', [], ['data/Db']],
      ['app/Lb', ['app/Vm'], []],
    ]);
    expect(graph[1].resources[0].crossDeps).toEqual(['net/Vpc']);
  });

  it('a stack waited for without a value gates the instances and load balancers that need it', () => {
    const templates = new Map<string, CfnDocument>([
      ['gw', { Resources: { Nat: resource('Net') } }],
      [
        'web',
        {
          Resources: {
            Vm: resource('AWS::EC2::Instance'),
            Sg: resource('Sg'),
          },
        },
      ],
    ]);
    const graph = resourceGraph(
      [
        { layer: 'gw', dependsOn: [], parameters: {} },
        { layer: 'web', dependsOn: ['gw'], parameters: {} },
      ],
      templates,
    );
    expect(graph[1].resources.map((r) => [r.logicalId, r.crossDeps])).toEqual([
      ['Vm', ['gw/Nat']],
      ['Sg', []],
    ]);
  });
});

describe('critical path', () => {
  it('strata: each stack after its upstream completes, a change set each', () => {
    const { stacks, templates } = sample();
    const p = predictStacks(resourceGraph(stacks, templates), TIMES, 'change-set');
    // net 0→3 cs, Vpc 3→13; data 13→16 cs, Db 16→116; app 116→119 cs, Vm 119→139, Lb 139→189.
    expect(p.seconds).toBe(189);
    expect([...p.stacks]).toEqual([
      ['net', { start: 0, finish: 13 }],
      ['data', { start: 13, finish: 116 }],
      ['app', { start: 116, finish: 189 }],
    ]);
    expect(p.criticalPath.map((t) => t.key)).toEqual([
      'net (change set)',
      'net/Vpc',
      'data (change set)',
      'data/Db',
      'app (change set)',
      'app/Vm',
      'app/Lb',
    ]);
  });

  it('strata with --method auto: each new stack starts with a CreateStack call instead', () => {
    const { stacks, templates } = sample();
    const p = predictStacks(resourceGraph(stacks, templates), TIMES);
    // net 0→1, Vpc 1→11; data 11→12, Db 12→112; app 112→113, Vm 113→133, Lb 133→183.
    expect(p.seconds).toBe(183);
    expect(p.criticalPath.map((t) => [t.key, t.start, t.finish])).toEqual([
      ['net (create stack)', 0, 1],
      ['net/Vpc', 1, 11],
      ['data (create stack)', 11, 12],
      ['data/Db', 12, 112],
      ['app (create stack)', 112, 113],
      ['app/Vm', 113, 133],
      ['app/Lb', 133, 183],
    ]);
  });

  it('one stack created directly: one CreateStack instead of the change set', () => {
    const { stacks, templates } = sample();
    const p = predictSingleStack(resourceGraph(stacks, templates), TIMES, 'auto');
    // create 0→1, Vpc 1→11, Db 11→111, Vm 111→131, Lb 131→181.
    expect(p.seconds).toBe(181);
    expect(p.criticalPath[0]).toMatchObject({ key: 'create stack', start: 0, finish: 1 });
  });

  it('one stack: one change set, every resource as soon as what it refers to exists', () => {
    const { stacks, templates } = sample();
    const p = predictSingleStack(resourceGraph(stacks, templates), TIMES);
    // cs 0→3, Vpc 3→13, Db 13→113, Vm 113→133, Lb 133→183.
    expect(p.seconds).toBe(183);
    expect(p.criticalPath.map((t) => [t.key, t.start, t.finish])).toEqual([
      ['change set', 0, 3],
      ['net/Vpc', 3, 13],
      ['data/Db', 13, 113],
      ['app/Vm', 113, 133],
      ['app/Lb', 133, 183],
    ]);
  });

  it('independent stacks overlap, and a CreationPolicy adds the boot to the resource', () => {
    const templates = new Map<string, CfnDocument>([
      ['a', { Resources: { Db: resource('Db') } }],
      ['b', { Resources: { Lb: resource('Lb') } }],
      [
        'c',
        { Resources: { Group: resource('Vm', {}, { CreationPolicy: { ResourceSignal: {} } }) } },
      ],
    ]);
    const stacks: Stack[] = [
      { layer: 'a', dependsOn: [], parameters: {} },
      { layer: 'b', dependsOn: [], parameters: {} },
      { layer: 'c', dependsOn: ['a', 'b'], parameters: {} },
    ];
    const p = predictStacks(resourceGraph(stacks, templates), TIMES, 'change-set');
    // a and b side by side (3+100, 3+50); c after a: 103 + 3 + 20 + 7.
    expect(p.stacks.get('b')).toEqual({ start: 0, finish: 53 });
    expect(p.seconds).toBe(133);
    expect(p.criticalPath.map((t) => t.key)).toEqual([
      'a (change set)',
      'a/Db',
      'c (change set)',
      'c/Group',
    ]);
  });

  it('refuses a cycle inside a stack', () => {
    const templates = new Map<string, CfnDocument>([
      [
        'x',
        {
          Resources: {
            A: resource('Vm', {}, { DependsOn: 'B' }),
            B: resource('Vm', { R: { Ref: 'A' } }),
          },
        },
      ],
    ]);
    const graph = resourceGraph([{ layer: 'x', dependsOn: [], parameters: {} }], templates);
    expect(() => predictStacks(graph, TIMES)).toThrow('cycle');
  });
});
