import type { Diagnostic } from '../errors';

/** A problem found by a rule, before it is given a source position. */
export type Finding = Omit<Diagnostic, 'position' | 'sourceLine'> & { key?: boolean };
