import type { Palette } from '../output/terminal';

/** How a stack or resource status reads to a user: a colour, a symbol and what it means for a deploy. */
export interface StatusLook {
  colour: keyof Palette;
  symbol: string;
  /** settled = safe to start an operation; busy = an operation is running; failed = settled, but on a failure. */
  state: 'settled' | 'busy' | 'failed';
}

const OK: StatusLook = { colour: 'green', symbol: '✔', state: 'settled' };
const BUSY: StatusLook = { colour: 'cyan', symbol: '…', state: 'busy' };
const UNDOING: StatusLook = { colour: 'yellow', symbol: '↺', state: 'busy' };
const FAILED: StatusLook = { colour: 'red', symbol: '✖', state: 'failed' };
const ROLLED_BACK: StatusLook = { colour: 'yellow', symbol: '✖', state: 'failed' };

/** Every CloudFormation stack and resource status, mapped once. */
export const STATUS_TABLE: Record<string, StatusLook> = {
  CREATE_COMPLETE: OK,
  UPDATE_COMPLETE: OK,
  DELETE_COMPLETE: OK,
  IMPORT_COMPLETE: OK,
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: { ...BUSY, symbol: '✔' },
  CREATE_IN_PROGRESS: BUSY,
  UPDATE_IN_PROGRESS: BUSY,
  DELETE_IN_PROGRESS: BUSY,
  IMPORT_IN_PROGRESS: BUSY,
  REVIEW_IN_PROGRESS: { ...BUSY, state: 'settled' },
  ROLLBACK_IN_PROGRESS: UNDOING,
  UPDATE_ROLLBACK_IN_PROGRESS: UNDOING,
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: UNDOING,
  IMPORT_ROLLBACK_IN_PROGRESS: UNDOING,
  ROLLBACK_COMPLETE: ROLLED_BACK,
  UPDATE_ROLLBACK_COMPLETE: { ...ROLLED_BACK, state: 'settled' },
  IMPORT_ROLLBACK_COMPLETE: { ...ROLLED_BACK, state: 'settled' },
  CREATE_FAILED: FAILED,
  UPDATE_FAILED: FAILED,
  DELETE_FAILED: FAILED,
  ROLLBACK_FAILED: FAILED,
  UPDATE_ROLLBACK_FAILED: FAILED,
  IMPORT_ROLLBACK_FAILED: FAILED,
  IMPORT_FAILED: FAILED,
  DELETE_SKIPPED: { colour: 'dim', symbol: '-', state: 'settled' },
  NOT_DEPLOYED: { colour: 'dim', symbol: '○', state: 'settled' },
};

const UNKNOWN: StatusLook = { colour: 'dim', symbol: '?', state: 'busy' };

/** The look of a status; unknown statuses count as busy so nothing starts on top of them. */
export function statusLook(status: string): StatusLook {
  return STATUS_TABLE[status] ?? UNKNOWN;
}

/** A status painted with its symbol, e.g. `✔ CREATE_COMPLETE` in green. */
export function paintStatus(status: string, p: Palette): string {
  const look = statusLook(status);
  return p[look.colour](`${look.symbol} ${status}`);
}

/** True when an operation on the stack is running and a new one would be refused. */
export function isBusy(status: string): boolean {
  return statusLook(status).state === 'busy';
}

/** True for a status that ends an operation successfully (create, update, delete). */
export function isSuccess(status: string): boolean {
  return (
    status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'DELETE_COMPLETE' ||
    status === 'IMPORT_COMPLETE'
  );
}
