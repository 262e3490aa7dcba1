import { estimateCost } from '../../src/cost/estimate';
import { loadPriceTable } from '../../src/cost/prices';
import { costSourceOf, type CostSource } from '../../src/cost/source';
import type { CfnResource } from '../../src/cfn/yaml';
import { generateText, SEED_TEXT } from '../core/helpers';

// HTTPS, monitoring and WAF land in parallel; their resources are priced the day they are rendered.
function withStack(resources: Record<string, CfnResource>, freeAllowances = true): CostSource {
  const source = costSourceOf(generateText(SEED_TEXT));
  const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
  return {
    ...source,
    assumptions: { ...source.assumptions, freeAllowances },
    stacks: [...source.stacks, { layer: 'monitoring', template, parameters: {}, resources: {} }],
  };
}

const alarms = (n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `Alarm${i}`,
      { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
    ]),
  );

describe('monitoring, WAF, keys and secrets', () => {
  const table = loadPriceTable();
  const monitoring = (lines: ReturnType<typeof estimateCost>['lines']) =>
    lines.filter((l) => l.layer === 'monitoring');

  it('charges alarms beyond the ten free ones, and dashboards beyond three', () => {
    const dashboards = Object.fromEntries(
      [1, 2, 3, 4].map((i) => [
        `Dashboard${i}`,
        { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
      ]),
    );
    const e = estimateCost(withStack({ ...alarms(12), ...dashboards }), table);
    const total = (type: string) =>
      monitoring(e.lines)
        .filter((l) => l.type === type)
        .reduce((t, l) => t + l.monthlyUsd, 0);
    expect(total('AWS::CloudWatch::Alarm')).toBeCloseTo(0.2, 5);
    expect(total('AWS::CloudWatch::Dashboard')).toBe(3);
    const off = estimateCost(withStack({ ...alarms(12) }, false), table);
    expect(monitoring(off.lines).reduce((t, l) => t + l.monthlyUsd, 0)).toBeCloseTo(1.2, 5);
  });

  it('prices a web ACL with its rules and the assumed requests, a KMS key, a secret and a log group', () => {
    const e = estimateCost(
      withStack({
        WebAcl: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } },
        Key: { Type: 'AWS::KMS::Key', Properties: {} },
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
        AppLogs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      }),
      table,
    );
    const by = (id: string) =>
      monitoring(e.lines)
        .filter((l) => l.resource === id)
        .map((l) => [l.item, l.monthlyUsd]);
    expect(by('WebAcl')).toEqual([
      ['web ACL', 5],
      ['3 rules', 3],
      ['1 million requests', 0.6],
    ]);
    expect(by('Key')).toEqual([['customer managed key', 1]]);
    expect(by('Secret')).toEqual([['secret', 0.4]]);
    // The log volume is split between the four sources (three RDS exports and the new group); the
    // free 5 GB goes to the database's share first, in stack order.
    expect(by('AppLogs')).toEqual([
      ['log group: 1.25 GB ingested', 0.63],
      ['log group: 1.25 GB stored', 0.04],
    ]);
  });
});
