import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseManifest, type Manifest } from '../deploy/manifest';
import { SpecError, type Diagnostic } from '../errors';
import { loadSpec, type LoadedSpec } from '../spec/load';
import { locate } from '../spec/locate';
import { applyEnvironment } from '../spec/overlay';
import type { Suppression, TopologyLocation } from './types';

/** What links rendered templates back to the topology: the manifest's resource map and the parsed topology. */
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

/** Reads `lint.suppress` from the topology; a missing rule or reason is a located topology error. */
export function readSuppressions(spec: LoadedSpec | undefined): Suppression[] {
  const lint = (spec?.data as { lint?: { suppress?: unknown } } | undefined)?.lint;
  if (!spec || !lint || lint.suppress === undefined) return [];
  const list = Array.isArray(lint.suppress) ? lint.suppress : [];
  const problems: Diagnostic[] = [];
  const out: Suppression[] = [];
  list.forEach((entry: Partial<Suppression> | null, i) => {
    const path = `lint.suppress[${i}]`;
    const missing = ['rule', 'reason'].filter(
      (k) =>
        typeof entry?.[k as keyof Suppression] !== 'string' ||
        !(entry?.[k as keyof Suppression] as string).trim(),
    );
    if (missing.length === 0) {
      out.push({ rule: entry!.rule!, resource: entry!.resource, reason: entry!.reason! });
      return;
    }
    const where = locate(spec, path);
    problems.push({
      code: 'lint/suppress-incomplete',
      severity: 'error',
      path,
      message: `a suppression needs ${missing.join(' and ')}`,
      fix: 'write `{ rule: RULE_ID, resource: LogicalId, reason: why this is acceptable here }`; the reason is required',
      position: { file: where.file, line: where.line, column: where.column },
      sourceLine: where.sourceLine,
    });
  });
  if (problems.length) throw new SpecError(problems);
  return out;
}

/**
 * Loads the manifest of an out/ folder (or takes its text, when it is not written yet) and the topology
 * it names, when there are such files.
 */
export function linkTopology(
  outDir: string,
  cwd: string,
  specFile?: string,
  manifestText?: string,
): TopologyLink & { manifest?: Manifest } {
  const manifestFile = join(outDir, 'manifest.json');
  const text =
    manifestText ?? (existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : undefined);
  const manifest =
    text === undefined
      ? undefined
      : parseManifest(text, relative(cwd, manifestFile) || manifestFile);
  const resources = new Map((manifest?.stacks ?? []).map((s) => [s.template, s.resources ?? {}]));
  const wanted = specFile ?? manifest?.spec;
  const absolute = wanted && (isAbsolute(wanted) ? wanted : join(cwd, wanted));
  // The spec path is shown relative to the working directory, as editors and CI annotations expect.
  const loaded =
    absolute && existsSync(absolute)
      ? { ...loadSpec(absolute), file: relative(cwd, absolute) || absolute }
      : undefined;
  // An environment's findings point into its merged topology: the overlay's line when it set the value.
  const spec =
    loaded && manifest?.environment ? applyEnvironment(loaded, manifest.environment) : loaded;
  return { manifest, resources, spec, suppressions: readSuppressions(spec) };
}
