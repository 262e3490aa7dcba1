import { readFileSync } from 'node:fs';
import { visit, type Document, type LineCounter } from 'yaml';
import { SpecError, StrataError, type Diagnostic } from '../errors';
import { parseTopologyDocument } from './document-cache';
import {
  assertFileSize,
  assertLineBreaks,
  assertTextSize,
  duplicateKeys,
  lineText,
} from './limits';

/** A topology file as parsed: its text, the YAML document (with ranges) and the plain data. */
export interface LoadedSpec {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: 'remove or rename one of the two keys',
  BAD_INDENT: 'indent the line to line up with its siblings',
  MISSING_CHAR: 'close the quote, bracket or brace that was opened',
  BLOCK_AS_IMPLICIT_KEY: 'put the value on the same line as its key, or indent the block under it',
  MULTILINE_IMPLICIT_KEY: 'keys must fit on one line; quote the key or join the lines',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  UNEXPECTED_TOKEN: 'check the punctuation on this line',
};

/** Parses YAML text, reporting every syntax error with its position; never throws on bad YAML. */
export function parseSpec(file: string, text: string): LoadedSpec {
  assertTextSize(file, text);
  assertLineBreaks(file, text);
  // uniqueKeys is quadratic in the parser; duplicateKeys below does the same check in linear time.
  const { doc, lineCounter } = parseTopologyDocument(text);
  const diagnostics: Diagnostic[] = [];
  for (const [severity, list] of [
    ['error', doc.errors],
    ['warning', doc.warnings],
  ] as const) {
    for (const e of list) {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      diagnostics.push({
        code: `yaml/${e.code.toLowerCase().replace(/_/g, '-')}`,
        severity,
        path: '',
        message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
        fix: YAML_FIXES[e.code] ?? 'fix the YAML syntax here',
        position: { file, line, column: col },
        sourceLine: lineText(text, lineCounter, line),
      });
    }
  }
  diagnostics.push(...duplicateKeys(file, text, doc, lineCounter));
  if (diagnostics.some((d) => d.severity === 'error')) throw new SpecError(diagnostics);
  const data = toPlainData(file, text, doc, lineCounter);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SpecError([
      {
        code: 'yaml/not-a-mapping',
        severity: 'error',
        path: '',
        message: 'the topology must be a YAML mapping (key: value pairs)',
        fix: 'start from spec/topology.yaml, which has `name`, `region` and `network` at the top level',
        position: { file, line: 1, column: 1 },
        sourceLine: lineText(text, lineCounter, 1),
      },
    ]);
  }
  return { file, text, doc, lineCounter, data };
}

/** The document as plain data; an alias that points nowhere (or expands too far) becomes a located error. */
function toPlainData(
  file: string,
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias: (_key, node) => {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lineCounter.linePos(offset);
    throw new SpecError([
      {
        code: 'yaml/alias',
        severity: 'error',
        path: '',
        message: (error as Error).message,
        fix: 'define the anchor (`&name`) before the alias (`*name`) uses it, or write the value out',
        position: { file, line, column: col },
        sourceLine: lineText(text, lineCounter, line),
      },
    ]);
  }
}

/** Reads and parses a topology file; positions are reported under `shownAs` (the path as the user gave it). */
export function loadSpec(file: string, shownAs = file): LoadedSpec {
  let text: string;
  assertFileSize(file, shownAs);
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new StrataError(
      'E_IO',
      `cannot read topology ${shownAs}: ${reason}`,
      'pass the path of a topology file, e.g. `strata validate spec/topology.yaml`',
    );
  }
  return parseSpec(shownAs, text);
}
