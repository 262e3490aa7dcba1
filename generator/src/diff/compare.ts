import type { ManifestStack } from '../manifest/read';
import type { DiffReport, StackDiff } from './model';
import { stackHasChanges } from './model';
import type { TemplateSet } from './sources';
import { propagateAcrossStacks } from './propagate';
import { diffTemplates } from './template-diff';

/** The stacks of both sides: the current manifest's in order, then any the base had that are gone now. */
function stacksOf(now: TemplateSet, base: TemplateSet): ManifestStack[] {
  const current = now.manifest?.stacks ?? [];
  const gone = (base.manifest?.stacks ?? []).filter(
    (b) => !current.some((c) => c.layer === b.layer),
  );
  return [...current, ...gone];
}

/** Compares the templates `generate` produces now with a base (committed or deployed), stack by stack. */
export function compareTemplateSets(
  now: TemplateSet,
  base: TemplateSet,
  source: DiffReport['source'],
  label: string,
): DiffReport {
  const stacks: StackDiff[] = stacksOf(now, base).map((stack) =>
    diffTemplates(
      {
        layer: stack.layer,
        stackName: stack.stackName,
        template: stack.template,
        resources: stack.resources,
      },
      base.templates.get(stack.layer),
      now.templates.get(stack.layer),
    ),
  );
  return propagateAcrossStacks(
    { source, base: label, stacks, hasChanges: stacks.some(stackHasChanges) },
    now,
    base,
  );
}
