import type { CfnDocument } from '../cfn/yaml';
import {
  intrinsicName,
  PSEUDO_PARAMETERS,
  subReferences,
  walk,
  type TemplatePath,
} from '../cfn/intrinsics';

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

/** Every Ref target and GetAtt resource named in a tree, `Fn::Sub` substitutions included. */
function references(
  tree: unknown,
  root: TemplatePath,
): {
  refs: Array<{ name: string; path: string }>;
  getAtts: Array<{ resource: string; path: string }>;
} {
  const refs: Array<{ name: string; path: string }> = [];
  const getAtts: Array<{ resource: string; path: string }> = [];
  walk(tree, root, (value, path) => {
    const fn = intrinsicName(value);
    const args = fn && (value as Record<string, unknown>)[fn];
    if (fn === 'Ref' && typeof args === 'string') refs.push({ name: args, path: showPath(path) });
    else if (fn === 'Fn::GetAtt' && Array.isArray(args))
      getAtts.push({ resource: String(args[0]), path: showPath(path) });
    else if (fn === 'Fn::Sub') {
      const [text, vars] = Array.isArray(args) ? [args[0], (args[1] ?? {}) as object] : [args, {}];
      for (const name of subReferences(String(text))) {
        if (name in vars) continue;
        const dot = name.indexOf('.');
        if (dot > 0 && !name.startsWith('AWS::'))
          getAtts.push({ resource: name.slice(0, dot), path: showPath(path) });
        else refs.push({ name, path: showPath(path) });
      }
    }
  });
  return { refs, getAtts };
}

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
  const fromResources = references(resources, ['Resources']);
  const fromOutputs = references(template.Outputs ?? {}, ['Outputs']);
  const refs = [...fromResources.refs, ...fromOutputs.refs];
  for (const { name, path } of refs) {
    if (!(name in resources) && !(name in parameters) && !PSEUDO_PARAMETERS.has(name))
      report(path, `Ref to \`${name}\`, which is neither a parameter nor a resource`);
  }
  for (const { resource, path } of [...fromResources.getAtts, ...fromOutputs.getAtts]) {
    if (!(resource in resources))
      report(path, `GetAtt of \`${resource}\`, which is not a resource`);
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
