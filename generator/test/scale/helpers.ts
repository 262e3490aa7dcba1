import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../core/helpers';

/** The auto-scaling fixture's topology text and its path in the repository. */
export const AUTO_SCALING_FILE = 'generator/test/fixtures/auto-scaling/topology.yaml';
export const AUTO_SCALING_TEXT = readFileSync(join(ROOT, AUTO_SCALING_FILE), 'utf8');

/** The fixture with one piece of text replaced; fails loudly if the text is not there. */
export function fixtureWith(from: string, to: string): string {
  if (!AUTO_SCALING_TEXT.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`);
  return AUTO_SCALING_TEXT.replace(from, to);
}
