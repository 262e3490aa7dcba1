import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A link of a Markdown file: where it is and what it points at. */
export interface MarkdownLink {
  file: string;
  line: number;
  target: string;
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<[number, string]> {
  let fenced = false;
  const lines: Array<[number, string]> = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) lines.push([i + 1, line.replace(/`[^`]*`/g, '')]);
  });
  return lines;
}

/** Every inline link and image of a Markdown text, outside code. */
export function linksOf(file: string, text: string): MarkdownLink[] {
  return proseLines(text).flatMap(([line, content]) =>
    [...content.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({
      file,
      line,
      target: m[1],
    })),
  );
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_[\]()]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings, numbered as GitHub numbers repeats (`a`, `a-1`). */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, line] of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** The links among `files` (paths under `root`) that point at a missing file or heading. */
export function brokenLinks(root: string, files: string[]): string[] {
  const broken: string[] = [];
  const textOf = (path: string) => readFileSync(path, 'utf8');
  for (const file of files) {
    for (const link of linksOf(file, textOf(join(root, file)))) {
      if (/^[a-z][a-z+.-]*:/i.test(link.target)) continue; // https:, mailto:: not ours to check
      const [path, anchor] = link.target.split('#');
      const target = path ? resolve(dirname(join(root, file)), decodeURI(path)) : join(root, file);
      const where = `${file}:${link.line} → ${link.target}`;
      if (!existsSync(target)) broken.push(`${where}: no such file`);
      else if (anchor && statSync(target).isFile() && target.endsWith('.md')) {
        if (!anchorsOf(textOf(target)).has(anchor))
          broken.push(`${where}: no heading #${anchor} in ${relative(root, target)}`);
      }
    }
  }
  return broken;
}
