/** Shared shapes of `strata lint`: templates as read, findings, rules and the report. */
import type { CfnDocument, CfnResource } from '../cfn/yaml';
import type { TemplatePath } from '../cfn/intrinsics';

export type { TemplatePath };

/** Position in a file, 1-based as editors show it. */
export interface FilePosition {
  file: string;
  line: number;
  column: number;
}

/** Lint reads any template, so none of its sections can be assumed present. */
export type CfnTemplate = CfnDocument;
export type { CfnResource };

/** A rendered template read from disk: its name, text, data and a way to place a path in the text. */
export interface TemplateFile {
  /** As shown to the user, e.g. `out/database.yaml`. */
  file: string;
  text: string;
  template: CfnTemplate;
  /** Line and column of a path; falls back to the nearest parent that exists. */
  positionOf(path: TemplatePath): FilePosition;
}

/** How bad a finding is; only errors fail the run. */
export type Severity = 'error' | 'warning' | 'info';

/** Where in the topology a finding comes from. */
export interface TopologyLocation extends FilePosition {
  /** Dotted topology path, e.g. `securityGroups.frontend.ingress[1]`. */
  path: string;
  sourceLine?: string;
}

/** One problem found by a check, a rule or cfn-lint. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** How to fix it, in one sentence. */
  fix?: string;
  /** The template file, e.g. `out/compute.yaml`. */
  file: string;
  /** Logical id of the resource, when the finding is about one. */
  resource?: string;
  /** Path inside the template, e.g. `Resources.Db.Properties.Port`. */
  path: string;
  position?: FilePosition;
  /** The topology line that caused the resource, when the manifest names it. */
  topology?: TopologyLocation;
  /** `strata` for strata's own checks, `cfn-lint` for findings reported by cfn-lint. */
  source: 'strata' | 'cfn-lint';
  /** cfn-lint only: the finding contradicts the current resource schemas (cfn-lint's spec is stale). */
  staleSpec?: boolean;
}

/** A finding before the file and position are filled in. */
export type RawFinding = Omit<Finding, 'file' | 'source' | 'position' | 'path'> & {
  path: TemplatePath;
  /** Where in the topology to look first; see `LintRule.topology`. */
  topologyHint?: readonly string[];
};

/** A security or reliability rule: one function over one template. */
export interface LintRule {
  id: string;
  severity: Severity;
  /** What the rule looks for, for the README table and `--json`. */
  summary: string;
  /**
   * Topology paths that set what the rule checks, tried in order before the resource's own path:
   * relative to the resource's topology path (`storage.encrypted`), or absolute with a leading `/`.
   */
  topology?: readonly string[];
  check(template: CfnTemplate): RawFinding[];
}

/** A `lint.suppress` entry of the topology. */
export interface Suppression {
  rule: string;
  resource?: string;
  reason: string;
}

/** The outcome of linting a set of templates. */
export interface LintReport {
  files: string[];
  findings: Finding[];
  suppressed: Array<{ finding: Finding; reason: string }>;
  /** Suppressions in the topology that matched no finding (probably stale). */
  unusedSuppressions: Suppression[];
  counts: { error: number; warning: number; info: number; suppressed: number };
  /** Milliseconds spent loading the resource schemas (0 when they were already in memory). */
  schemaLoadMs: number;
  /** Version of `@aws-cdk/aws-service-spec` the schemas come from. */
  schemaVersion: string;
}

/** Formats a template path as `Resources.Db.Properties.Port` (array indexes as `[0]`). */
export function formatTemplatePath(path: TemplatePath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** cfn-lint's own run, shown beside strata's findings. */
export interface CfnLintSection {
  /** Which cfn-lint ran, e.g. `cfn-lint 1.51.0 (Python)`. */
  command: string;
  findings: Finding[];
  /** Why cfn-lint did not run, when it did not. */
  skipped?: string;
}
