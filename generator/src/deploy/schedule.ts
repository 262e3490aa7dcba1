import { StrataError } from '../errors';

/** A unit with dependencies on other units by name (a manifest stack). */
export interface Schedulable {
  layer: string;
  dependsOn: string[];
}

/**
 * Runs `work` for every unit as soon as all of its (selected) dependencies have finished, so independent units
 * run in parallel. Units downstream of a failure never start. Rejects with the first failure in input order,
 * after everything already running has finished.
 */
export async function runInDependencyOrder<T extends Schedulable, R>(units: T[], work: (unit: T) => Promise<R>): Promise<R[]> {
  const started = new Map<string, Promise<R>>();
  for (const unit of units) {
    const upstream = unit.dependsOn.filter((d) => started.has(d)).map((d) => started.get(d)!);
    started.set(unit.layer, Promise.all(upstream).then(
      () => work(unit),
      () => { throw new UpstreamFailed(unit.layer); },
    ));
  }
  const settled = await Promise.allSettled([...started.values()]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof UpstreamFailed))
    ?? settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/** A unit that did not start because something it depends on failed. */
export class UpstreamFailed extends StrataError {
  constructor(readonly layer: string) {
    super('E_DEPLOY', `${layer} was not deployed because a layer it depends on failed`);
  }
}
