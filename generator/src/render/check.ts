import type { CfnTemplate } from './cfn-yaml';

/** A problem in a rendered template: which file, where in it, and what. */
export interface TemplateProblem {
  file: string;
  path: string;
  message: string;
}

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

/** Names a `!Sub` string substitutes, skipping `${!literal}` escapes. */
export function subNames(text: string): string[] {
  return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1].trim());
}

interface Walker {
  refs: Array<{ name: string; path: string }>;
  getAtts: Array<{ resource: string; path: string }>;
}

function walk(node: unknown, path: string, into: Walker): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, into));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && typeof value === 'string') into.refs.push({ name: value, path });
    else if (key === 'Fn::GetAtt' && Array.isArray(value)) into.getAtts.push({ resource: String(value[0]), path });
    else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(value) ? [value[0], value[1] ?? {}] : [value, {}];
      for (const name of subNames(String(text))) {
        if (name in (vars as object)) continue;
        const [head, ...attribute] = name.split('.');
        if (attribute.length && !name.startsWith('AWS::')) into.getAtts.push({ resource: head, path });
        else into.refs.push({ name, path });
      }
      if (Array.isArray(value)) walk(value[1], `${path}.Fn::Sub`, into);
    } else walk(value, `${path}.${key}`, into);
  }
}

/**
 * Checks a rendered template the way CloudFormation would before it creates anything: every Ref,
 * GetAtt, Sub and DependsOn target exists, every parameter is used, logical ids are valid.
 */
export function checkTemplate(file: string, template: CfnTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const report = (path: string, message: string) => problems.push({ file, path, message });
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  if (Object.keys(resources).length === 0) report('Resources', 'the template has no resources');
  for (const id of [...Object.keys(resources), ...Object.keys(parameters), ...Object.keys(template.Outputs ?? {})]) {
    if (!LOGICAL_ID.test(id)) report(id, `\`${id}\` is not a valid logical id (letters and digits only)`);
  }
  const found: Walker = { refs: [], getAtts: [] };
  walk(resources, 'Resources', found);
  walk(template.Outputs ?? {}, 'Outputs', found);
  for (const { name, path } of found.refs) {
    if (!(name in resources) && !(name in parameters) && !PSEUDO.has(name)) report(path, `Ref to \`${name}\`, which is neither a parameter nor a resource`);
  }
  for (const { resource, path } of found.getAtts) {
    if (!(resource in resources)) report(path, `GetAtt of \`${resource}\`, which is not a resource`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    const deps = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
    for (const dep of deps) if (!(dep in resources)) report(`Resources.${id}.DependsOn`, `depends on \`${dep}\`, which is not a resource`);
    if (typeof resource.Type !== 'string') report(`Resources.${id}`, 'has no Type');
  }
  const used = new Set(found.refs.map((r) => r.name));
  for (const name of Object.keys(parameters)) {
    if (!used.has(name)) report(`Parameters.${name}`, `parameter \`${name}\` is never used`);
  }
  return problems;
}
