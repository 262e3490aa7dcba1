import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerName } from '../layers/types';
import { helpers } from './helpers';

/** Partials every layer may use, under `templates/partials/`. */
const SHARED_PARTIALS = ['header', 'tags', 'outputs'] as const;

/**
 * Each layer's own partials, under `templates/<layer>/partials/`. Listed here rather than discovered
 * so that a missing partial fails when the engine loads, not halfway through a render.
 */
export const LAYER_PARTIALS: Record<LayerName, readonly string[]> = {
  network: ['vpc-resources', 'subnets', 'nat-gateways', 'route-tables'],
  security: ['security-groups', 'ingress-rules', 'instance-roles'],
  database: ['database-instance'],
  compute: ['access-policies', 'launch-templates', 'instances'],
  'load-balancer': ['load-balancer', 'target-groups', 'listeners'],
};

/** A compiled template per layer. */
export type Engine = Record<LayerName, (data: object) => string>;

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function compileLayer(templatesDir: string, layer: LayerName): (data: object) => string {
  const hbs = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) hbs.registerHelper(name, helper);
  for (const name of SHARED_PARTIALS) hbs.registerPartial(name, read(join(templatesDir, 'partials', `${name}.yaml.hbs`)));
  for (const name of LAYER_PARTIALS[layer]) hbs.registerPartial(name, read(join(templatesDir, layer, 'partials', `${name}.yaml.hbs`)));
  const template = hbs.compile(read(join(templatesDir, layer, 'template.yaml.hbs')), { strict: true, noEscape: true });
  return (data) => template(data);
}

/** Loads and compiles every layer's template and partials from a templates folder. */
export function loadEngine(templatesDir: string): Engine {
  const layers = Object.keys(LAYER_PARTIALS) as LayerName[];
  return Object.fromEntries(layers.map((layer) => [layer, compileLayer(templatesDir, layer)])) as Engine;
}
