import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImpactIndex, impactsOf, loadImpactIndex } from '../../src/diff/impact-index';
import type { SpecEntities } from '../../src/lint/resource-data';

const str = { type: 'string' } as const;

describe('the impact index', () => {
  it('lists create-only properties, nested ones under their parent path with * for list items', () => {
    const entities = {
      resources: [
        {
          $id: 'r1',
          cloudFormationType: 'AWS::X::Thing',
          name: 'Thing',
          properties: {
            Name: { type: str, causesReplacement: 'yes' },
            Size: { type: str },
            Mode: { type: str, causesReplacement: 'maybe' },
            Rules: { type: { type: 'array', element: { type: 'ref', reference: { $ref: 't1' } } } },
          },
          attributes: { Arn: {} },
        },
      ],
      typeDefinitions: [
        {
          $id: 't1',
          name: 'Rule',
          properties: { Port: { type: str, causesReplacement: 'yes' }, Note: { type: str } },
        },
      ],
    } as unknown as SpecEntities;
    const index = buildImpactIndex(entities, '1.0.0');
    expect(impactsOf(index, 'AWS::X::Thing')).toEqual({
      replace: ['Name', 'Rules.*.Port'],
      conditional: ['Mode'],
      attributes: ['Arn'],
    });
    expect(impactsOf(index, 'AWS::X::Unknown')).toBeUndefined();
  });

  it('reads the real schemas: an instance is replaced by a new launch template or subnet, not by its type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-impacts-'));
    try {
      const index = loadImpactIndex(dir);
      const instance = impactsOf(index, 'AWS::EC2::Instance')!;
      expect(instance.replace).toEqual(
        expect.arrayContaining(['LaunchTemplate', 'SubnetId', 'ImageId']),
      );
      expect(instance.replace).not.toContain('InstanceType');
      expect(impactsOf(index, 'AWS::RDS::DBInstance')!.replace).toEqual(
        expect.arrayContaining(['DBName', 'MasterUsername']),
      );
      // Cached beside lint's index, so the next process reads it instead of the package.
      expect(readdirSync(dir).some((f) => f.startsWith('diff-impacts-'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
