import type { CfnDocument } from '../cfn/yaml';
import { PSEUDO_PARAMETERS, type TemplatePath } from '../cfn/intrinsics';
import { referencesIn } from '../cfn/references';

/** A problem in a rendered template: which file, where in it, and what. */
export interface TemplateProblem {
  file: string;
  path: string;
  message: string;
}

const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

const showPath = (path: TemplatePath): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .slice(1);

/**
 * Checks a rendered template the way CloudFormation would before it creates anything: every Ref,
 * GetAtt, Sub and DependsOn target exists, every parameter is used, logical ids are valid.
 */
export function checkTemplate(file: string, template: CfnDocument): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (path: string, message: string) => problems.push({ file, path, message });
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  if (Object.keys(resources).length === 0) report('Resources', 'the template has no resources');
  for (const id of [
    ...Object.keys(resources),
    ...Object.keys(parameters),
    ...Object.keys(template.Outputs ?? {}),
  ]) {
    if (!LOGICAL_ID.test(id))
      report(id, `\`${id}\` is not a valid logical id (letters and digits only)`);
  }
  const found = [
    ...referencesIn(resources, ['Resources']),
    ...referencesIn(template.Outputs ?? {}, ['Outputs']),
  ];
  const refs = found.flatMap((r) => (r.kind === 'ref' ? [r] : []));
  for (const { name, path } of refs) {
    if (!(name in resources) && !(name in parameters) && !PSEUDO_PARAMETERS.has(name))
      report(showPath(path), `Ref to \`${name}\`, which is neither a parameter nor a resource`);
  }
  for (const r of found) {
    if (r.kind === 'getatt' && !(r.resource in resources))
      report(showPath(r.path), `GetAtt of \`${r.resource}\`, which is not a resource`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    const deps =
      resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
    for (const dep of deps)
      if (!(dep in resources))
        report(`Resources.${id}.DependsOn`, `depends on \`${dep}\`, which is not a resource`);
    if (typeof resource.Type !== 'string') report(`Resources.${id}`, 'has no Type');
  }
  const used = new Set(refs.map((r) => r.name));
  for (const name of Object.keys(parameters)) {
    if (!used.has(name)) report(`Parameters.${name}`, `parameter \`${name}\` is never used`);
  }
  return problems;
}
