/** A problem found by a rule, before it is given a source position (defined beside the rules). */
export type { Finding } from './rules-production';
