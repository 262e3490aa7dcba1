import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { SpecError, StrataError } from '../../src/errors';
import { generateText } from '../core/helpers';
import { AUTO_SCALING_FILE, AUTO_SCALING_TEXT } from './helpers';

// Random edits of the auto-scaling fixture (its groups, schedules, internal load balancer and url
// refs included) end in templates or in located errors, never in a crash.
const FIXTURE = parse(AUTO_SCALING_TEXT) as Record<string, unknown>;

function paths(
  node: unknown,
  path: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
) {
  out.push(path);
  if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node))
      paths(v, [...path, Array.isArray(node) ? Number(k) : k], out);
  return out;
}
const ALL = paths(FIXTURE).filter((p) => p.length > 0);

function edit(choice: number, value: unknown): string {
  const copy = structuredClone(FIXTURE);
  const path = ALL[choice % ALL.length];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking an arbitrary YAML tree
  const parent = path.slice(0, -1).reduce<any>((n, k) => n[k], copy);
  const key = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = value;
  return stringify(copy);
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -3, max: 120 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '0 8 * * MON-FRI',
    '* * *',
    'tiers.backend.url',
    { ref: 'tiers.frontend.url' },
    {},
  ),
  fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 2 }),
);

describe('random edits of the auto-scaling fixture', () => {
  it('get templates or located errors, never a crash', () => {
    fc.assert(
      fc.property(fc.nat(), junk, (choice, value) => {
        try {
          generateText(edit(choice, value), AUTO_SCALING_FILE);
        } catch (error) {
          if (!(error instanceof SpecError)) {
            if (error instanceof StrataError)
              throw new Error(`a user mistake surfaced as ${error.code}`, { cause: error });
            throw error;
          }
          for (const d of error.diagnostics) expect(d.position!.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
