/** Codes for every failure strata reports; the CLI maps them to exit codes in one place. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_IO'
  | 'E_SPEC'
  | 'E_RENDER'
  | 'E_CHECK'
  | 'E_STALE'
  | 'E_LINT'
  | 'E_COST'
  | 'E_AWS'
  | 'E_DEPLOY'
  | 'E_ABORTED'
  | 'E_INTERNAL';

/** Base class of every error a user can cause; printed without a stack trace. */
export class StrataError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'StrataError';
  }
}

/** A position in a topology file, 1-based as editors show it. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a topology: where it is, what is wrong and how to fix it. */
export interface Diagnostic {
  /** Stable identifier, e.g. `schema/required` or `cidr/outside-vpc`. */
  code: string;
  severity: 'error' | 'warning';
  /** Dotted path into the topology, e.g. `network.subnets.public.cidrs[1]`. */
  path: string;
  message: string;
  /** How to fix it, in one sentence. */
  fix?: string;
  position?: SourcePosition;
  /** The text of the offending source line, for the caret display. */
  sourceLine?: string;
}

/** A topology that failed to load or validate; carries every diagnostic found, not just the first. */
export class SpecError extends StrataError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super('E_SPEC', `${errors} error${errors === 1 ? '' : 's'} in the topology`);
    this.name = 'SpecError';
  }
}

/** True for errors strata raised on purpose, as opposed to bugs. */
export function isStrataError(error: unknown): error is StrataError {
  return error instanceof StrataError;
}

/** Thrown by a command to end with a given exit code after it has printed its own result. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
