import type { Schedulable } from './schedule';

/** A step of the planned order: stacks whose dependencies all finish in earlier steps. */
export interface PlanStep {
  stacks: Array<{ layer: string; needs: string[] }>;
}

/**
 * Groups the stacks into steps: a stack's step is one after the latest step of what it depends on.
 * The scheduler does not wait for a whole step (a stack starts the moment its own dependencies are
 * complete); the steps show what can run side by side.
 */
export function planSteps(units: Schedulable[]): PlanStep[] {
  const selected = new Set(units.map((u) => u.layer));
  const stepOf = new Map<string, number>();
  const steps: PlanStep[] = [];
  for (const unit of units) {
    const needs = unit.dependsOn.filter((d) => selected.has(d));
    const step = Math.max(-1, ...needs.map((d) => stepOf.get(d)!)) + 1;
    stepOf.set(unit.layer, step);
    (steps[step] ??= { stacks: [] }).stacks.push({ layer: unit.layer, needs });
  }
  return steps;
}

/** The planned order as lines for `strata deploy --dry-run`. */
export function describePlan(units: Schedulable[]): string[] {
  const steps = planSteps(units);
  return [
    'Planned order (stacks in one step run in parallel; each starts as soon as the stacks it needs are complete):',
    ...steps.map((step, i) => {
      const stacks = step.stacks.map((s) =>
        s.needs.length ? `${s.layer} (needs ${s.needs.join(', ')})` : s.layer,
      );
      return `  ${i + 1}. ${stacks.join(' | ')}`;
    }),
  ];
}
