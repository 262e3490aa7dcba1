import { isPlainObject } from '../cfn/intrinsics';
import type { PropertySpec, ResourceSchemas, SpecType } from './resource-data';
import {
  formatTemplatePath,
  type CfnTemplate,
  type Finding,
  type Severity,
  type TemplateFile,
  type TemplatePath,
} from './types';

/** One cfn-lint finding as parsed from its output, before it is compared with the current schemas. */
export interface CfnLintIssue {
  rule: string;
  severity: Severity;
  message: string;
  /** The file as cfn-lint was given it. */
  file: string;
  path: TemplatePath;
  line?: number;
  column?: number;
}

interface PythonJsonIssue {
  Filename: string | null;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: {
    Path?: Array<string | number> | null;
    Start?: { LineNumber: number; ColumnNumber: number };
  };
}

const PYTHON_LEVELS: Record<string, Severity> = {
  Error: 'error',
  Warning: 'warning',
  Informational: 'info',
};

/** Parses `cfn-lint --format json` (the Python cfn-lint). */
export function parsePythonJson(text: string): CfnLintIssue[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const issues = JSON.parse(trimmed) as PythonJsonIssue[];
  return issues.map((i) => ({
    rule: i.Rule.Id,
    severity: PYTHON_LEVELS[i.Level] ?? 'warning',
    message: i.Message,
    // Configuration errors (E0003) belong to no file.
    file: i.Filename ?? '',
    path: i.Location.Path ?? [],
    line: i.Location.Start?.LineNumber,
    column: i.Location.Start?.ColumnNumber,
  }));
}

/**
 * Parses the text report of the npm `cfn-lint validate` (it has no JSON output): a count heading per
 * severity (`N infos`, `N warn`, `N crit`), each followed by its `Resource:` / `Message:` blocks.
 */
export function parseNpxText(text: string, file: string): CfnLintIssue[] {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour escapes, which start with ESC
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const issues: CfnLintIssue[] = [];
  let section: Severity = 'error';
  let resource: string | undefined;
  for (const line of plain.split(/\r?\n/)) {
    const heading = /^\d+ (infos|warn|crit)$/.exec(line.trim());
    if (heading)
      section = heading[1] === 'crit' ? 'error' : heading[1] === 'warn' ? 'warning' : 'info';
    if (line.startsWith('Resource: ')) resource = line.slice('Resource: '.length).trim();
    if (line.startsWith('Message: ') && resource !== undefined) {
      const path = resource.split(' > ').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      issues.push({
        rule: 'cfn-lint',
        severity: section,
        message: line.slice('Message: '.length).trim(),
        file,
        path,
      });
      resource = undefined;
    }
  }
  return issues;
}

function elementRef(type: SpecType): string | undefined {
  if (type.type === 'ref') return type.reference.$ref;
  if (type.type === 'array' || type.type === 'map') return elementRef(type.element);
  return undefined;
}

/** The property map that applies at an object path inside a resource's Properties, per the current schemas. */
export function propertiesAt(
  schemas: ResourceSchemas,
  template: CfnTemplate,
  path: TemplatePath,
): Record<string, PropertySpec> | undefined {
  if (path[0] !== 'Resources' || typeof path[1] !== 'string' || path[2] !== 'Properties')
    return undefined;
  const spec = schemas.resource(template.Resources?.[path[1]]?.Type ?? '');
  if (!spec) return undefined;
  let props = spec.properties;
  for (const part of path.slice(3)) {
    if (typeof part === 'number') continue;
    const ref = props[part] ? elementRef(props[part].type) : undefined;
    const def = ref ? spec.typeDefs[ref] : undefined;
    if (!def) return undefined;
    props = def.properties;
  }
  return props;
}

function valueAt(template: CfnTemplate, path: TemplatePath): unknown {
  let node: unknown = template;
  for (const part of path)
    node =
      Array.isArray(node) || isPlainObject(node)
        ? (node as Record<string | number, unknown>)[part]
        : undefined;
  return node;
}

/** The GetAtt target and attribute a path points into, if it is inside an `Fn::GetAtt`. */
function getAttAt(template: CfnTemplate, path: TemplatePath): [string, string] | undefined {
  const i = path.lastIndexOf('Fn::GetAtt');
  const args =
    i >= 0
      ? valueAt(template, path.slice(0, i + 1))
      : (valueAt(template, path) as Record<string, unknown> | undefined)?.['Fn::GetAtt'];
  return Array.isArray(args) && typeof args[0] === 'string' && typeof args[1] === 'string'
    ? [args[0], args[1]]
    : undefined;
}

/**
 * True when a cfn-lint finding contradicts the current schemas: it calls a property, attribute or type
 * unknown, or a property required, and `@aws-cdk/aws-service-spec` says otherwise.
 */
export function contradictsSchemas(
  issue: CfnLintIssue,
  template: CfnTemplate,
  schemas: ResourceSchemas,
): boolean {
  const unknownProp =
    /^(\S+) is not a valid property of/.exec(issue.message) ??
    /Additional properties are not allowed \('([^']+)' was unexpected\)/.exec(issue.message);
  if (unknownProp) {
    const objectPath =
      issue.path[issue.path.length - 1] === unknownProp[1] ? issue.path.slice(0, -1) : issue.path;
    return propertiesAt(schemas, template, objectPath)?.[unknownProp[1]] !== undefined;
  }
  const required =
    /^Required property (\S+) missing/.exec(issue.message) ??
    /^'([^']+)' is a required property/.exec(issue.message);
  if (required) {
    const prop = propertiesAt(schemas, template, issue.path)?.[required[1]];
    return prop !== undefined && !prop.required;
  }
  const badType =
    /invalid Type of (\S+?)\.?$/.exec(issue.message) ??
    /^Resource type '([^']+)' does not exist/.exec(issue.message);
  if (badType) return schemas.resource(badType[1]) !== undefined;
  const attribute = /^No such attribute (\S+) on (\S+)/.exec(issue.message);
  if (attribute) return schemas.resource(attribute[2])?.attributes.includes(attribute[1]) === true;
  const getAtt = /is not one of \[/.test(issue.message)
    ? getAttAt(template, issue.path)
    : undefined;
  if (getAtt)
    return (
      schemas
        .resource(template.Resources?.[getAtt[0]]?.Type ?? '')
        ?.attributes.includes(getAtt[1]) === true
    );
  return false;
}

/**
 * Turns a cfn-lint issue into a finding shown under `shown`, marking it when the current schemas contradict
 * it; issues without a line (the npm cfn-lint gives none) are placed from their path.
 */
export function issueToFinding(
  issue: CfnLintIssue,
  shown: string,
  file: TemplateFile | undefined,
  schemas: ResourceSchemas,
): Finding {
  const resource =
    issue.path[0] === 'Resources' && typeof issue.path[1] === 'string' ? issue.path[1] : undefined;
  return {
    rule: issue.rule,
    severity: issue.severity,
    message: issue.message,
    file: shown,
    resource,
    path: formatTemplatePath(issue.path),
    position: issue.line
      ? { file: shown, line: issue.line, column: issue.column ?? 1 }
      : file && { ...file.positionOf(issue.path), file: shown },
    source: 'cfn-lint',
    staleSpec: file ? contradictsSchemas(issue, file.template, schemas) : false,
  };
}
