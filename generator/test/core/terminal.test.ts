import { shouldUseColour } from '../../src/output/terminal';
import { runCli } from './run-cli';
import { ROOT } from './helpers';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('when strata uses colour', () => {
  it.each([
    ['a terminal', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a terminal with NO_COLOR', tty, { NO_COLOR: '1' }, false],
    ['a terminal with TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['a pipe with FORCE_COLOR', pipe, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR over NO_COLOR', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['a terminal with FORCE_COLOR=0', tty, { FORCE_COLOR: '0' }, false],
  ])('%s', (_name, stream, env, expected) => {
    expect(shouldUseColour(stream, env)).toBe(expected);
  });

  it('--no-color turns colour off on a terminal, FORCE_COLOR notwithstanding', async () => {
    const coloured = await runCli(['validate', 'nope.yaml'], {
      cwd: ROOT,
      tty: true,
      env: { FORCE_COLOR: '1' },
    });
    expect(coloured.stderr).toContain('\u001b[');
    const plain = await runCli(['validate', 'nope.yaml', '--no-color'], {
      cwd: ROOT,
      tty: true,
      env: { FORCE_COLOR: '1' },
    });
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toContain('\u001b[');
  });
});
