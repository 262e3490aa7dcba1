import { parseDocument, type CollectionTag, type ScalarTag, type Tags } from 'yaml';

/** A CloudFormation template as plain JSON: short-form tags turned into their long form. */
export interface CfnTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, { Type: string; Default?: unknown; Description?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string; Condition?: string }>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: unknown }>;
  [section: string]: unknown;
}

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Condition'];

function fnName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function shortTags(): Tags {
  const tags: Tags = [];
  for (const name of ['Ref', ...FUNCTIONS]) {
    const key = fnName(name);
    tags.push({ tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) } as ScalarTag);
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq) => ({ [key]: seq.toJSON() }) } as CollectionTag);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map) => ({ [key]: map.toJSON() }) } as CollectionTag);
  }
  // `!GetAtt A.B` is the one short form whose scalar becomes a list.
  tags.push({ tag: '!GetAtt', resolve: (value: string) => {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  } } as ScalarTag);
  tags.push({ tag: '!GetAtt', collection: 'seq', resolve: (seq) => ({ 'Fn::GetAtt': seq.toJSON() }) } as CollectionTag);
  return tags;
}

const CFN_TAGS = shortTags();

/** A YAML problem in a rendered template, with its position. */
export interface CfnYamlError {
  message: string;
  line: number;
  column: number;
}

/** Parses CloudFormation YAML (short-form tags included) into JSON; errors are returned, not thrown. */
export function parseCfnYamlDocument(text: string): { template?: CfnTemplate; errors: CfnYamlError[] } {
  const doc = parseDocument(text, { customTags: CFN_TAGS, uniqueKeys: true, prettyErrors: true });
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({ message: e.message, line: e.linePos?.[0].line ?? 0, column: e.linePos?.[0].col ?? 0 }));
  if (errors.length) return { errors };
  return { template: doc.toJS() as CfnTemplate, errors };
}

/** Parses CloudFormation YAML into JSON, throwing on a syntax error. */
export function parseCfnYaml(text: string): CfnTemplate {
  const { template, errors } = parseCfnYamlDocument(text);
  if (!template) throw new Error(`invalid template YAML: ${errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  return template;
}
