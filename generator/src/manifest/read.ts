import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StrataError } from '../errors';
import type { Manifest, ManifestStack } from './types';

export type { Manifest, ManifestStack };

/** Parses manifest text and checks the parts deploy relies on (version, unique layers, known dependencies, no cycle). */
export function parseManifest(text: string, file = 'out/manifest.json'): Manifest {
  let data: Manifest;
  try {
    data = JSON.parse(text) as Manifest;
  } catch (error) {
    throw new StrataError(
      'E_IO',
      `${file} is not valid JSON: ${(error as Error).message}`,
      'run strata generate to rewrite it',
    );
  }
  if (data?.version !== 1 || !Array.isArray(data.stacks)) {
    throw new StrataError(
      'E_IO',
      `${file} is not a version 1 strata manifest`,
      'run strata generate to rewrite it',
    );
  }
  const layers = new Set<string>();
  for (const s of data.stacks) {
    if (layers.has(s.layer))
      throw new StrataError(
        'E_IO',
        `${file}: layer "${s.layer}" is listed twice`,
        'run strata generate',
      );
    for (const d of s.dependsOn) {
      // Deploy order is the manifest order, so a dependency must come earlier; this also rules out cycles.
      if (!layers.has(d))
        throw new StrataError(
          'E_IO',
          `${file}: stack "${s.layer}" depends on "${d}", which is not listed before it`,
          'run strata generate',
        );
    }
    layers.add(s.layer);
  }
  data.apps ??= {};
  data.outputs ??= {};
  return data;
}

/** Reads out/manifest.json under the working directory. */
export function loadManifest(cwd: string, outDir = 'out'): Manifest {
  const file = join(cwd, outDir, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const env = /^out\/([^/]+)$/.exec(outDir)?.[1];
    throw new StrataError(
      'E_IO',
      `${outDir}/manifest.json not found`,
      `run strata generate${env ? ` --env ${env}` : outDir === 'out' ? '' : ` --out ${outDir}`} first`,
    );
  }
  return parseManifest(text, `${outDir}/manifest.json`);
}

/** The stack of a layer, or a usage error listing the layers there are. */
export function stackOf(manifest: Manifest, layer: string): ManifestStack {
  const stack = manifest.stacks.find((s) => s.layer === layer);
  if (!stack) {
    const known = manifest.stacks.map((s) => s.layer).join(', ');
    throw new StrataError(
      'E_USAGE',
      `no layer "${layer}" in out/manifest.json`,
      `use one of: ${known}`,
    );
  }
  return stack;
}

/** The bootstrap stack's name for a project and environment (one per environment in each region). */
export function bootstrapStackName(manifest: Manifest): string {
  return `${manifest.project}${manifest.environment ? `-${manifest.environment}` : ''}-bootstrap`;
}

/**
 * The tags of a stack: the topology's (CloudFormation copies them onto every resource that takes tags,
 * those the templates do not tag themselves included), then strata's own, which name project, environment
 * and layer and so cannot be overridden.
 */
export function stackTags(manifest: Manifest, layer: string): Record<string, string> {
  return {
    ...manifest.tags,
    'strata:project': manifest.project,
    ...(manifest.environment ? { 'strata:environment': manifest.environment } : {}),
    'strata:layer': layer,
  };
}
