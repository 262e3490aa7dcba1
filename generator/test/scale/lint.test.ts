import { spawnSync } from 'node:child_process';
import { ROOT } from '../core/helpers';
import { runCli } from '../core/run-cli';

// cfn-lint names the availability zones the topology pins (W3010): that is the topology's choice.
const TOPOLOGY_CHOICES = new Set(['W3010']);
const pythonCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;

describe.each([
  ['the seed', 'out'],
  ['the auto-scaling fixture', 'generator/test/fixtures/auto-scaling/out'],
])('%s lints clean', (_name, dir) => {
  it('with strata lint', async () => {
    const r = await runCli(['lint', dir, '--json'], { cwd: ROOT });
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  (pythonCfnLint ? it : it.skip)(
    'with cfn-lint (on PATH here)',
    async () => {
      const r = await runCli(['lint', dir, '--cfn-lint', '--json'], {
        cwd: ROOT,
        env: process.env,
      });
      const cfn = JSON.parse(r.stdout).cfnLint;
      expect(cfn.command).toMatch(/Python/);
      expect(cfn.findings.filter((f: { rule: string }) => !TOPOLOGY_CHOICES.has(f.rule))).toEqual(
        [],
      );
    },
    120_000,
  );
});
