import { parseDocument, type CollectionTag, type ScalarTag, type Tags } from 'yaml';
import { codeIdentity, diskCache } from './parse-cache';

/** One resource of a template in long form. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
  Condition?: string;
  Metadata?: unknown;
  [attribute: string]: unknown;
}

/** Any CloudFormation template as plain JSON, short-form tags turned into their long form. */
export interface CfnDocument {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, Record<string, unknown>>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, Record<string, unknown>>;
  [section: string]: unknown;
}

/** A template strata rendered: it always has resources (the parse-back check makes sure). */
export interface CfnTemplate extends CfnDocument {
  Resources: Record<string, CfnResource>;
}

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
];

function fnName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function shortTags(): Tags {
  const tags: Tags = [];
  for (const name of ['Ref', ...FUNCTIONS]) {
    const key = fnName(name);
    tags.push({ tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) } as ScalarTag);
    tags.push({
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq) => ({ [key]: seq.toJSON() }),
    } as CollectionTag);
    tags.push({
      tag: `!${name}`,
      collection: 'map',
      resolve: (map) => ({ [key]: map.toJSON() }),
    } as CollectionTag);
  }
  // `!GetAtt A.B` is the one short form whose scalar becomes a list.
  tags.push({
    tag: '!GetAtt',
    resolve: (value: string) => {
      const dot = value.indexOf('.');
      return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
    },
  } as ScalarTag);
  tags.push({
    tag: '!GetAtt',
    collection: 'seq',
    resolve: (seq) => ({ 'Fn::GetAtt': seq.toJSON() }),
  } as CollectionTag);
  return tags;
}

const CFN_TAGS = shortTags();

/** A YAML problem in a rendered template, with its position. */
export interface CfnYamlError {
  message: string;
  line: number;
  column: number;
}

const PARSE_OPTIONS = { customTags: CFN_TAGS, uniqueKeys: true, prettyErrors: true } as const;

function parseUncached(text: string): { template?: CfnDocument; errors: CfnYamlError[] } {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({
    message: e.message,
    line: e.linePos?.[0].line ?? 0,
    column: e.linePos?.[0].col ?? 0,
  }));
  if (errors.length) return { errors };
  return { template: doc.toJS() as CfnDocument, errors };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file: the cache key includes the parser's version
const { version: yamlVersion } = require('yaml/package.json') as { version: string };

/** What a parse depends on besides the text: a change to any of it makes every cached parse a miss. */
const parsed = diskCache<{ template?: CfnDocument; errors: CfnYamlError[] }>(
  `${yamlVersion}\0${codeIdentity(__filename)}`,
);

/** Parses CloudFormation YAML (short-form tags included) into JSON; errors are returned, not thrown. */
export function parseCfnYamlDocument(text: string): {
  template?: CfnDocument;
  errors: CfnYamlError[];
} {
  return parsed(text, () => {
    const result = parseUncached(text);
    // Only successes are kept: a failed parse runs every time, for the library's messages and positions.
    return { value: result, keep: result.template !== undefined };
  });
}

/** Parses a CloudFormation YAML template into JSON, throwing on a syntax error or a missing Resources section. */
export function parseCfnYaml(text: string): CfnTemplate {
  const { template, errors } = parseCfnYamlDocument(text);
  if (!template)
    throw new Error(
      `invalid template YAML: ${errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`,
    );
  if (template.Resources === null || typeof template.Resources !== 'object')
    throw new Error('invalid template: no Resources section');
  return template as CfnTemplate;
}
