import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError, StrataError, type Diagnostic } from '../../src/errors';
import { validateEnvironment } from '../../src/spec/environment';
import { parseSpec } from '../../src/spec/load';
import { applyEnvironment, environmentNames } from '../../src/spec/overlay';
import { ROOT, SEED_TEXT } from '../core/helpers';

const BASE = `name: demo
region: us-east-1
tags: { Team: web, Owner: ops }
network:
  cidr: 10.0.0.0/16
  availabilityZones: [us-east-1a, us-east-1b]
database:
  multiAz: false
  name: appdb
`;

/** The merged data, loosely typed: the tests look at whatever shape the overlay produced. */
type Data = Record<string, Record<string, unknown> & { availabilityZones?: string[] }>;

const merged = (overlay: string) =>
  applyEnvironment(parseSpec('t.yaml', `${BASE}environments:\n  e:\n${overlay}`), 'e').data as Data;

describe('overlay merge rules', () => {
  it('merges maps key by key, keeping what the overlay does not set', () => {
    const data = merged('    database: { multiAz: true }\n    tags: { Owner: sre }\n');
    expect(data.database).toEqual({ multiAz: true, name: 'appdb' });
    expect(data.tags).toEqual({ Team: 'web', Owner: 'sre' });
    expect(data.network.cidr).toBe('10.0.0.0/16');
  });

  it('replaces lists whole rather than merging them by index', () => {
    const data = merged('    network: { availabilityZones: [us-west-2c] }\n');
    expect(data.network.availabilityZones).toEqual(['us-west-2c']);
  });

  it('removes a key set to null, ~ or nothing, and adds keys the base lacks', () => {
    const data = merged(
      '    tags: { Team: null, Owner: ~ }\n    database:\n      name:\n    region: eu-west-1\n    deploy: { terminationProtection: false }\n',
    );
    expect(data.tags).toEqual({});
    expect(data.database).toEqual({ multiAz: false });
    expect(data.region).toBe('eu-west-1');
    expect(data.deploy).toEqual({ terminationProtection: false });
    expect(data.environments).toBeUndefined();
  });

  it('replaces a map by a scalar and a scalar by a map, and leaves the base document untouched', () => {
    const spec = parseSpec('t.yaml', `${BASE}environments:\n  e:\n    tags: 3\n`);
    expect((applyEnvironment(spec, 'e').data as Data).tags).toBe(3);
    expect((spec.data as Data).tags).toEqual({ Team: 'web', Owner: 'ops' });
    expect(String(spec.doc)).toContain('Owner: ops');
  });

  it('lists environments in file order and refuses an unknown one with a suggestion', () => {
    const spec = parseSpec('t.yaml', `${BASE}environments:\n  prod: {}\n  staging: {}\n`);
    expect(environmentNames(spec)).toEqual(['prod', 'staging']);
    expect(() => applyEnvironment(spec, 'prd')).toThrow(StrataError);
    try {
      applyEnvironment(spec, 'prd');
    } catch (error) {
      expect((error as StrataError).message).toBe('t.yaml has no environment "prd"');
      expect((error as StrataError).hint).toContain('prod');
    }
  });
});

function failures(text: string, env?: string): Diagnostic[] {
  try {
    validateEnvironment(parseSpec('spec/topology.yaml', text), env);
  } catch (error) {
    if (error instanceof SpecError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected the topology to fail');
}

/** The 1-based line of the first line of `text` holding `needle`. */
const lineIn = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('errors inside environments', () => {
  it('points at the overlay line for a value the overlay set, with the environment in the path', () => {
    const text = SEED_TEXT.replace('      multiAz: true\n', '      multiAz: yes please\n');
    const [d, ...rest] = failures(text, 'prod');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'schema/type',
      path: 'environments.prod.database.multiAz',
      position: { line: lineIn(text, 'multiAz: yes please'), column: 16 },
    });
  });

  it('reports the same overlay error when the base is validated (the schema describes environments)', () => {
    const text = SEED_TEXT.replace('      multiAz: true\n', '      multiAz: yes please\n');
    const [d] = failures(text);
    expect(d).toMatchObject({
      path: 'environments.prod.database.multiAz',
      position: { line: lineIn(text, 'multiAz: yes please') },
      message: 'must be a boolean, not string',
    });
  });

  it('points at the base line for a value from the base, saying which environment it breaks', () => {
    // A zone outside the dr region is fine in the base but the dr overlay keeps only its own zones;
    // here the overlay instead breaks a base reference: removing the `private` group the tiers use.
    const text = SEED_TEXT.replace(
      '    network:\n      availabilityZones: [us-west-2a, us-west-2b]\n',
      '    network:\n      availabilityZones: [us-west-2a, us-west-2b]\n      subnets: { private: null }\n',
    );
    const diagnostics = failures(text, 'dr');
    const tier = diagnostics.find((d) => d.path === 'tiers.backend.subnets')!;
    expect(tier.message).toMatch(/\(in environment `dr`\)$/);
    expect(tier.position?.line).toBe(lineIn(text, 'subnets: private'));
  });

  it('locates an unknown key of an overlay at its own line, with a suggestion', () => {
    const text = SEED_TEXT.replace('      multiAz: true\n', '      multiAZ: true\n');
    const [d] = failures(text, 'prod');
    expect(d).toMatchObject({
      code: 'schema/additionalProperties',
      path: 'environments.prod.database.multiAZ',
      position: { line: lineIn(text, 'multiAZ: true'), column: 7 },
    });
    expect(d.fix).toContain('multiAz');
  });

  it('names the environment of a required value an overlay removed', () => {
    const text = SEED_TEXT.replace(
      '  dr:\n    region: us-west-2\n',
      '  dr:\n    region: us-west-2\n    name: null\n',
    );
    const [d] = failures(text, 'dr');
    expect(d).toMatchObject({ code: 'schema/required', path: '' });
    expect(d.message).toContain('`name`');
    expect(d.message).toContain('(in environment `dr`)');
  });
});

describe('the overlay schema', () => {
  it('is the one gen:schema derives from the base schema (run `npm run gen:schema`)', () => {
    const r = spawnSync('node', [join(ROOT, 'generator/scripts/gen-schema.js'), '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('makes every field optional and nullable, keeps lists whole and drops defaults', () => {
    type Property = { type?: unknown; enum?: unknown[]; items?: unknown; description?: string };
    type Schema = {
      definitions: Record<string, { required?: string[]; properties: Record<string, Property> }>;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the script is CommonJS
    const { withEnvironmentSchema } = require(
      join(ROOT, 'generator/scripts/environment-schema.js'),
    );
    const base = JSON.parse(readFileSync(join(ROOT, 'schema/topology.schema.json'), 'utf8'));
    const schema = withEnvironmentSchema(base) as Schema;
    const db = schema.definitions.databaseOverlay;
    expect(db.required).toBeUndefined();
    expect(db.properties.multiAz).toEqual({
      description: expect.any(String),
      type: ['boolean', 'null'],
    });
    expect(db.properties.deletionPolicy.enum).toContain(null);
    const net = schema.definitions.networkOverlay.properties;
    expect(net.availabilityZones.items).toEqual(
      schema.definitions.network.properties.availabilityZones.items,
    );
    expect(schema.definitions.environment.properties.environments).toBeUndefined();
  });
});
