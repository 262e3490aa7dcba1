import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { StrataError } from '../errors';
import { parseCfnYamlDocument } from '../cfn/yaml';
import { codeIdentity, diskCache } from '../cfn/parse-cache';
import { locate } from '../spec/locate';
import type { CfnTemplate, TemplateFile, TemplatePath } from './types';

/**
 * The longest start of a path that exists in the template, so a finding about a missing property
 * points at the key of the object that lacks it (`Properties:`), not at that object's first line.
 */
function existingPrefix(template: unknown, path: TemplatePath): TemplatePath {
  let node = template;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== 'object' || !(path[i] in node)) return path.slice(0, i);
    node = (node as Record<string | number, unknown>)[path[i]];
  }
  return path;
}

/** Parses CloudFormation YAML (or JSON) text; bad syntax becomes a located error, never a stack trace. */
export function parseTemplateFile(file: string, text: string): TemplateFile {
  const parsed = parseCfnYamlDocument(text);
  const first = parsed.errors[0];
  if (first) {
    throw new StrataError(
      'E_LINT',
      `${file}:${first.line}:${first.column}: not valid YAML: ${first.message.split('\n')[0]}`,
      'regenerate it with `strata generate`, or fix the syntax',
    );
  }
  return templateFile(file, text, parsed.template);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file: positions depend on the parser's version
const { version: yamlVersion } = require('yaml/package.json') as { version: string };

/**
 * Placing one finding parses its whole template again with ranges (a tenth of a second for a
 * 100 KB template, to place an info-level note at line 2), so positions are kept on disk by text and
 * path, as the parse is (see parse-cache); a new text is parsed once for all its findings.
 */
const positions = diskCache<{ line: number; column: number }>(
  `positions\0${yamlVersion}\0${codeIdentity(__filename)}`,
);

/**
 * Where the template's root mapping starts when that is plain from the text: after nothing but
 * comment and blank lines, a line opening with a key at column 1. That is the first key's position,
 * which is where the YAML library puts a block mapping's start; anything else (a `---`, a directive,
 * a flow mapping, JSON) is left to the library.
 */
function rootStart(text: string): { line: number; column: number } | undefined {
  let at = 0;
  for (let line = 1; at < text.length; line++) {
    const end = text.indexOf('\n', at);
    const content = text.slice(at, end < 0 ? text.length : end);
    if (/^[A-Za-z][\w:-]*:(?:\s|$)/.test(content)) return { line, column: 1 };
    if (content.trim() !== '' && !content.startsWith('#')) return undefined;
    if (end < 0) return undefined;
    at = end + 1;
  }
  return undefined;
}

/**
 * Wraps an already parsed template (the generator has one) with a way to place paths in its text.
 * Positions need a second, tag-agnostic parse that keeps node ranges; it runs only when a finding asks.
 */
export function templateFile(file: string, text: string, template: unknown): TemplateFile {
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new StrataError(
      'E_LINT',
      `${file}: a CloudFormation template must be a mapping with a Resources section`,
      'check that this is a template',
    );
  }
  let loaded: Parameters<typeof locate>[0] | undefined;
  // Hashed once per file, not once per finding: a template can have hundreds.
  let textKey: string | undefined;
  return {
    file,
    text,
    template: template as CfnTemplate,
    positionOf: (path) => {
      const prefix = existingPrefix(template, path);
      // Template-wide findings (size, limits) point at the root: found without parsing again.
      const root = prefix.length === 0 ? rootStart(text) : undefined;
      if (root) return { file, ...root };
      textKey ??= createHash('sha256').update(text).digest('hex');
      const { line, column } = positions(`${textKey}\0${JSON.stringify(prefix)}`, () => {
        if (!loaded) {
          const lineCounter = new LineCounter();
          loaded = {
            file,
            text,
            doc: parseDocument(text, { lineCounter }),
            lineCounter,
            data: template,
          };
        }
        const { line, column } = locate(loaded, prefix, { key: true });
        return { value: { line, column }, keep: true };
      });
      return { file, line, column };
    },
  };
}
