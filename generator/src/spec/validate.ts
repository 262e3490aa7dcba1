import { SpecError, type Diagnostic } from '../errors';
import { normalize } from '../model/normalize';
import type { Model } from '../model/topology';
import type { LoadedSpec } from './load';
import { locate } from './locate';
import { checkApps } from './apps';
import { checkCharacters } from './characters';
import { checkRules, type Finding } from './rules';
import { validateSchema } from './schema';

/** A topology that passed every check, with the warnings found on the way. */
export interface ValidTopology {
  model: Model;
  warnings: Diagnostic[];
}

/** Where the project's files are, for the rules that look at disk. */
export interface ValidateOptions {
  /** The `apps/` folder tiers name their apps in; the check is skipped when not given. */
  appsDir?: string;
}

/**
 * Schema, then semantic rules, then normalisation. Rules run only on schema-valid data so they can
 * trust shapes; every problem of a stage is reported at once, ordered by position in the file.
 */
export function validateTopology(spec: LoadedSpec, options: ValidateOptions = {}): ValidTopology {
  const characters = checkCharacters(spec);
  const badPaths = new Set(characters.map((d) => d.path));
  const { diagnostics: schemaFound, data } = validateSchema(spec);
  // A value with a forbidden character usually fails its pattern too; one report is enough.
  const schemaProblems = [...characters, ...schemaFound.filter((d) => !badPaths.has(d.path))];
  const ruleProblems = schemaProblems.length
    ? rulesDespiteSchemaErrors(data, schemaProblems)
    : checkRules(data);
  if (options.appsDir && !schemaProblems.length)
    ruleProblems.push(...checkApps(data, options.appsDir));
  const located = ruleProblems.map(({ key, ...finding }): Diagnostic => {
    const where = locate(spec, finding.path, { key });
    return {
      ...finding,
      position: { file: where.file, line: where.line, column: where.column },
      sourceLine: where.sourceLine,
    };
  });
  const all = sortByPosition([...schemaProblems, ...located]);
  if (all.some((d) => d.severity === 'error')) throw new SpecError(all);
  return { model: normalize(data, spec.file), warnings: all };
}

/**
 * Rules are written for schema-valid data, but a user fixing one typo should still hear about the
 * overlapping CIDR three lines down. Run them anyway, drop what touches a schema error, and treat a
 * rule that trips over malformed data as having nothing to say.
 */
function rulesDespiteSchemaErrors(
  data: Parameters<typeof checkRules>[0],
  schemaProblems: Diagnostic[],
): Finding[] {
  let findings: Finding[];
  try {
    findings = checkRules(data);
  } catch {
    return [];
  }
  // A finding touches a schema error when either path is a prefix of the other: look the
  // finding's prefixes up in a set, and the error paths' prefixes in another (linear, not n × m).
  const errorPaths = new Set(schemaProblems.map((d) => d.path));
  const errorPrefixes = new Set(schemaProblems.flatMap((d) => prefixes(d.path)));
  return findings.filter(
    (f) => !errorPrefixes.has(f.path) && !prefixes(f.path).some((p) => errorPaths.has(p)),
  );
}

/** `a.b[0].c` → `a`, `a.b`, `a.b[0]`, `a.b[0].c`. */
function prefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++)
    if (path[i] === '.' || path[i] === '[') out.push(path.slice(0, i));
  out.push(path);
  return out;
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}
