import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import type { Plugin } from 'esbuild';
import type { AppSource } from '../deploy/artifacts';
import type { Manifest } from '../manifest/types';
import { changedSince, git, showFiles } from './git';
import type { ArtifactChange } from './model';
import { symbol, type Resolved } from './symbolic';

type Apps = Manifest['apps'];

/** Both sides' artifact keys (as parameter values) and the per-app changes for the report. */
export interface ArtifactPlan {
  base: Map<string, Resolved>;
  now: Map<string, Resolved>;
  changes: ArtifactChange[];
}

/** Everything a bundle can read from the repository: the apps, and the package files that pick dependencies. */
const INPUTS = ['apps', 'package.json', 'package-lock.json'];

// Loaded only when an app must really be packaged: it pulls in esbuild, tar and the S3 client.
const deployArtifacts = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../deploy/artifacts') as typeof import('../deploy/artifacts');

const LOADERS: Record<string, 'ts' | 'tsx' | 'js' | 'json' | 'css' | 'text'> = {
  '.ts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.cjs': 'js',
  '.mjs': 'js',
  '.json': 'json',
};
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.json', '/index.ts', '/index.js'];

/** The repository files under `apps/` as committed at `ref`, served to esbuild in place of the working tree. */
export function committedAppSource(
  cwd: string,
  ref: string,
  app: { source: string },
): AppSource & { has(path: string): boolean } {
  const names = (git(cwd, ['ls-tree', '-r', '--name-only', ref, '--', 'apps']) ?? '')
    .split('\n')
    .filter(Boolean);
  const files = showFiles(cwd, ref, names);
  const rel = (abs: string) => relative(cwd, abs).split('\\').join('/');
  const plugin: Plugin = {
    name: 'strata-git-ref',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const local = args.kind === 'entry-point' || args.path.startsWith('.');
        if (!local) return undefined;
        const base = args.kind === 'entry-point' ? cwd : dirname(args.importer);
        const target = resolvePath(base, args.path);
        const hit = EXTENSIONS.map((e) => target + e).find((p) => files.get(rel(p)) !== undefined);
        return hit ? { path: hit } : undefined;
      });
      build.onLoad({ filter: /.*/ }, (args) => {
        const text = files.get(rel(args.path));
        if (text === undefined) return undefined;
        const ext = /\.[a-z]+$/.exec(args.path)?.[0] ?? '';
        return { contents: text, loader: LOADERS[ext] ?? 'text', resolveDir: dirname(args.path) };
      });
    },
  };
  const publicPrefix = `${app.source}/src/public/`;
  return {
    has: (path) => files.get(path) !== undefined,
    plugins: [plugin],
    writePublic(dir) {
      const mine = names.filter((n) => n.startsWith(publicPrefix));
      for (const name of mine) {
        const target = join(dir, name.slice(publicPrefix.length));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, files.get(name) ?? '');
      }
      return mine.length > 0;
    },
  };
}

async function keyOf(
  cwd: string,
  app: string,
  spec: Apps[string],
  source?: AppSource,
): Promise<string> {
  return (await deployArtifacts().packageApp(cwd, app, spec, source)).key;
}

/**
 * The artifact keys at `ref` and in the working tree, computed by deploy's own packaging. When nothing an
 * app bundle can read changed since `ref`, the bytes (and so the keys) are the same on both sides by
 * construction, and nothing is bundled: the keys stay symbolic and equal.
 */
export async function gitArtifacts(
  cwd: string,
  ref: string,
  now: Apps,
  base: Apps | undefined,
): Promise<ArtifactPlan> {
  const apps = [...new Set([...Object.keys(now), ...Object.keys(base ?? {})])];
  const plan: ArtifactPlan = { base: new Map(), now: new Map(), changes: [] };
  const dirty = apps.length > 0 && changedSince(cwd, ref, INPUTS).length > 0;
  for (const app of apps) {
    if (!dirty) {
      plan.base.set(app, symbol({ artifact: app }));
      plan.now.set(app, symbol({ artifact: app }));
      plan.changes.push({ app, changed: false });
      continue;
    }
    // An app missing on one side has no artifact there (a new app, or apps kept outside this repository).
    const newSpec = now[app] && existsSync(join(cwd, now[app].entry)) ? now[app] : undefined;
    const newKey = newSpec ? await keyOf(cwd, app, newSpec) : undefined;
    const oldSpec = base?.[app];
    const source = oldSpec ? committedAppSource(cwd, ref, oldSpec) : undefined;
    const oldKey =
      oldSpec && source?.has(oldSpec.entry) ? await keyOf(cwd, app, oldSpec, source) : undefined;
    if (oldKey) plan.base.set(app, symbol({ artifact: app, value: oldKey }));
    if (newKey) plan.now.set(app, symbol({ artifact: app, value: newKey }));
    plan.changes.push({ app, old: oldKey, new: newKey, changed: oldKey !== newKey });
  }
  return plan;
}

/** The keys deploy would upload now, against the keys the deployed stacks were given (`--deployed`). */
export async function deployedArtifacts(
  cwd: string,
  now: Apps,
  deployed: Map<string, string>,
): Promise<ArtifactPlan> {
  const plan: ArtifactPlan = { base: new Map(), now: new Map(), changes: [] };
  for (const [app, spec] of Object.entries(now)) {
    const key = await keyOf(cwd, app, spec);
    const old = deployed.get(app);
    plan.now.set(app, symbol({ artifact: app, value: key }));
    plan.base.set(
      app,
      old === undefined
        ? symbol({ artifact: app, value: 'not deployed' })
        : symbol({ artifact: app, value: old }),
    );
    plan.changes.push({ app, old, new: key, changed: old !== key });
  }
  return plan;
}
