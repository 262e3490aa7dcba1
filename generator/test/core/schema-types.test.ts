import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

// The model types are generated from the schema; this fails when someone edits one without the other.
// json-schema-to-typescript loads prettier as an ES module, which Jest's CommonJS sandbox cannot, so it runs in node.
it('generator/src/model/topology.generated.ts matches schema/topology.schema.json (run `npm run gen:types`)', () => {
  const r = spawnSync('node', [join(ROOT, 'generator/scripts/gen-types.js'), '--check'], {
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 30000);

it('every property in the schema has a description, for editor hover help', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/topology.schema.json'), 'utf8'));
  const missing: string[] = [];
  const walk = (node: any, path: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [name, prop] of Object.entries<any>(node.properties ?? {})) {
      const target = prop.$ref ? schema.definitions[prop.$ref.split('/').pop()] : prop;
      if (!prop.description && !target.description) missing.push(`${path}.${name}`);
      walk(prop, `${path}.${name}`);
    }
    for (const key of ['items', 'additionalProperties'])
      if (typeof node[key] === 'object') walk(node[key], `${path}[]`);
  };
  walk(schema, '');
  for (const [name, def] of Object.entries(schema.definitions)) walk(def, `#${name}`);
  expect(missing).toEqual([]);
});

it("docs/topology.md's topology reference matches the schema (run `npm run gen:docs`)", () => {
  const { replaceReference } = require(join(ROOT, 'generator/scripts/topology-reference.js'));
  const readme = readFileSync(join(ROOT, 'docs/topology.md'), 'utf8');
  expect(replaceReference(readme)).toBe(readme);
});
