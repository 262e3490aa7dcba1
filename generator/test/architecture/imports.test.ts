import { join } from 'node:path';
import { ROOT } from '../core/helpers';
import { backwardArrows, cycles, readImportGraph, type ImportGraph } from './import-graph';

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the import rule of generator/src', () => {
  const real = readImportGraph(join(ROOT, 'generator/src'));

  it('reads the real graph', () => {
    expect(real.get('cli.ts')).toEqual(
      expect.arrayContaining(['commands/index.ts', 'errors.ts', 'output/context.ts']),
    );
    expect(real.size).toBeGreaterThan(50);
  });

  it('has no import cycle', () => {
    expect(cycles(real).map((c) => c.join(' → '))).toEqual([]);
  });

  it('has no import against the levels', () => {
    expect(backwardArrows(real)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('name the files around a cycle, type-only imports included', () => {
    const g = graph({
      'cli.ts': ['commands/index.ts'],
      'commands/index.ts': ['lint/generate-hook.ts'],
      'lint/generate-hook.ts': ['cli.ts'],
      'errors.ts': [],
    });
    expect(cycles(g)).toEqual([['cli.ts', 'commands/index.ts', 'lint/generate-hook.ts', 'cli.ts']]);
  });

  it('name an upward and a sideways import, and a file on no level', () => {
    const g = graph({
      'spec/rules.ts': ['layers/user-data.ts', 'model/boot.ts'],
      'diff/format.ts': ['diff/model.ts'],
      'cfn/yaml.ts': ['manifest/types.ts'],
      'extras/thing.ts': [],
    });
    expect(backwardArrows(g)).toEqual([
      'spec/rules.ts imports layers/user-data.ts: a level above it',
      'cfn/yaml.ts imports manifest/types.ts: a different folder of the same level',
      'extras/thing.ts is in extras, which is on no level of the import rule',
    ]);
  });
});
