import { closest } from '../util/suggest';
import { intrinsicName, PSEUDO_PARAMETERS, walk } from '../cfn/intrinsics';
import { referencesIn } from '../cfn/references';
import type { ResourceSchemas } from './resource-data';
import type { CfnTemplate, RawFinding, TemplatePath } from './types';

/** The logical id of the resource a template path sits in, if any. */
function ownerOf(path: TemplatePath): string | undefined {
  return path[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined;
}

interface Names {
  template: CfnTemplate;
  schemas: ResourceSchemas;
  targets: string[];
}

function unknownRef(name: string, path: TemplatePath, names: Names): RawFinding {
  const guess = closest(name, names.targets);
  return {
    rule: 'UNKNOWN_REF',
    severity: 'error',
    resource: ownerOf(path),
    path,
    message: `Ref to ${name}, which is not a parameter, resource or pseudo parameter of this template`,
    fix: guess
      ? `did you mean ${guess}?`
      : 'declare it as a parameter or resource, or refer to an existing one',
  };
}

function attributesOf(resourceType: string, schemas: ResourceSchemas): string[] | undefined {
  // Custom resources and nested stacks return attributes chosen at deploy time.
  if (
    resourceType.startsWith('Custom::') ||
    resourceType === 'AWS::CloudFormation::CustomResource' ||
    resourceType === 'AWS::CloudFormation::Stack'
  )
    return undefined;
  return schemas.resource(resourceType)?.attributes;
}

function checkGetAtt(
  target: unknown,
  attribute: unknown,
  path: TemplatePath,
  names: Names,
): RawFinding[] {
  if (typeof target !== 'string') return [];
  const resource = names.template.Resources?.[target];
  if (!resource) {
    const guess = closest(target, Object.keys(names.template.Resources ?? {}));
    return [
      {
        rule: 'UNKNOWN_REF',
        severity: 'error',
        resource: ownerOf(path),
        path,
        message: `GetAtt names resource ${target}, which is not in this template`,
        fix: guess ? `did you mean ${guess}?` : 'refer to a resource of this template',
      },
    ];
  }
  if (typeof attribute !== 'string') return [];
  const attributes = attributesOf(resource.Type, names.schemas);
  if (!attributes || attributes.includes(attribute)) return [];
  const guess = closest(attribute, attributes);
  return [
    {
      rule: 'UNKNOWN_ATTRIBUTE',
      severity: 'error',
      resource: ownerOf(path),
      path,
      message: `${resource.Type} has no attribute ${attribute} (GetAtt ${target}.${attribute})`,
      fix: guess
        ? `did you mean ${guess}?`
        : `use one of: ${attributes.filter((a) => !a.includes('.')).join(', ')}`,
    },
  ];
}

function checkDependsOn(template: CfnTemplate): RawFinding[] {
  const findings: RawFinding[] = [];
  const resources = Object.keys(template.Resources ?? {});
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const deps =
      resource?.DependsOn === undefined ? [] : ([] as unknown[]).concat(resource.DependsOn);
    for (const dep of deps) {
      if (typeof dep === 'string' && resources.includes(dep)) continue;
      const guess = typeof dep === 'string' ? closest(dep, resources) : undefined;
      findings.push({
        rule: 'UNKNOWN_REF',
        severity: 'error',
        resource: id,
        path: ['Resources', id, 'DependsOn'],
        message: `DependsOn names ${String(dep)}, which is not a resource of this template`,
        fix: guess ? `did you mean ${guess}?` : 'name a resource of this template',
      });
    }
  }
  return findings;
}

/** A condition or mapping named where none of that name is declared. */
function undeclared(
  kind: 'condition' | 'mapping',
  name: unknown,
  declared: string[],
  path: TemplatePath,
): RawFinding[] {
  if (typeof name !== 'string' || declared.includes(name)) return [];
  const guess = closest(name, declared);
  const section = kind === 'condition' ? 'Conditions' : 'Mappings';
  return [
    {
      rule: 'UNKNOWN_REF',
      severity: 'error',
      resource: ownerOf(path),
      path,
      message: `${kind} ${name} is not declared in ${section}`,
      fix: guess ? `did you mean ${guess}?` : `declare it under ${section}`,
    },
  ];
}

function checkConditionsAndMappings(template: CfnTemplate): RawFinding[] {
  const conditions = Object.keys(template.Conditions ?? {});
  const mappings = Object.keys((template.Mappings as object | undefined) ?? {});
  const findings: RawFinding[] = [];
  for (const section of ['Resources', 'Outputs'] as const) {
    for (const [id, entry] of Object.entries(
      (template[section] as Record<string, { Condition?: unknown }> | undefined) ?? {},
    )) {
      if (entry?.Condition !== undefined)
        findings.push(
          ...undeclared('condition', entry.Condition, conditions, [section, id, 'Condition']),
        );
    }
  }
  walk(template, [], (value, path) => {
    const fn = intrinsicName(value);
    const args = fn ? (value as Record<string, unknown>)[fn] : undefined;
    if (fn === 'Fn::If' && Array.isArray(args))
      findings.push(...undeclared('condition', args[0], conditions, path));
    // `{ Condition: Name }` is a function only inside Conditions; elsewhere it is an ordinary key.
    if (fn === 'Condition' && path[0] === 'Conditions')
      findings.push(...undeclared('condition', args, conditions, path));
    if (fn === 'Fn::FindInMap' && Array.isArray(args))
      findings.push(...undeclared('mapping', args[0], mappings, path));
  });
  return findings;
}

/** Checks that every Ref, GetAtt, Sub variable, DependsOn, condition and mapping names something that exists. */
export function checkReferences(template: CfnTemplate, schemas: ResourceSchemas): RawFinding[] {
  const targets = [
    ...Object.keys(template.Parameters ?? {}),
    ...Object.keys(template.Resources ?? {}),
    ...PSEUDO_PARAMETERS,
  ];
  const names: Names = { template, schemas, targets };
  const findings: RawFinding[] = [
    ...checkDependsOn(template),
    ...checkConditionsAndMappings(template),
  ];
  for (const section of ['Resources', 'Outputs', 'Conditions'] as const) {
    for (const r of referencesIn(template[section], [section])) {
      if (r.kind === 'ref' && !targets.includes(r.name))
        findings.push(unknownRef(r.name, r.path, names));
      if (r.kind === 'getatt')
        findings.push(...checkGetAtt(r.resource, r.attribute, r.path, names));
    }
  }
  return findings;
}
