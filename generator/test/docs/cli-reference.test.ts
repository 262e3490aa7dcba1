import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildProgram } from '../../src/cli';
import { commandReference, REFERENCE_END, REFERENCE_START } from '../../src/commands/reference';
import { makeContext } from '../../src/output/context';
import { runCli } from '../core/run-cli';

const root = join(__dirname, '..', '..', '..');
const ctx = () =>
  makeContext({
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd: root,
  });

describe('docs/cli.md command reference', () => {
  it('is what the commander definitions render (run npm run gen:cli-docs when this fails)', () => {
    const doc = readFileSync(join(root, 'docs', 'cli.md'), 'utf8');
    const start = doc.indexOf(REFERENCE_START);
    expect(start).toBeGreaterThan(0);
    const committed = doc.slice(start, doc.indexOf(REFERENCE_END) + REFERENCE_END.length + 1);
    expect(committed).toBe(commandReference(buildProgram(ctx(), '0.0.0', ['help'])));
  });

  it('strata --help lists every command with the arguments its real definition takes', async () => {
    const full = buildProgram(ctx(), '0.0.0', ['help']);
    const help = (await runCli(['--help'], { cwd: root })).stdout;
    for (const c of full.commands.filter((x) => x.name() !== 'help')) {
      const args = c.registeredArguments.map((a) =>
        a.required ? `<${a.name()}>` : `[${a.name()}]`,
      );
      expect(help).toMatch(
        new RegExp(
          `^  ${c.name()}${c.options.length > 0 ? ' \\[options\\]' : ''}${args.map((a) => ` \\${a.slice(0, -1)}\\${a.slice(-1)}`).join('')}(?: {2,}|\\n)`,
          'm',
        ),
      );
    }
  });
});
