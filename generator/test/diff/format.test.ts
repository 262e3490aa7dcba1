import { fromPlannedChange } from '../../src/diff/change-set-diff';
import { formatStack, showValue, summaryLine } from '../../src/diff/format';
import type { StackDiff } from '../../src/diff/model';
import { paletteFor } from '../../src/output/terminal';

const plain = paletteFor({ isTTY: false }, {});
const stack = (over: Partial<StackDiff>): StackDiff => ({ layer: 'network', stackName: 'portfolio-network', template: 'network.yaml', status: 'changed', resources: [], parameters: [], outputs: [], security: [], other: [], ...over });

describe('diff formatting', () => {
  it('shows intrinsics in their short form', () => {
    expect(showValue({ 'Fn::Select': [0, { Ref: 'PublicSubnetIds' }] })).toBe('!Select [0, !Ref PublicSubnetIds]');
    expect(showValue({ 'Fn::GetAtt': ['Database', 'Endpoint.Address'] })).toBe('!GetAtt Database.Endpoint.Address');
    expect(showValue(undefined)).toBe('(none)');
    expect(showValue('x'.repeat(100))).toHaveLength(90);
  });

  it('prints a CloudFormation change-set change with property names only (a change set gives no values)', () => {
    const change = fromPlannedChange({ action: 'Modify', logicalId: 'PublicSubnetA', type: 'AWS::EC2::Subnet', replacement: 'True', properties: [{ name: 'CidrBlock', recreation: 'Always' }, { name: 'CidrBlock', recreation: 'Always' }] }, { PublicSubnetA: 'network.subnets.public.cidrs[0]' });
    expect(change).toEqual({ logicalId: 'PublicSubnetA', type: 'AWS::EC2::Subnet', kind: 'modified', impact: 'replace', properties: [{ path: 'CidrBlock', replacement: 'always' }], topologyPath: 'network.subnets.public.cidrs[0]' });
    expect(formatStack(stack({ resources: [change] }), plain)).toEqual([
      'portfolio-network (network.yaml)  changed',
      '  ~ PublicSubnetA  AWS::EC2::Subnet  replace  ← network.subnets.public.cidrs[0]',
      '      CidrBlock  requires replacement',
    ]);
  });

  it('prints parameters, outputs and a note', () => {
    const lines = formatStack(stack({ note: 'cannot plan yet: needs the network layer', parameters: [{ name: 'KeyName', kind: 'added', new: { Type: 'String' } }], outputs: [{ name: 'VpcId', kind: 'removed', old: { Value: { Ref: 'Vpc' } } }] }), plain);
    expect(lines).toEqual([
      'portfolio-network (network.yaml)  changed',
      '  cannot plan yet: needs the network layer',
      '  Parameters',
      '    + KeyName: {Type: String}',
      '  Outputs',
      '    - VpcId: {Value: !Ref Vpc}',
    ]);
  });

  it('summarises possible replacements separately', () => {
    const r = { source: 'git' as const, base: 'HEAD', hasChanges: true, stacks: [stack({ resources: [
      { logicalId: 'A', type: 'T', kind: 'modified' as const, impact: 'may-replace' as const, properties: [] },
      { logicalId: 'B', type: 'T', kind: 'added' as const, impact: 'create' as const, properties: [] },
    ] })] };
    expect(summaryLine(r)).toBe('1 of 1 stacks differ: 1 to add, 1 to modify (1 possible replacement), 0 to remove');
  });
});
