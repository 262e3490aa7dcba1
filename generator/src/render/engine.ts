import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, type LayerName } from '../layers';
import type { Layer } from '../layers/types';
import { cachedModule } from '../util/code-cache';
import { helpers } from './helpers';

/** Partials every layer may use, under `templates/partials/`. */
const SHARED_PARTIALS = ['header', 'tags', 'outputs'] as const;

const COMPILE_OPTIONS = { strict: true, noEscape: true };
const PARTIAL_FILE = '.yaml.hbs';

/** A compiled template per layer. */
export type Engine = Record<LayerName, (data: object) => string>;

/** Template and partial sources of one layer, shared partials included. */
interface LayerSources {
  template: string;
  partials: Record<string, string>;
}

type Precompiled = Record<LayerName, { template: object; partials: Record<string, object> }>;

/** A layer's own partials: the ones its registry entry lists, else every file of its folder. */
function partialsOf(templatesDir: string, layer: Layer): readonly string[] {
  if (layer.partials) return layer.partials;
  const dir = join(templatesDir, layer.name, 'partials');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(PARTIAL_FILE))
    .map((f) => f.slice(0, -PARTIAL_FILE.length))
    .sort();
}

/** Fails at load, naming the file, when a template uses a partial its layer does not have. */
function checkPartialsUsed(layer: string, sources: LayerSources): void {
  const files = { 'template.yaml.hbs': sources.template, ...sources.partials };
  for (const [file, text] of Object.entries(files)) {
    for (const match of text.matchAll(/\{\{~?>\s*([\w-]+)/g)) {
      if (!(match[1] in sources.partials))
        throw new Error(
          `templates/${layer}: ${file} uses partial ${match[1]}, which is neither shared nor listed for the layer`,
        );
    }
  }
}

function readSources(templatesDir: string): Record<LayerName, LayerSources> {
  const read = (...path: string[]) => readFileSync(join(templatesDir, ...path), 'utf8');
  const shared = Object.fromEntries(
    SHARED_PARTIALS.map((name) => [name, read('partials', `${name}${PARTIAL_FILE}`)]),
  );
  const entries = LAYERS.map((layer): [LayerName, LayerSources] => {
    const own = partialsOf(templatesDir, layer).map((name) => [
      name,
      read(layer.name, 'partials', `${name}${PARTIAL_FILE}`),
    ]);
    const sources = {
      template: read(layer.name, 'template.yaml.hbs'),
      partials: { ...shared, ...Object.fromEntries(own) },
    };
    return [layer.name, sources];
  });
  return Object.fromEntries(entries) as Record<LayerName, LayerSources>;
}

/** JavaScript source of a module holding every template precompiled by Handlebars. */
function precompileAll(sources: Record<LayerName, LayerSources>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: a cold run with cached templates never loads the compiler
  const { precompile } = require('handlebars') as typeof import('handlebars');
  const spec = (source: string) => precompile(source, COMPILE_OPTIONS);
  const layers = LAYERS.map(({ name: layer }) => {
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read only here
  const { version } = require('handlebars/package.json') as { version: string };
  const precompiled = cachedModule<Precompiled>(
    cacheRoot,
    'templates',
    [version, JSON.stringify(sources)],
    () => {
      // Checked only when the sources changed (a cache miss): a hit means these very sources passed.
      for (const { name } of LAYERS) checkPartialsUsed(name, sources[name]);
      return precompileAll(sources);
    },
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime alone, not the compiler (cold start)
  const runtime = require('handlebars/runtime') as typeof import('handlebars');
  return Object.fromEntries(
    LAYERS.map(({ name: layer }) => {
      const hbs = runtime.create();
      for (const [name, helper] of Object.entries(helpers)) hbs.registerHelper(name, helper);
      for (const [name, spec] of Object.entries(precompiled[layer].partials))
        hbs.registerPartial(name, hbs.template(spec as never));
      const template = hbs.template(precompiled[layer].template as never);
      return [layer, (data: object) => template(data)];
    }),
  ) as Engine;
}
