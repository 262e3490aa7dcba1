import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SEED_TEXT } from './helpers';
import { runCli } from './run-cli';

const BIN = join(ROOT, 'generator/bin/strata.js');

/** Runs the generated bash script's completion function for a command line, in a scratch project. */
function completeInBash(script: string, line: string[], cwd: string): string[] {
  const words = line.map((w) => `'${w}'`).join(' ');
  const program = [
    `strata() { node ${JSON.stringify(BIN)} "$@"; }`,
    script,
    `COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _strata`,
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', program], { cwd, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('strata completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-completion-'));
  mkdirSync(join(dir, 'spec'));
  // The seed defines staging, prod and dr.
  writeFileSync(join(dir, 'spec/topology.yaml'), SEED_TEXT);
  let bash = '';
  beforeAll(async () => {
    const r = await runCli(['completion', 'bash'], { cwd: dir });
    expect(r.code).toBe(0);
    bash = r.stdout;
  });

  it('completes every command, from the command tree', async () => {
    const commands = completeInBash(bash, ['strata', ''], dir);
    expect(commands).toEqual(expect.arrayContaining(['validate', 'generate', 'diff', 'deploy']));
    expect(commands).not.toContain('completion');
  });

  it("completes a command's own options and the global ones", () => {
    expect(completeInBash(bash, ['strata', 'generate', '--c'], dir)).toEqual(['--check']);
    expect(completeInBash(bash, ['strata', 'deploy', '--'], dir)).toEqual(
      expect.arrayContaining(['--dry-run', '--region', '--endpoint-url', '--no-color', '--help']),
    );
  });

  it('completes environment names from the topology and layer names for --stack', () => {
    expect(completeInBash(bash, ['strata', 'deploy', '--env', ''], dir)).toEqual([
      'dr',
      'prod',
      'staging',
    ]);
    expect(completeInBash(bash, ['strata', 'deploy', '--stack', 'n'], dir)).toEqual(['network']);
    // Without out/ every layer is offered; once generated, only the topology's own.
    expect(completeInBash(bash, ['strata', 'deploy', '--stack', 'l'], dir)).toEqual([
      'logs',
      'load-balancer',
    ]);
  });

  it("offers the generated topology's layers for --stack once out/ exists", () => {
    const project = mkdtempSync(join(tmpdir(), 'strata-completion-out-'));
    mkdirSync(join(project, 'out'));
    writeFileSync(
      join(project, 'out', 'manifest.json'),
      JSON.stringify({ stacks: [{ layer: 'network' }, { layer: 'load-balancer' }] }),
    );
    expect(completeInBash(bash, ['strata', 'deploy', '--stack', 'l'], project)).toEqual([
      'load-balancer',
    ]);
  });

  it('prints zsh and fish scripts that name every command and option', async () => {
    const zsh = (await runCli(['completion', 'zsh'], { cwd: dir })).stdout;
    const fish = (await runCli(['completion', 'fish'], { cwd: dir })).stdout;
    for (const text of [zsh, fish]) {
      expect(text).toContain('deploy');
      expect(text).toMatch(/dry-run/);
      expect(text).toContain('strata completion --list layers');
    }
    expect(zsh.startsWith('#compdef strata')).toBe(true);
    expect(fish).toContain("complete -c strata -n '__fish_seen_subcommand_from generate' -l check");
  });

  it('refuses an unknown shell with exit 2 and the list of shells', async () => {
    const r = await runCli(['completion', 'tcsh'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});
