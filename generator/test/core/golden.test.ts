import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCfnYaml } from '../../src/cfn/yaml';
import { OWNED } from '../../src/layers';
import { generateText, ROOT, SEED_TEXT } from './helpers';

// out/ is committed so reviewers see every change; it must be exactly what the seed generates.
describe('out/ is the golden output of spec/topology.yaml', () => {
  const generated = generateText(SEED_TEXT);
  const committed = readdirSync(join(ROOT, 'out'))
    .filter((n) => OWNED.test(n))
    .sort();

  it('has exactly the files generate writes', () => {
    expect(committed).toEqual([...generated.files.keys()].sort());
  });

  for (const [name, text] of generated.files) {
    it(`out/${name} is current (run \`npx strata generate\` if this fails)`, () => {
      const onDisk = readFileSync(join(ROOT, 'out', name), 'utf8');
      if (name.endsWith('.yaml') && onDisk !== text) {
        // Compare resource by resource first, so a failure names the resource that changed.
        const before = parseCfnYaml(onDisk);
        const after = parseCfnYaml(text);
        for (const id of new Set([
          ...Object.keys(before.Resources),
          ...Object.keys(after.Resources),
        ])) {
          expect({ [id]: after.Resources[id] }).toEqual({ [id]: before.Resources[id] });
        }
      }
      expect(text).toBe(onDisk);
    });
  }

  it('is byte-for-byte deterministic', () => {
    const again = generateText(SEED_TEXT);
    expect([...again.files]).toEqual([...generated.files]);
  });
});
