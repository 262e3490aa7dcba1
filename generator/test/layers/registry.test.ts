import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYER_NAMES, LAYERS, OWNED, templateFile } from '../../src/layers';
import { planLayers } from '../../src/layers/plan';
import type { Output } from '../../src/layers/types';
import { ref } from '../../src/cfn/intrinsics';
import { loadEngine } from '../../src/render/engine';
import { generateText, ROOT, SEED_TEXT } from '../core/helpers';

describe('the layer registry', () => {
  it('names every layer once, in deploy order, each with its own template folder', () => {
    expect(LAYER_NAMES).toEqual([
      'network',
      'logs',
      'alerts',
      'identity',
      'security',
      'gateways',
      'database',
      'certificate',
      'load-balancer',
      'compute',
      'firewall',
      'monitoring',
    ]);
    expect(new Set(LAYER_NAMES).size).toBe(LAYERS.length);
  });

  it('owns exactly the layer templates, the manifest and the diagram in out/', () => {
    for (const name of LAYER_NAMES) expect(OWNED.test(templateFile(name))).toBe(true);
    expect(OWNED.test('manifest.json')).toBe(true);
    // The diagram is written with the templates, so it is reviewed and golden-tested with them.
    expect(OWNED.test('diagram.svg')).toBe(true);
    for (const other of ['diagram.svg.bak', 'notes.yaml', 'network.yaml.bak', 'xnetwork.yaml'])
      expect(OWNED.test(other)).toBe(false);
  });

  it('orders the manifest stacks and project outputs by the registry', () => {
    const { manifest, model } = generateText(SEED_TEXT);
    // The seed turns none of the production settings on, so only the layers it needs apply.
    expect(manifest.stacks.map((s) => s.layer)).toEqual(
      LAYERS.filter((l) => l.applies(model)).map((l) => l.name),
    );
    expect(manifest.stacks).toHaveLength(7);
    expect(manifest.outputs).toEqual({ siteUrl: { layer: 'load-balancer', output: 'SiteUrl' } });
  });

  it('leaves the template data as the layer built it', () => {
    const { model } = generateText(SEED_TEXT);
    for (const planned of planLayers(model)) {
      expect(planned.data).toEqual(planned.layer.toTemplateData(model));
      expect(planned.layer.name).toBe(planned.data.layer);
    }
  });
});

describe('template data', () => {
  it('keeps YAML expressions apart from names (the second half is checked by npm run typecheck)', () => {
    const output: Output = { name: 'VpcId', value: ref('Vpc'), description: 'The VPC' };
    expect(output.value).toBe('!Ref Vpc');
    // @ts-expect-error a logical id is not a YAML expression: it must go through ref()
    const wrong: Output = { name: 'VpcId', value: 'Vpc', description: 'The VPC' };
    expect(wrong.value).toBe('Vpc');
  });
});

describe('the engine', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-templates-'));
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails at load, naming the file, when a listed partial is missing', () => {
    rmSync(join(dir, 'network/partials/subnets.yaml.hbs'));
    expect(() => loadEngine(dir, dir)).toThrow(/network\/partials\/subnets\.yaml\.hbs/);
  });

  it('fails at load when a template uses a partial its layer does not have', () => {
    writeFileSync(join(dir, 'database/template.yaml.hbs'), '{{> header}}\n{{> nowhere}}\n');
    expect(() => loadEngine(dir, dir)).toThrow(
      'templates/database: template.yaml.hbs uses partial nowhere',
    );
  });
});
