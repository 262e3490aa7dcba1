import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseManifest, type Manifest } from '../manifest/read';
import type { Model } from '../model/topology';
import { loadSpec, type LoadedSpec } from '../spec/load';
import { locate } from '../spec/locate';
import { validateEnvironment } from '../spec/environment';
import type { Suppression, TopologyLocation } from './types';

/** What links rendered templates back to the topology: the manifest's resource map, the parsed topology (to locate paths) and the model's suppressions. */
export interface TopologyLink {
  /** Template file name (e.g. `network.yaml`) → logical id → dotted topology path. */
  resources: Map<string, Record<string, string>>;
  spec?: LoadedSpec;
  suppressions: Suppression[];
}

/** The topology line of a resource, when the manifest maps its logical id; a rule's hint narrows it to the setting. */
export function topologyLocation(
  link: TopologyLink,
  template: string,
  logicalId: string | undefined,
  hints: readonly string[] = [],
): TopologyLocation | undefined {
  if (!logicalId || !link.spec) return undefined;
  const base = link.resources.get(template)?.[logicalId];
  if (!base) return undefined;
  const candidates = [...hints.map((h) => (h.startsWith('/') ? h.slice(1) : `${base}.${h}`)), base];
  for (const path of candidates) {
    // Point at the key (`environment:`) rather than the first line of its value.
    const found = locate(link.spec, path, { key: true });
    if (!found.approximate || path === base) {
      return {
        file: found.file,
        line: found.line,
        column: found.column,
        path,
        sourceLine: found.sourceLine,
      };
    }
  }
  return undefined;
}

/** The link of a `generate` run, from what it already holds: nothing is read again. */
export function linkGenerated(generated: {
  manifest: Manifest;
  model: Pick<Model, 'suppressions'>;
  spec: LoadedSpec;
}): TopologyLink {
  return {
    resources: new Map(generated.manifest.stacks.map((s) => [s.template, s.resources ?? {}])),
    spec: generated.spec,
    suppressions: generated.model.suppressions,
  };
}

/**
 * For `strata lint` on a folder: reads its manifest and the topology it names (or `specFile`) once,
 * and validates the topology as `generate` does, so locations and suppressions mean the same.
 */
export function linkOutFolder(
  outDir: string,
  cwd: string,
  specFile?: string,
): TopologyLink & { manifest?: Manifest } {
  const manifestFile = join(outDir, 'manifest.json');
  const manifest = existsSync(manifestFile)
    ? parseManifest(readFileSync(manifestFile, 'utf8'), relative(cwd, manifestFile) || manifestFile)
    : undefined;
  const resources = new Map((manifest?.stacks ?? []).map((s) => [s.template, s.resources ?? {}]));
  const wanted = specFile ?? manifest?.spec;
  const absolute = wanted && (isAbsolute(wanted) ? wanted : join(cwd, wanted));
  if (!absolute || !existsSync(absolute)) return { manifest, resources, suppressions: [] };
  // The spec path is shown relative to the working directory, as editors and CI annotations expect.
  const loaded = loadSpec(absolute, relative(cwd, absolute) || absolute);
  // An environment's findings point into its merged topology: the overlay's line when it set the value.
  const { model, spec } = validateEnvironment(loaded, manifest?.environment);
  return { manifest, resources, spec, suppressions: model.suppressions };
}
