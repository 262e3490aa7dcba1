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
  interface SchemaNode {
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    additionalProperties?: SchemaNode | boolean;
    $ref?: string;
    description?: string;
  }
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/topology.schema.json'), 'utf8')) as {
    definitions: Record<string, SchemaNode>;
  } & SchemaNode;
  const missing: string[] = [];
  const walk = (node: SchemaNode | boolean | undefined, path: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      const target = prop.$ref ? schema.definitions[prop.$ref.split('/').pop()!] : prop;
      if (!prop.description && !target.description) missing.push(`${path}.${name}`);
      walk(prop, `${path}.${name}`);
    }
    for (const key of ['items', 'additionalProperties'] as const)
      if (typeof node[key] === 'object') walk(node[key], `${path}[]`);
  };
  walk(schema, '');
  for (const [name, def] of Object.entries(schema.definitions)) walk(def, `#${name}`);
  expect(missing).toEqual([]);
});

it("docs/topology.md's topology reference matches the schema (run `npm run gen:docs`)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository
  const { replaceReference } = require(join(ROOT, 'generator/scripts/topology-reference.js'));
  const readme = readFileSync(join(ROOT, 'docs/topology.md'), 'utf8');
  expect(replaceReference(readme)).toBe(readme);
});
