import { costDelta } from '../../src/cost/delta';
import { generateText, SEED_TEXT } from '../core/helpers';

describe('costDelta', () => {
  const seed = generateText(SEED_TEXT);

  it('reports the monthly cost before, after and per changed resource', () => {
    const single = generateText(SEED_TEXT.replace('natGateways: per-az', 'natGateways: single'));
    const delta = costDelta(seed, single);
    expect(delta).toMatchObject({ beforeUsd: 158.95, afterUsd: 122.45, differenceUsd: -36.5 });
    expect(
      delta.resources.map((r) => [r.resource, r.beforeUsd, r.afterUsd, r.differenceUsd]),
    ).toEqual([
      ['NatGatewayA', 33.3, 33.75, 0.45],
      ['NatGatewayBEip', 3.65, 0, -3.65],
      ['NatGatewayB', 33.3, 0, -33.3],
    ]);
  });

  it('shows an added resource from zero', () => {
    const more = generateText(
      SEED_TEXT.replace('count: 2\n    port: 5000', 'count: 3\n    port: 5000'),
    );
    const delta = costDelta(seed, more);
    expect(delta.resources).toEqual([
      {
        layer: 'compute',
        resource: 'FrontendInstance3',
        type: 'AWS::EC2::Instance',
        beforeUsd: 0,
        afterUsd: 11.88,
        differenceUsd: 11.88,
      },
    ]);
  });

  it('is empty when nothing that costs money changed', () => {
    expect(costDelta(seed, generateText(SEED_TEXT)).resources).toEqual([]);
  });
});
