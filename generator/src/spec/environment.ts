import { SpecError, type Diagnostic } from '../errors';
import type { Model } from '../model/topology';
import type { LoadedSpec } from './load';
import { applyEnvironment, environmentNames, type EnvironmentSpec } from './overlay';
import { validateTopology, type ValidateOptions, type ValidTopology } from './validate';

export { environmentNames };

/** The tag every resource of an environment carries, and the stack tag naming it. */
export const ENVIRONMENT_TAG = 'strata:environment';

function offsetOf(spec: LoadedSpec, d: Diagnostic): number | undefined {
  if (!d.position) return undefined;
  const start = spec.lineCounter.lineStarts[d.position.line - 1];
  return start === undefined ? undefined : start + d.position.column - 1;
}

/**
 * Names the environment in a diagnostic of a merged topology: a problem located inside the overlay gets
 * the overlay's path (`environments.prod.database.multiAz`); one located in the base keeps the base path
 * and says which environment it broke, since the same base line is fine for the others.
 */
export function nameEnvironment(spec: EnvironmentSpec, d: Diagnostic): Diagnostic {
  const offset = offsetOf(spec, d);
  const [start, end] = spec.overlayRange;
  const inOverlay = offset !== undefined && offset >= start && offset <= end;
  const prefix = `environments.${spec.environment}`;
  if (inOverlay) return { ...d, path: d.path ? `${prefix}.${d.path}` : prefix };
  return { ...d, message: `${d.message} (in environment \`${spec.environment}\`)` };
}

/** Adds what an environment means for the model: its name, the pinned account, and its tag. */
function withEnvironment(model: Model, data: unknown, environment?: string): Model {
  const account = (data as { account?: string }).account;
  const tags =
    environment && !model.tags.some((t) => t.key === ENVIRONMENT_TAG)
      ? [...model.tags, { key: ENVIRONMENT_TAG, value: environment }]
      : model.tags;
  return {
    ...model,
    tags,
    ...(environment ? { environment } : {}),
    ...(account ? { account } : {}),
  };
}

/**
 * Validates the base topology (no `environment`) or one environment of it: the overlay merged at the YAML
 * node level, so every error points at the line that set the value and names the environment. Returns the
 * topology it validated (the merged one for an environment), for locating what later stages find.
 */
export function validateEnvironment(
  spec: LoadedSpec,
  environment?: string,
  options: ValidateOptions = {},
): ValidTopology & { spec: LoadedSpec } {
  if (!environment) {
    const valid = validateTopology(spec, options);
    return { ...valid, spec, model: withEnvironment(valid.model, spec.data) };
  }
  const merged = applyEnvironment(spec, environment);
  try {
    const valid = validateTopology(merged, options);
    return {
      spec: merged,
      model: withEnvironment(valid.model, merged.data, environment),
      warnings: valid.warnings.map((w) => nameEnvironment(merged, w)),
    };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(error.diagnostics.map((d) => nameEnvironment(merged, d)));
  }
}

/**
 * An environment's warnings that the base does not already have: a base line that warns in the base
 * warns in every environment too, and is worth saying once.
 */
export function ownWarnings(base: Diagnostic[], environment: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}:${d.position?.line}:${d.position?.column}`;
  const seen = new Set(base.map(key));
  return environment.filter((d) => !seen.has(key(d)));
}
