import { StrataError } from '../errors';

/** A unit with dependencies on other units by name (a manifest stack). */
export interface Schedulable {
  layer: string;
  dependsOn: string[];
}

/**
 * Runs `work` for every unit as soon as all of its (selected) dependencies have finished, so independent units
 * run in parallel. Units downstream of a failure never start (they settle with UpstreamFailed). Resolves, in
 * input order, once everything that started has finished.
 */
export async function settleInDependencyOrder<T extends Schedulable, R>(
  units: T[],
  work: (unit: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const started = new Map<string, Promise<R>>();
  for (const unit of units) {
    const upstream = unit.dependsOn.filter((d) => started.has(d)).map((d) => started.get(d)!);
    started.set(
      unit.layer,
      Promise.all(upstream).then(
        () => work(unit),
        () => {
          throw new UpstreamFailed(unit.layer);
        },
      ),
    );
  }
  return Promise.allSettled([...started.values()]);
}

/** The failure to report: the first real one in input order, not a unit that merely did not start. */
export function firstRejection<R>(settled: PromiseSettledResult<R>[]): unknown {
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  return (rejected.find((s) => !(s.reason instanceof UpstreamFailed)) ?? rejected[0])?.reason;
}

/** Like settleInDependencyOrder, but rejects with the first failure once everything running has finished. */
export async function runInDependencyOrder<T extends Schedulable, R>(
  units: T[],
  work: (unit: T) => Promise<R>,
): Promise<R[]> {
  const settled = await settleInDependencyOrder(units, work);
  const failure = firstRejection(settled);
  if (failure) throw failure;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/** A unit that did not start because something it depends on failed. */
export class UpstreamFailed extends StrataError {
  constructor(readonly layer: string) {
    super('E_DEPLOY', `${layer} was not deployed because a layer it depends on failed`);
  }
}
