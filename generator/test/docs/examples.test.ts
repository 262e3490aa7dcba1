import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';

interface DocsExamples {
  DOCS: string[];
  EXAMPLES: Record<string, unknown>;
  blocksOf(text: string): Array<{ id: string; content: string }>;
  produce(id: string): string;
  replaceExamples(text: string, make?: (id: string) => string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository
const examples = require(join(ROOT, 'generator/scripts/docs-examples.js')) as DocsExamples;

const blocks = examples.DOCS.flatMap((file) =>
  examples.blocksOf(readFileSync(join(ROOT, file), 'utf8')).map((b) => ({ file, ...b })),
);
// The examples run the built CLI, as a user would; `npm run build` (or npm ci) makes it.
const built = existsSync(join(ROOT, 'dist/generator/src/bin.js'));

describe('example outputs in the docs (npm run docs:examples rewrites them)', () => {
  it('marks every example the script knows, each at least once', () => {
    expect([...new Set(blocks.map((b) => b.id))].sort()).toEqual(
      Object.keys(examples.EXAMPLES).sort(),
    );
  });

  (built ? it.each(blocks.map((b) => [b.file, b.id, b.content])) : it.skip.each([['', '', '']]))(
    '%s: example %s is what the command prints now',
    (_file, id, content) => {
      expect(content).toBe(examples.produce(id));
    },
    30000,
  );
});

describe('the example script itself', () => {
  it('replaces only the marked blocks, keeping the markers', () => {
    const text =
      'intro\n<!-- example: a -->\n```text\nold\n```\n```text\nunmarked\n```\n<!-- example: b -->\n```text\n```\n';
    expect(examples.replaceExamples(text, (id) => `$ npx strata ${id}\nnew\n`)).toBe(
      'intro\n<!-- example: a -->\n```text\n$ npx strata a\nnew\n```\n```text\nunmarked\n```\n<!-- example: b -->\n```text\n$ npx strata b\nnew\n```\n',
    );
  });

  it('refuses an example it does not know, naming it', () => {
    expect(() => examples.produce('no-such-example')).toThrow(/no example named no-such-example/);
  });
});
