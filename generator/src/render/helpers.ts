import type { HelperDelegate } from 'handlebars';
import { quote } from '../cfn/intrinsics';

/**
 * The few helpers templates may use. `q` is the only way a topology value reaches a template:
 * it emits a double-quoted YAML scalar, so quotes, colons, `#`, newlines or `{{` in a value stay data.
 */
export const helpers: Record<string, HelperDelegate> = {
  q: (value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(
        `q expects a string, number or boolean, got ${value === undefined ? 'undefined' : typeof value}`,
      );
    }
    return quote(value);
  },
  json: (value: unknown) => JSON.stringify(value),
  /**
   * Lines of a block scalar: the first follows the template's own indentation, the rest get `indent`
   * spaces, and blank lines stay empty so the output has no trailing white space.
   */
  block: (lines: unknown, indent: unknown) => {
    if (!Array.isArray(lines) || typeof indent !== 'number')
      throw new Error('block expects a list of lines and a number');
    return lines
      .map((line, i) => (i === 0 || line === '' ? String(line) : ' '.repeat(indent) + String(line)))
      .join('\n');
  },
  /** Joins its arguments into one string (Handlebars passes its options object last). */
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
};
