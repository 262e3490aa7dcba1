import type { ResourceNode, StackNode } from './resource-graph';

/** Typical creation seconds per resource type, with what the model adds around them. */
export interface CreationTimes {
  /** Seconds per CloudFormation resource type. */
  types: Record<string, number>;
  /** For a type not in the table. */
  unknownType: number;
  /** Creating and executing one change set, before the first resource starts. */
  changeSet: number;
  /** From a launched instance to its success signal (boot script, app healthy), for a CreationPolicy. */
  bootToHealthy: number;
}

/** When one resource starts and finishes, and what it waited for last. */
export interface Timed {
  key: string;
  start: number;
  finish: number;
  /** The dependency that finished last (the previous step of its critical path), if any. */
  after?: string;
}

/** A predicted deploy: the total, every resource's times, and the chain that decided the total. */
export interface Prediction {
  seconds: number;
  timed: Map<string, Timed>;
  criticalPath: Timed[];
  /** Per stack: start (after its upstream stacks) and finish. */
  stacks: Map<string, { start: number; finish: number }>;
}

/** Seconds a resource takes: its type's time, plus the boot for one that waits on signals. */
export function durationOf(node: ResourceNode, times: CreationTimes): number {
  const base = times.types[node.type] ?? times.unknownType;
  return base + (node.signals ? times.bootToHealthy : 0);
}

/** Earliest start and finish of every node given `ready` (when its container allows it to start). */
function schedule(
  nodes: ResourceNode[],
  times: CreationTimes,
  ready: (node: ResourceNode) => number,
  depsOf: (node: ResourceNode) => string[],
  timed: Map<string, Timed>,
): void {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const visiting = new Set<string>();
  const visit = (node: ResourceNode): Timed => {
    const done = timed.get(node.key);
    if (done) return done;
    if (visiting.has(node.key)) throw new Error(`resource graph has a cycle at ${node.key}`);
    visiting.add(node.key);
    let start = ready(node);
    let after: string | undefined;
    for (const dep of depsOf(node)) {
      const d = byKey.get(dep) ? visit(byKey.get(dep)!) : timed.get(dep);
      if (d && d.finish > start) [start, after] = [d.finish, dep];
    }
    const t = { key: node.key, start, finish: start + durationOf(node, times), after };
    timed.set(node.key, t);
    visiting.delete(node.key);
    return t;
  };
  nodes.forEach(visit);
}

function chainTo(last: Timed | undefined, timed: Map<string, Timed>): Timed[] {
  const path: Timed[] = [];
  for (let t = last; t; t = t.after ? timed.get(t.after) : undefined) path.unshift(t);
  return path;
}

function latest(items: Iterable<Timed>): Timed | undefined {
  let best: Timed | undefined;
  for (const t of items) if (!best || t.finish > best.finish) best = t;
  return best;
}

/**
 * strata's deploy: a stack starts when every stack it depends on is complete, spends a change set,
 * then creates its resources as their in-stack dependencies allow (as the scheduler in
 * deploy/schedule runs the stacks).
 */
export function predictStacks(stacks: StackNode[], times: CreationTimes): Prediction {
  const timed = new Map<string, Timed>();
  const spans = new Map<string, { start: number; finish: number }>();
  for (const stack of stacks) {
    const start = Math.max(0, ...stack.dependsOn.map((d) => spans.get(d)?.finish ?? 0));
    schedule(
      stack.resources,
      times,
      () => start + times.changeSet,
      (n) => n.deps,
      timed,
    );
    const finish = Math.max(
      start + times.changeSet,
      ...stack.resources.map((r) => timed.get(r.key)!.finish),
    );
    spans.set(stack.layer, { start, finish });
  }
  const last = latest(timed.values());
  return {
    seconds: Math.max(0, ...[...spans.values()].map((s) => s.finish)),
    timed,
    criticalPath: chainTo(last, timed),
    stacks: spans,
  };
}

/**
 * The same resources as one stack: one change set, then CloudFormation starts each resource as soon
 * as everything it refers to exists, across what were stack boundaries (as a CDK app in one stack).
 */
export function predictSingleStack(stacks: StackNode[], times: CreationTimes): Prediction {
  const timed = new Map<string, Timed>();
  const all = stacks.flatMap((s) => s.resources);
  schedule(
    all,
    times,
    () => times.changeSet,
    (n) => [...n.deps, ...n.crossDeps],
    timed,
  );
  const last = latest(timed.values());
  const seconds = last?.finish ?? times.changeSet;
  return { seconds, timed, criticalPath: chainTo(last, timed), stacks: new Map() };
}
