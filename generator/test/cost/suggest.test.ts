import { parseDocument } from 'yaml';
import { estimateCost } from '../../src/cost/estimate';
import { loadPriceTable } from '../../src/cost/prices';
import { suggestSavings, type Edit } from '../../src/cost/suggest';
import { StrataError } from '../../src/errors';
import { generateText, SEED_TEXT } from '../core/helpers';

const table = loadPriceTable();

function suggestionsFor(text: string) {
  const generated = generateText(text);
  const reestimate = (edits: Edit[]) => {
    const doc = parseDocument(text);
    for (const e of edits) doc.setIn(e.path, e.value);
    try {
      return estimateCost(generateText(doc.toString()), table);
    } catch (error) {
      if (error instanceof StrataError) return undefined;
      throw error;
    }
  };
  return suggestSavings(generated.model, estimateCost(generated, table), table, reestimate, {
    'single-nat': 35,
  });
}

describe('strata cost --suggest', () => {
  const seed = suggestionsFor(SEED_TEXT);
  const byId = (id: string) => seed.find((s) => s.id === id);

  it("reproduces the seed's single-NAT saving (about $35 a month) by re-estimating the edited topology", () => {
    const nat = byId('single-nat')!;
    expect(nat).toMatchObject({
      edit: 'network.natGateways: single',
      monthlySavingUsd: 36.5,
      referenceUsd: 35,
    });
    expect(Math.abs(nat.monthlySavingUsd - 35) / 35).toBeLessThan(0.15);
    expect(nat.givesUp).toMatch(/high availability/);
    expect(seed[0].id).toBe('single-nat');
  });

  it('offers Graviton equivalents and one size step down, each as a topology edit', () => {
    expect(byId('graviton:tiers.frontend.instanceType')).toMatchObject({
      edit: 'tiers.frontend.instanceType: t4g.micro',
      monthlySavingUsd: 2.92,
    });
    expect(byId('size:tiers.backend.instanceType')).toMatchObject({
      edit: 'tiers.backend.instanceType: t3.nano',
    });
    expect(byId('graviton:database.instanceClass')).toMatchObject({
      edit: 'database.instanceClass: db.t4g.micro',
    });
  });

  it('prices a one-year commitment for fixed instances and the database, without an edit', () => {
    expect(byId('savings-plan')).toMatchObject({ monthlySavingUsd: 8.5 });
    expect(byId('savings-plan')!.edit).toBeUndefined();
    expect(byId('rds-reserved')).toMatchObject({ monthlySavingUsd: 3.6 });
  });

  it('prices Spot only for tiers marked interruptible', () => {
    expect(seed.some((s) => s.id.startsWith('spot:'))).toBe(false);
    const marked = suggestionsFor(`${SEED_TEXT}  interruptibleTiers: [backend]\n`);
    expect(
      marked.filter((s) => s.id.startsWith('spot:')).map((s) => [s.id, s.monthlySavingUsd]),
    ).toEqual([['spot:backend', 9.87]]);
  });

  it('suggests no single NAT gateway when there is one already', () => {
    const single = suggestionsFor(SEED_TEXT.replace('natGateways: per-az', 'natGateways: single'));
    expect(single.find((s) => s.id === 'single-nat')).toBeUndefined();
  });
});
