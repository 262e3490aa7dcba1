import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { StrataError } from '../errors';
import { locate } from '../spec/locate';
import type { CfnTemplate, TemplateFile } from './types';

/** Short-form tags whose long form is not `Fn::<Name>`. */
const PLAIN_NAMES: Record<string, string> = { Ref: 'Ref', Condition: 'Condition' };

function longName(tag: string): string {
  const name = tag.replace(/^!/, '');
  return PLAIN_NAMES[name] ?? `Fn::${name}`;
}

/** Converts one YAML node to plain data, turning `!GetAtt a.b` and friends into their long form. */
function toLongForm(node: unknown, doc: ReturnType<typeof parseDocument>): unknown {
  if (isAlias(node)) return toLongForm(node.resolve(doc), doc);
  let value: unknown;
  if (isScalar(node)) value = node.value;
  else if (isSeq(node)) value = node.items.map((item) => toLongForm(item, doc));
  else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      obj[key] = toLongForm(pair.value, doc);
    }
    value = obj;
  } else return null;
  const tag = (node as Node).tag;
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = longName(tag);
  // `!GetAtt Res.Attr` is the one short form whose scalar splits into a list.
  if (name === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name]: value };
}

/** Parses CloudFormation YAML (or JSON) text; bad syntax becomes a located error, never a stack trace. */
export function parseTemplateFile(file: string, text: string): TemplateFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new StrataError('E_LINT', `${file}:${line}:${col}: not valid YAML: ${first.message.split('\n')[0]}`, 'regenerate it with `strata generate`, or fix the syntax');
  }
  const template = toLongForm(doc.contents, doc);
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new StrataError('E_LINT', `${file}: a CloudFormation template must be a mapping with a Resources section`, 'check that this is a template');
  }
  const loaded = { file, text, doc, lineCounter, data: template };
  return {
    file,
    text,
    template: template as CfnTemplate,
    positionOf: (path) => {
      const { line, column } = locate(loaded, path, { key: true });
      return { file, line, column };
    },
  };
}
