import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import rule of generator/src, top to bottom: a file may import files of its own folder and of
 * any level below its own, never above, nor a different folder of its own level. See
 * docs/architecture.md.
 */
export const LEVELS: ReadonlyArray<readonly string[]> = [
  ['bin.ts'],
  ['cli.ts'],
  ['commands'],
  ['diff'],
  ['deploy'],
  ['lint'],
  ['cost'],
  ['generate.ts'],
  ['diagram'],
  ['render'],
  ['layers'],
  ['spec'],
  ['model'],
  ['aws'],
  ['cfn', 'manifest', 'output'],
  ['util'],
  ['errors.ts'],
];

/** file (relative to the source root, `/`-separated) → the files it imports. */
export type ImportGraph = Map<string, string[]>;

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
}

/** Reads every `.ts` file under `root` and the relative imports of each, type-only ones included. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const key = (path: string) => relative(root, path).split('\\').join('/');
  for (const file of sourceFiles(root)) {
    const targets = new Set<string>();
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolveImport(file, specifier);
      // Outside the root (schema JSON, package.json) is no part of the rule.
      if (target && !relative(root, target).startsWith('..')) targets.add(key(target));
    }
    graph.set(key(file), [...targets].sort());
  }
  return graph;
}

/** The unit a file belongs to for the rule: its top folder, or itself at the root. */
const unitOf = (file: string): string => file.split('/')[0];

function levelOf(file: string): number {
  return LEVELS.findIndex((level) => level.includes(unitOf(file)));
}

/** Imports that break the rule (upwards or sideways), and files on no level. */
export function backwardArrows(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    const from = levelOf(file);
    if (from < 0) {
      problems.push(`${file} is in ${unitOf(file)}, which is on no level of the import rule`);
      continue;
    }
    for (const target of targets) {
      const to = levelOf(target);
      if (unitOf(target) === unitOf(file) || to > from) continue;
      const why = to === from ? 'a different folder of the same level' : 'a level above it';
      problems.push(`${file} imports ${target}: ${why}`);
    }
  }
  return problems;
}

/** Every import cycle, each as the files around it (first file repeated at the end). */
export function cycles(graph: ImportGraph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}
