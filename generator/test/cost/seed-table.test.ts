import { compareWithReference, loadReference } from '../../src/cost/compare';
import { estimateCost } from '../../src/cost/estimate';
import { ROOT, generateText, SEED_TEXT } from '../core/helpers';

// The seed document's own cost table, line by line beside strata's figure (issue 14, item 2).
describe("strata cost against the seed's table", () => {
  const reference = loadReference('seed', ROOT);
  const comparison = compareWithReference(estimateCost(generateText(SEED_TEXT)), reference);
  const line = (service: string) => comparison.lines.find((l) => l.service === service)!;

  it("prints every one of the seed's lines with its figure", () => {
    expect(comparison.lines.map((l) => [l.service, l.configuration, l.referenceUsd])).toEqual([
      ['EC2 (Frontend)', '2 × t3.micro', 15],
      ['EC2 (Backend)', '2 × t3.micro', 15],
      ['RDS MySQL', 'db.t3.micro', 15],
      ['ALB', 'Standard', 20],
      ['NAT Gateway', '2 × Standard', 70],
      ['Data Transfer', '~100 GB', 10],
    ]);
    expect(comparison.total.referenceUsd).toBe(145);
  });

  it('explains every difference over 15% and only those', () => {
    for (const l of comparison.lines)
      expect(l.explanations.length > 0).toBe(Math.abs(l.difference) > 0.15);
    expect(comparison.lines.filter((l) => l.explanations.length).map((l) => l.service)).toEqual([
      'EC2 (Frontend)',
      'ALB',
      'Data Transfer',
    ]);
  });

  it('names the public IPv4 charge and the root volumes the seed predates or omits', () => {
    const frontend = line('EC2 (Frontend)').explanations.join('\n');
    expect(frontend).toMatch(/\$15\.18 = 1 × t3\.micro \$7\.59 \+ 1 × t3\.micro \$7\.59/);
    expect(frontend).toMatch(/\+ \$7\.30 public IPv4 address .*February 2024/);
    expect(frontend).toMatch(/\+ \$1\.28 8 GiB gp3 volume .*EBS root volumes/);
    expect(line('ALB').explanations.join('\n')).toMatch(/\+ \$7\.30 public IPv4 address/);
  });

  it("explains the data transfer line by AWS's free 100 GB a month", () => {
    expect(line('Data Transfer')).toMatchObject({ strataUsd: 0, difference: -1 });
    expect(line('Data Transfer').explanations.join('\n')).toMatch(
      /100 GB .* always-free .*\(without it: \$9\.00\)/,
    );
  });

  it('matches the seed within 15% where the seed counted the same things', () => {
    for (const s of ['EC2 (Backend)', 'RDS MySQL', 'NAT Gateway'])
      expect(Math.abs(line(s).difference)).toBeLessThanOrEqual(0.15);
    expect(comparison.total.strataUsd).toBe(158.95);
    expect(Math.abs(comparison.total.difference)).toBeLessThanOrEqual(0.15);
  });

  it('leaves nothing priced out of the comparison on the seed', () => {
    expect(comparison.notInReference).toEqual([]);
  });
});
