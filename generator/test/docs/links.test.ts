import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';
import { anchorsOf, brokenLinks, linksOf, slug } from './markdown-links';

const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`),
];

describe('links between the docs', () => {
  it('every link to a file or a heading of README.md and docs/ resolves', () => {
    expect(brokenLinks(ROOT, DOCS)).toEqual([]);
  });

  it('the README links to every page of docs/', () => {
    const targets = linksOf('README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')).map(
      (l) => l.target.split('#')[0],
    );
    for (const page of DOCS.filter((d) => d !== 'README.md')) expect(targets).toContain(page);
  });
});

describe('the link checker itself', () => {
  it('makes anchors the way GitHub does', () => {
    expect(slug('Adding a layer')).toBe('adding-a-layer');
    expect(slug('`strata diff`: what changed?')).toBe('strata-diff-what-changed');
    expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n')]).toEqual(['a', 'a-1']);
  });

  it('finds links outside code only', () => {
    const text = 'see [x](a.md) and `[y](b.md)`\n```\n[z](c.md)\n```\n![img](d.png "t")\n';
    expect(linksOf('f.md', text).map((l) => [l.line, l.target])).toEqual([
      [1, 'a.md'],
      [5, 'd.png'],
    ]);
  });

  it('names a missing file and a missing heading', () => {
    const broken = brokenLinks(join(ROOT, 'generator/test/fixtures/docs'), ['broken.md']);
    expect(broken).toEqual([
      'broken.md:3 → nowhere.md: no such file',
      'broken.md:4 → target.md#no-such-heading: no heading #no-such-heading in target.md',
      'broken.md:5 → #missing: no heading #missing in broken.md',
    ]);
  });
});
