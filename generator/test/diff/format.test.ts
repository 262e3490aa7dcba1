import { formatPlannedChanges } from '../../src/deploy/format';
import { fromPlannedChange } from '../../src/diff/change-set-diff';
import { formatStack, showValue, summaryLine } from '../../src/diff/format';
import type { StackDiff } from '../../src/diff/model';
import { paletteFor } from '../../src/output/terminal';

const plain = paletteFor({ isTTY: false }, {});
const stack = (over: Partial<StackDiff>): StackDiff => ({
  layer: 'network',
  stackName: 'portfolio-network',
  template: 'network.yaml',
  status: 'changed',
  resources: [],
  parameters: [],
  outputs: [],
  security: [],
  other: [],
  ...over,
});

describe('diff formatting', () => {
  it('shows intrinsics in their short form', () => {
    expect(showValue({ 'Fn::Select': [0, { Ref: 'PublicSubnetIds' }] })).toBe(
      '!Select [0, !Ref PublicSubnetIds]',
    );
    expect(showValue({ 'Fn::GetAtt': ['Database', 'Endpoint.Address'] })).toBe(
      '!GetAtt Database.Endpoint.Address',
    );
    expect(showValue(undefined)).toBe('(none)');
    expect(showValue('x'.repeat(100))).toHaveLength(90);
  });

  it('prints a CloudFormation change-set change with property names only (a change set gives no values)', () => {
    const change = fromPlannedChange(
      {
        action: 'Modify',
        logicalId: 'PublicSubnetA',
        type: 'AWS::EC2::Subnet',
        replacement: 'True',
        properties: [
          { name: 'CidrBlock', recreation: 'Always' },
          { name: 'CidrBlock', recreation: 'Always' },
        ],
      },
      { PublicSubnetA: 'network.subnets.public.cidrs[0]' },
    );
    expect(change).toEqual({
      logicalId: 'PublicSubnetA',
      type: 'AWS::EC2::Subnet',
      kind: 'modified',
      impact: 'replace',
      properties: [{ path: 'CidrBlock', replacement: 'always' }],
      topologyPath: 'network.subnets.public.cidrs[0]',
    });
    expect(formatStack(stack({ resources: [change] }), plain)).toEqual([
      'portfolio-network (network.yaml)  changed',
      '  ~ PublicSubnetA  AWS::EC2::Subnet  replace  ← network.subnets.public.cidrs[0]',
      '      CidrBlock  requires replacement',
    ]);
  });

  it('prints parameters, outputs and a note', () => {
    const lines = formatStack(
      stack({
        note: 'cannot plan yet: needs the network layer',
        parameters: [{ name: 'KeyName', kind: 'added', new: { Type: 'String' } }],
        outputs: [{ name: 'VpcId', kind: 'removed', old: { Value: { Ref: 'Vpc' } } }],
      }),
      plain,
    );
    expect(lines).toEqual([
      'portfolio-network (network.yaml)  changed',
      '  cannot plan yet: needs the network layer',
      '  Parameters',
      '    + KeyName: {Type: String}',
      '  Outputs',
      '    - VpcId: {Value: !Ref Vpc}',
    ]);
  });

  it('shows a changed multi-line text (user data) as its changed lines', () => {
    const before = {
      'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\nexport A=1\nexport DB=${Db}\nstart' },
    };
    const after = {
      'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\nexport A=1\nexport DB=${Db2}\nstart' },
    };
    const lines = formatStack(
      stack({
        resources: [
          {
            logicalId: 'Lt',
            type: 'AWS::EC2::LaunchTemplate',
            kind: 'modified',
            impact: 'update',
            properties: [{ path: 'UserData', old: before, new: after, replacement: 'never' }],
          },
        ],
      }),
      plain,
    );
    expect(lines.slice(2)).toEqual([
      '      UserData: text changed',
      '          -export DB=${Db}',
      '          +export DB=${Db2}',
    ]);
  });

  it('marks a planned replacement of a resource that holds data', () => {
    expect(
      formatPlannedChanges(
        [
          {
            action: 'Modify',
            logicalId: 'Database',
            type: 'AWS::RDS::DBInstance',
            replacement: 'True',
            properties: [],
          },
        ],
        plain,
      ),
    ).toEqual(['  ~ Modify Database  AWS::RDS::DBInstance (replace: holds data)']);
  });

  it('summarises possible replacements separately', () => {
    const r = {
      source: 'git' as const,
      base: 'HEAD',
      hasChanges: true,
      stacks: [
        stack({
          resources: [
            {
              logicalId: 'A',
              type: 'T',
              kind: 'modified' as const,
              impact: 'may-replace' as const,
              properties: [],
            },
            {
              logicalId: 'B',
              type: 'T',
              kind: 'added' as const,
              impact: 'create' as const,
              properties: [],
            },
          ],
        }),
      ],
    };
    expect(summaryLine(r)).toBe(
      '1 of 1 stacks differ: 1 to add, 1 to modify (1 possible replacement), 0 to remove',
    );
  });
});
