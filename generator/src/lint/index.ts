import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { StrataError } from '../errors';
import { codeIdentity, diskCache } from '../cfn/parse-cache';
import { loadResourceSchemas, type LoadOptions, type ResourceSchemas } from './resource-data';
import { checkReferences } from './references';
import { checkResourceSchemas } from './resource-schema';
import { SECURITY_RULES } from './rules';
import { applySuppressions } from './suppressions';
import { checkTemplateLimits } from './template-limits';
import { checkTemplateSections } from './template-sections';
import { parseTemplateFile, templateFile } from './template-file';
import type { CfnLintTarget } from './cfn-lint';
import type { Generated } from '../generate';
import { linkGenerated, linkOutFolder, topologyLocation, type TopologyLink } from './topology-link';
import {
  formatTemplatePath,
  type Finding,
  type LintReport,
  type RawFinding,
  type TemplateFile,
} from './types';

export type { Finding, LintReport } from './types';

/** Every strata check of one template, before suppressions: schemas, references, limits, security rules. */
export function checkTemplate(file: TemplateFile, schemas: ResourceSchemas): RawFinding[] {
  return [
    ...checkTemplateLimits(file.template, file.text),
    ...checkTemplateSections(file.template),
    ...checkResourceSchemas(file.template, schemas),
    ...checkReferences(file.template, schemas),
    ...SECURITY_RULES.flatMap((rule) => rule.check(file.template)),
  ];
}

