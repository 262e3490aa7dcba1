import type { ResourceNode, StackNode } from './resource-graph';

/** Typical creation seconds per resource type, with what the model adds around them. */
export interface CreationTimes {
  /** Seconds per CloudFormation resource type. */
  types: Record<string, number>;
  /** For a type not in the table. */
  unknownType: number;
  /** Creating and executing one change set, before the first resource starts. */
  changeSet: number;
  /** CreateStack of a new stack (`deploy --method auto`), before the first resource starts. */
  createStack: number;
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
  ready: { time: number; after?: string },
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
    let start = ready.time;
    let after = ready.after;
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
 * strata's first deploy: a stack starts when every stack it depends on is complete, spends a
 * CreateStack call (`--method auto`, the default) or a change set (`--method change-set`), then
 * creates its resources as their in-stack dependencies allow (as deploy/schedule runs the stacks).
 */
export function predictStacks(
  stacks: StackNode[],
  times: CreationTimes,
  method: 'auto' | 'change-set' = 'auto',
): Prediction {
  const startCost = method === 'auto' ? times.createStack : times.changeSet;
  const startStep = method === 'auto' ? 'create stack' : 'change set';
  const timed = new Map<string, Timed>();
  const spans = new Map<string, { start: number; finish: number }>();
  const lastOf = new Map<string, Timed>();
  for (const stack of stacks) {
    // The stack starts when the last of its upstream stacks completes, with its CreateStack or change set.
    const gate = latest(stack.dependsOn.flatMap((d) => lastOf.get(d) ?? []));
    const start = gate?.finish ?? 0;
    const changeSet: Timed = {
      key: `${stack.layer} (${startStep})`,
      start,
      finish: start + startCost,
      after: gate?.key,
    };
    timed.set(changeSet.key, changeSet);
    const ready = { time: changeSet.finish, after: changeSet.key };
    schedule(stack.resources, times, ready, (n) => n.deps, timed);
    const last = latest([changeSet, ...stack.resources.map((r) => timed.get(r.key)!)])!;
    lastOf.set(stack.layer, last);
    spans.set(stack.layer, { start, finish: last.finish });
  }
  const last = latest(lastOf.values());
  return {
    seconds: last?.finish ?? 0,
    timed,
    criticalPath: chainTo(last, timed),
    stacks: spans,
  };
}

/**
 * The same resources as one stack: one change set (or, with `auto`, one CreateStack), then CloudFormation starts each resource as soon
 * as everything it refers to exists, across what were stack boundaries (as a CDK app in one stack).
 */
export function predictSingleStack(
  stacks: StackNode[],
  times: CreationTimes,
  method: 'auto' | 'change-set' = 'change-set',
): Prediction {
  const timed = new Map<string, Timed>();
  const changeSet: Timed =
    method === 'auto'
      ? { key: 'create stack', start: 0, finish: times.createStack }
      : { key: 'change set', start: 0, finish: times.changeSet };
  timed.set(changeSet.key, changeSet);
  const ready = { time: changeSet.finish, after: changeSet.key };
  schedule(
    stacks.flatMap((s) => s.resources),
    times,
    ready,
    (n) => [...n.deps, ...n.crossDeps],
    timed,
  );
  const last = latest(timed.values())!;
  return { seconds: last.finish, timed, criticalPath: chainTo(last, timed), stacks: new Map() };
}
