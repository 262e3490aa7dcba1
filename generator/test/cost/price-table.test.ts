import { loadPriceTable, type PriceEntry } from '../../src/cost/prices';

/** Every figure of an object tree, with its dotted key. */
function figures(node: unknown, key = ''): Array<[string, PriceEntry]> {
  if (!node || typeof node !== 'object') return [];
  const entry = node as PriceEntry & { fraction?: number };
  if (typeof entry.usd === 'number' || typeof entry.fraction === 'number') return [[key, entry]];
  return Object.entries(node).flatMap(([k, v]) => figures(v, key ? `${key}.${k}` : k));
}

describe('pricing/aws-<yyyy-mm>.json', () => {
  const table = loadPriceTable();
  const all = figures({ discounts: table.discounts, regions: table.regions });

  it('is dated and covers the regions the topology and its fixtures use', () => {
    expect(table.file).toMatch(/^pricing\/aws-\d{4}-\d{2}\.json$/);
    expect(table.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(table.regions).sort()).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
  });

  it('gives every confirmed figure its source page and reading date, and every other one a note', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const [key, entry] of all) {
      if (entry.confirmed) {
        expect({ key, source: /^https?:\/\//.test(entry.source ?? '') }).toEqual({
          key,
          source: true,
        });
        expect({ key, read: entry.read }).toEqual({ key, read: table.read });
      } else {
        expect({ key, note: (entry.note ?? '').length > 20 }).toEqual({ key, note: true });
        expect({ key, source: entry.source }).toEqual({ key, source: undefined });
      }
    }
  });

  it('lists the same items in every region', () => {
    const keys = (region: string) =>
      figures(table.regions[region])
        .map(([k]) => k)
        .sort();
    expect(keys('us-west-2')).toEqual(keys('us-east-1'));
  });

  it('keeps each family linear in size: every size step doubles the price', () => {
    const ec2 = table.regions['us-east-1'].ec2.onDemandHourly;
    for (const [small, big] of [
      ['t3.micro', 't3.small'],
      ['t3.small', 't3.medium'],
      ['t3.medium', 't3.large'],
      ['t4g.micro', 't4g.small'],
      ['m5.large', 'm5.xlarge'],
    ])
      expect(ec2[big].usd / ec2[small].usd).toBeCloseTo(2, 2);
  });
});