/** Fills in where a raw finding is: the template position and the topology line behind the resource. */
export function placeFinding(
  raw: RawFinding,
  file: TemplateFile,
  templateName: string,
  link?: TopologyLink,
): Finding {
  const { topologyHint, ...rest } = raw;
  return {
    ...rest,
    file: file.file,
    source: 'strata',
    path: formatTemplatePath(raw.path),
    position: file.positionOf(raw.path),
    topology: link ? topologyLocation(link, templateName, raw.resource, topologyHint) : undefined,
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Sorts findings by file, then position, then severity, and counts them. */
export function buildReport(
  files: string[],
  findings: Finding[],
  link: Pick<TopologyLink, 'suppressions'>,
  schemas: { version: string; ms: number },
): LintReport {
  const sorted = [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
  const { kept, suppressed, unused } = applySuppressions(sorted, link.suppressions);
  const count = (s: Finding['severity']) => kept.filter((f) => f.severity === s).length;
  return {
    files,
    findings: kept,
    suppressed,
    unusedSuppressions: unused,
    counts: {
      error: count('error'),
      warning: count('warning'),
      info: count('info'),
      suppressed: suppressed.length,
    },
    schemaLoadMs: schemas.ms,
    schemaVersion: schemas.version,
  };
}

/** A template given as text, e.g. straight from the renderer; `name` is its file name in out/ (`network.yaml`). */
export interface TemplateInput {
  name: string;
  text: string;
  /** The parsed template, when the caller has it already (saves parsing the text again). */
  template?: unknown;
}

/** Options shared by the lint entry points. */
export interface LintOptions extends LoadOptions {
  /** Working directory; file names in findings are shown relative to it. */
  cwd: string;
  /** Topology to take locations and suppressions from; defaults to the one out/manifest.json names. */
  specFile?: string;
}

function lintLinked(
  link: TopologyLink,
  outDir: string,
  inputs: TemplateInput[],
  options: LoadOptions & { cwd: string },
): LintReport {
  const { schemas, ms } = loadResourceSchemas(options);
  const findings: Finding[] = [];
  const shown: string[] = [];
  for (const input of inputs) {
    const name = relative(options.cwd, join(outDir, input.name)) || input.name;
    const file = input.template
      ? templateFile(name, input.text, input.template)
      : parseTemplateFile(name, input.text);
    shown.push(name);
    findings.push(
      ...checkTemplate(file, schemas).map((raw) => placeFinding(raw, file, input.name, link)),
    );
  }
  return buildReport(shown, findings, link, { version: schemas.version, ms });
}

/** The template files of an out/ folder: the manifest's stacks in deploy order, else every .yaml/.json file. */
export function templateNames(outDir: string, manifestTemplates?: string[]): string[] {
  if (manifestTemplates?.length) return manifestTemplates;
  if (!existsSync(outDir))
    throw new StrataError(
      'E_IO',
      `no such folder: ${outDir}`,
      'run `strata generate` first, or pass the folder holding the templates',
    );
  const names = readdirSync(outDir)
    .filter((n) => /\.(ya?ml|json|template)$/.test(n) && n !== 'manifest.json')
    .sort();
  if (names.length === 0)
    throw new StrataError('E_LINT', `no templates in ${outDir}`, 'run `strata generate` first');
  return names;
}

function readText(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new StrataError(
      'E_IO',
      `cannot read template ${shown}: ${(error as Error).message}`,
      'run `strata generate` first',
    );
  }
}

/** What `strata lint` lints, read from an out/ folder once. */
export interface LintInput {
  outDir: string;
  templates: TemplateInput[];
  link: TopologyLink;
  /** The manifest's region, when there is a manifest. */
  region?: string;
}

/** Reads an out/ folder's templates, manifest and topology, once each. */
export function readLintInput(outDir: string, options: LintOptions): LintInput {
  const { manifest, ...link } = linkOutFolder(outDir, options.cwd, options.specFile);
  const names = templateNames(
    outDir,
    manifest?.stacks.map((s) => s.template),
  );
  const templates = names.map((name) => ({
    name,
    text: readText(join(outDir, name), relative(options.cwd, join(outDir, name))),
  }));
  return { outDir, templates, link, region: manifest?.region };
}

/** Lints what `readLintInput` read. */
export function lintInput(input: LintInput, options: LintOptions): LintReport {
  return lintLinked(input.link, input.outDir, input.templates, options);
}

/** Lints the rendered templates in an out/ folder, as `strata lint` does. */
export function lintRendered(outDir: string, options: LintOptions): LintReport {
  return lintInput(readLintInput(outDir, options), options);
}

/**
 * Lints what `strata generate` produced before it is written, from the run's own result: its
 * templates (text and parsed), manifest, model (suppressions) and parsed topology (locations).
 */
export function lintGenerated(
  generated: Pick<Generated, 'files' | 'templates' | 'manifest' | 'model' | 'spec'>,
  options: LoadOptions & { outDir: string; cwd: string },
): LintReport {
  const inputs = generated.manifest.stacks.map(({ template: name }) => ({
    name,
    text: generated.files.get(name) ?? '',
    template: generated.templates.get(name),
  }));
  const run = () => lintLinked(linkGenerated(generated), options.outDir, inputs, options);
  if (options.cacheDir === false) return run();
  // Everything a report is computed from: the templates, the topology text (positions and
  // suppressions), the resource paths of the manifest and where the files are named from.
  const key = JSON.stringify([
    options.outDir,
    options.cwd,
    generated.spec.file,
    generated.spec.text,
    generated.model.suppressions,
    generated.manifest.stacks.map((s) => [s.template, s.resources ?? {}]),
    inputs.map((i) => [i.name, i.text]),
  ]);
  return lintReports(key, () => ({ value: run(), keep: true }));
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file: the key includes the schemas' version
const { version: schemaPackageVersion } = require('@aws-cdk/aws-service-spec/package.json') as {
  version: string;
};

/**
 * `generate` lints what it is about to write, and most runs render exactly what the previous run
 * rendered: the report is kept like a parse (see cfn/parse-cache.ts), keyed by everything it is
 * computed from and by the code that computed it, so an edit anywhere is a miss.
 */
const lintReports = diskCache<LintReport>(
  `lint\0${schemaPackageVersion}\0${codeIdentity(__filename)}`,
);

/** The templates of a lint input as cfn-lint targets, with the manifest's region (us-east-1 without one). */
export function cfnLintTargets(
  input: LintInput,
  cwd: string,
): { targets: CfnLintTarget[]; region: string } {
  const targets = input.templates.map(({ name, text }) => {
    const path = join(input.outDir, name);
    const shown = relative(cwd, path) || name;
    return { path, shown, file: parseTemplateFile(shown, text) };
  });
  return { targets, region: input.region ?? 'us-east-1' };
}
