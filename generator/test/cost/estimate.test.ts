import { estimateCost } from '../../src/cost/estimate';
import { MissingPriceError } from '../../src/cost/lookup';
import { loadPriceTable } from '../../src/cost/prices';
import { costSourceOf } from '../../src/cost/source';
import { StrataError } from '../../src/errors';
import { generateText, SEED_TEXT } from '../core/helpers';

const table = loadPriceTable();
const seed = generateText(SEED_TEXT);
const edited = (from: string, to: string) => generateText(SEED_TEXT.replace(from, to));

describe('strata cost prices every resource strata renders', () => {
  const estimate = estimateCost(seed, table);

  it('puts every rendered resource either on a priced line or on the free list', () => {
    const rendered = [...seed.templates.values()].flatMap((t) => Object.keys(t.Resources));
    const seen = new Set([
      ...estimate.lines.map((l) => l.resource),
      ...estimate.free.map((f) => f.resource),
    ]);
    expect([...seen].sort()).toEqual([...rendered].sort());
    expect(estimate.free.every((f) => f.reason.length > 0)).toBe(true);
  });

  it('prices the seed per resource from the table (t3.micro at $0.0104/h, 730 h)', () => {
    const line = estimate.lines.find(
      (l) => l.resource === 'FrontendInstance1' && l.price.startsWith('ec2.'),
    )!;
    expect(line).toMatchObject({
      quantity: 730,
      unitUsd: 0.0104,
      monthlyUsd: 7.59,
      item: '1 × t3.micro',
    });
    const nat = estimate.lines.filter((l) => l.resource === 'NatGatewayA').map((l) => l.monthlyUsd);
    expect(nat).toEqual([32.85, 0.45]);
    const db = estimate.lines.filter((l) => l.resource === 'Database').map((l) => l.item);
    expect(db).toEqual(
      expect.arrayContaining([
        'db.t3.micro Single-AZ',
        '20 GiB gp3 storage',
        'master password secret (RDS-managed)',
      ]),
    );
  });

  it('charges public IPv4 addresses: NAT EIPs, public-subnet instances and load balancer nodes', () => {
    const ipv4 = estimate.lines
      .filter((l) => l.price === 'vpc.publicIpv4Hourly')
      .map((l) => l.resource);
    expect(ipv4.sort()).toEqual([
      'FrontendInstance1',
      'FrontendInstance2',
      'LoadBalancer',
      'NatGatewayAEip',
      'NatGatewayBEip',
    ]);
  });

  it('sums lines into layers and layers into the total', () => {
    const byLayer = Object.fromEntries(estimate.byLayer.map((l) => [l.layer, l.monthlyUsd]));
    // The NAT gateways are the gateways stack's since the re-cut of issue 12.
    expect(byLayer).toEqual({
      network: 0,
      identity: 0,
      gateways: 73.9,
      security: 0,
      database: 15.26,
      compute: 40.22,
      'load-balancer': 29.57,
    });
    expect(estimate.totalUsd).toBe(158.95);
  });

  it('applies the always-free allowances, and not when they are turned off', () => {
    const egress = estimate.lines.find((l) => l.resource === 'InternetGateway')!;
    expect(egress).toMatchObject({ quantity: 100, freeQuantity: 100, monthlyUsd: 0 });
    const off = estimateCost(
      generateText(`${SEED_TEXT}  assumptions: { freeAllowances: false, internetEgressGB: 250 }\n`),
      table,
    );
    expect(off.lines.find((l) => l.resource === 'InternetGateway')!.monthlyUsd).toBe(22.5);
  });

  it('prices Multi-AZ as primary plus standby, storage included', () => {
    const multi = estimateCost(edited('multiAz: false', 'multiAz: true'), table);
    const db = multi.lines.filter((l) => l.resource === 'Database');
    expect(db[0]).toMatchObject({ price: 'rds.mysqlMultiAzHourly.db.t3.micro', monthlyUsd: 24.82 });
    expect(db[1]).toMatchObject({ monthlyUsd: 4.6 });
  });

  it('stops with the missing instance type and the topology setting that chose it', () => {
    const run = () =>
      estimateCost(
        edited(
          'instanceType: t3.micro\n    count: 2\n    port: 5001',
          'instanceType: x9.mega\n    count: 2\n    port: 5001',
        ),
        table,
      );
    expect(run).toThrow(MissingPriceError);
    try {
      run();
    } catch (error) {
      expect((error as MissingPriceError).specPath).toBe('tiers.backend.instanceType');
      expect((error as Error).message).toMatch(
        /instance type x9\.mega .* is not in pricing\/aws-\d{4}-\d{2}\.json for us-east-1/,
      );
    }
  });

  it('refuses a resource type it cannot price instead of counting it as free', () => {
    const source = costSourceOf(seed);
    source.stacks[0].template.Resources.Mystery = { Type: 'AWS::Foo::Bar', Properties: {} };
    expect(() => estimateCost(source, table)).toThrow(
      /AWS::Foo::Bar \(Mystery in out\/network\.yaml\)/,
    );
    delete source.stacks[0].template.Resources.Mystery;
  });

  it('refuses a region the table has no prices for', () => {
    const source = { ...costSourceOf(seed), region: 'eu-west-1' };
    expect(() => estimateCost(source, table)).toThrow(StrataError);
    expect(() => estimateCost(source, table)).toThrow(/no prices for region eu-west-1/);
  });
});
