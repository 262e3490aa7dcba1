import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerName } from '../layers/types';
import { cachedModule } from './code-cache';
import { helpers } from './helpers';

/** Partials every layer may use, under `templates/partials/`. */
const SHARED_PARTIALS = ['header', 'tags', 'outputs'] as const;

/**
 * Each layer's own partials, under `templates/<layer>/partials/`. Listed here rather than discovered
 * so that a missing partial fails when the engine loads, not halfway through a render.
 */
export const LAYER_PARTIALS: Record<LayerName, readonly string[]> = {
  network: ['vpc-resources', 'subnets', 'nat-gateways', 'route-tables'],
  logs: ['log-groups'],
  security: ['security-groups', 'ingress-rules', 'instance-roles'],
  database: ['database-instance', 'database-logs', 'parameter-group'],
  compute: ['access-policies', 'launch-templates', 'instances'],
  certificate: ['certificate'],
  'load-balancer': ['load-balancer', 'target-groups', 'listeners', 'site-record'],
  firewall: ['web-acl', 'waf-logging'],
  monitoring: ['alarm-topic', 'alarms', 'dashboard'],
};

const LAYERS = Object.keys(LAYER_PARTIALS) as LayerName[];
const COMPILE_OPTIONS = { strict: true, noEscape: true };

/** A compiled template per layer. */
export type Engine = Record<LayerName, (data: object) => string>;

/** Template and partial sources of one layer, shared partials included. */
interface LayerSources {
  template: string;
  partials: Record<string, string>;
}

type Precompiled = Record<LayerName, { template: object; partials: Record<string, object> }>;

function readSources(templatesDir: string): Record<LayerName, LayerSources> {
  const read = (...path: string[]) => readFileSync(join(templatesDir, ...path), 'utf8');
  const shared = Object.fromEntries(
    SHARED_PARTIALS.map((name) => [name, read('partials', `${name}.yaml.hbs`)]),
  );
  return Object.fromEntries(
    LAYERS.map((layer) => [
      layer,
      {
        template: read(layer, 'template.yaml.hbs'),
        partials: {
          ...shared,
          ...Object.fromEntries(
            LAYER_PARTIALS[layer].map((name) => [
              name,
              read(layer, 'partials', `${name}.yaml.hbs`),
            ]),
          ),
        },
      },
    ]),
  ) as Record<LayerName, LayerSources>;
}

/** JavaScript source of a module holding every template precompiled by Handlebars. */
function precompileAll(sources: Record<LayerName, LayerSources>): string {
  const { precompile } = require('handlebars') as typeof import('handlebars');
  const spec = (source: string) => precompile(source, COMPILE_OPTIONS);
  const layers = LAYERS.map((layer) => {
    const partials = Object.entries(sources[layer].partials).map(
      ([name, source]) => `${JSON.stringify(name)}: ${spec(source)}`,
    );
    return `${JSON.stringify(layer)}: { template: ${spec(sources[layer].template)}, partials: { ${partials.join(',\n')} } }`;
  });
  return `module.exports = {\n${layers.join(',\n')}\n};\n`;
}

/**
 * Loads every layer's template and partials from a templates folder. Templates are precompiled once
 * per change of their sources (see code-cache), so a cold run needs only the Handlebars runtime.
 */
export function loadEngine(templatesDir: string, cacheRoot: string): Engine {
  const sources = readSources(templatesDir);
  const { version } = require('handlebars/package.json') as { version: string };
  const precompiled = cachedModule<Precompiled>(
    cacheRoot,
    'templates',
    [version, JSON.stringify(sources)],
    () => precompileAll(sources),
  );
  const runtime = require('handlebars/runtime') as typeof import('handlebars');
  return Object.fromEntries(
    LAYERS.map((layer) => {
      const hbs = runtime.create();
      for (const [name, helper] of Object.entries(helpers)) hbs.registerHelper(name, helper);
      for (const [name, spec] of Object.entries(precompiled[layer].partials))
        hbs.registerPartial(name, hbs.template(spec as never));
      const template = hbs.template(precompiled[layer].template as never);
      return [layer, (data: object) => template(data)];
    }),
  ) as Engine;
}
