import { isPlainObject } from '../cfn/intrinsics';
import type { LoadedSpec } from '../spec/load';
import { formatPath, locate, parsePath, type SpecPath } from '../spec/locate';
import type { Cause } from './model';

/** One setting of the topology that differs between the base and now. */
export interface TopologyEdit {
  path: SpecPath;
  change: 'changed' | 'added' | 'removed';
}

/** The settings that differ between two topologies: changed leaves, and whole added or removed subtrees. */
export function topologyEdits(
  before: unknown,
  after: unknown,
  path: SpecPath = [],
  out: TopologyEdit[] = [],
): TopologyEdit[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  if (before === undefined) out.push({ path, change: 'added' });
  else if (after === undefined) out.push({ path, change: 'removed' });
  else if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
      topologyEdits(before[key], after[key], [...path, key], out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      topologyEdits(before[i], after[i], [...path, i], out);
  } else out.push({ path, change: 'changed' });
  return out;
}

/** True when one path is inside the other (or they are the same). */
function related(a: SpecPath, b: SpecPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

/**
 * Maps a resource's topology path to the edits that explain its change: the edits inside or around its
 * path; else the edits no resource comes from (global settings such as `tags`); else every edit.
 */
export function causeFinder(
  now: LoadedSpec,
  base: LoadedSpec | undefined,
  resourcePaths: string[],
): (topologyPath: string | undefined) => Cause[] {
  if (!base) return () => [];
  const edits = topologyEdits(base.data, now.data);
  const owned = resourcePaths.map(parsePath);
  const toCause = (e: TopologyEdit): Cause => ({
    path: formatPath(e.path),
    line: locate(e.change === 'removed' ? base : now, e.path).line,
    change: e.change === 'removed' ? 'removed (line in the base)' : e.change,
  });
  const global = edits.filter((e) => !owned.some((p) => related(p, e.path)));
  return (topologyPath) => {
    if (edits.length === 0) return [];
    const own = topologyPath ? edits.filter((e) => related(parsePath(topologyPath), e.path)) : [];
    return (own.length ? own : global.length ? global : edits).map(toCause);
  };
}
