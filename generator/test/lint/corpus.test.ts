import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate, placeFinding } from '../../src/lint';
import { SCHEMA_RULES, SECURITY_RULES } from '../../src/lint/rules';
import { parseTemplateFile } from '../../src/lint/template-file';
import { schemas } from './helpers';

const DIR = join(__dirname, '../fixtures/lint/templates');

/** Each corpus template starts with `# expect: RULE LogicalId line:column` (`-` when no resource). */
function expectation(text: string) {
  const m = /^# expect: (\S+) (\S+) (\d+):(\d+)$/m.exec(text);
  if (!m) throw new Error('corpus template without an `# expect:` line');
  return {
    rule: m[1],
    resource: m[2] === '-' ? undefined : m[2],
    line: Number(m[3]),
    column: Number(m[4]),
  };
}

describe('corpus of broken templates', () => {
  const names = readdirSync(DIR)
    .filter((n) => n.endsWith('.yaml'))
    .sort();

  for (const name of names) {
    it(`${name} raises exactly its one rule at its one location`, () => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const file = parseTemplateFile(`fixtures/${name}`, text);
      const findings = checkTemplate(file, schemas()).map((raw) => placeFinding(raw, file, name));
      const want = expectation(text);
      expect(
        findings.map((f) => ({
          rule: f.rule,
          resource: f.resource,
          line: f.position?.line,
          column: f.position?.column,
        })),
      ).toEqual([want]);
    });
  }

  it('covers every security rule and every resource-schema class', () => {
    const covered = new Set(names.map((n) => expectation(readFileSync(join(DIR, n), 'utf8')).rule));
    const wanted = [
      ...SECURITY_RULES.map((r) => r.id),
      ...SCHEMA_RULES.map((r) => r.id).filter(
        (id) => !id.startsWith('TOO_MANY') && id !== 'TEMPLATE_TOO_LARGE',
      ),
    ];
    expect(wanted.filter((id) => !covered.has(id))).toEqual([]);
  });
});
