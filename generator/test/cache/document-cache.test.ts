import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { parseTopologyDocument, SPEC_PARSE_OPTIONS } from '../../src/spec/document-cache';
import { validateTopology } from '../../src/spec/validate';
import { parseSpec } from '../../src/spec/load';
import { SpecError } from '../../src/errors';
import { ROOT } from '../core/helpers';

/** Every topology-like YAML file in the repository's specs, examples and test fixtures. */
function topologies(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'out' && name !== 'node_modules') walk(path);
      } else if (name.endsWith('.yaml') || name.endsWith('.yml')) found.push(relative(ROOT, path));
    }
  };
  for (const dir of ['spec', 'examples', 'generator/test/fixtures']) walk(join(ROOT, dir));
  return found;
}

/** Every node of a document with what downstream code reads from it: kind, range, value and fields. */
function dump(doc: { contents: unknown }): unknown[] {
  const out: unknown[] = [];
  visit(doc as never, {
    Node: (_key, node) => {
      const kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'other';
      const { items: _items, ...fields } = node as unknown as Record<string, unknown>;
      out.push({ kind, fields });
    },
    Pair: (_key, pair) => {
      out.push({ pair: isPair(pair) });
    },
  });
  return out;
}

const SAMPLE = topologies();

/** The file's text with a comment no other run has added, so its first parse misses the cache. */
const fresh = (file: string) =>
  `${readFileSync(join(ROOT, file), 'utf8')}\n# ${process.pid} ${Date.now()} ${Math.random()}\n`;

describe('the topology document cache', () => {
  it('finds the fixtures', () => expect(SAMPLE.length).toBeGreaterThan(20));

  it.each(SAMPLE)('rebuilds %s exactly as the library parses it', (file) => {
    const text = fresh(file);
    const lineCounter = new LineCounter();
    const library = parseDocument(text, { lineCounter, ...SPEC_PARSE_OPTIONS });
    // The first call parses and stores; the second is a hit whenever the document was storable.
    parseTopologyDocument(text);
    const cached = parseTopologyDocument(text);
    expect(cached.lineCounter.lineStarts).toEqual(lineCounter.lineStarts);
    expect(cached.doc.errors.map((e) => e.message)).toEqual(library.errors.map((e) => e.message));
    expect(cached.doc.warnings.map((e) => e.message)).toEqual(
      library.warnings.map((e) => e.message),
    );
    expect(dump(cached.doc)).toEqual(dump(library));
    expect(cached.doc.range).toEqual(library.range);
    if (library.errors.length === 0)
      expect(cached.doc.toJS({ maxAliasCount: 100 })).toEqual(library.toJS({ maxAliasCount: 100 }));
  });

  it.each(SAMPLE.filter((f) => f.includes('fixtures/')).slice(0, 40))(
    'reports the same diagnostics for %s from the cache',
    (file) => {
      const text = fresh(file);
      const outcome = () => {
        try {
          const spec = parseSpec(file, text);
          return validateTopology(spec).warnings;
        } catch (error) {
          if (error instanceof SpecError) return error.diagnostics;
          return String(error);
        }
      };
      // A miss (the library's parse), then a hit (the rebuilt document).
      const first = outcome();
      expect(outcome()).toEqual(first);
    },
  );
});
