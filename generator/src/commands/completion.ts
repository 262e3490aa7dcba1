import type { Command, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CliContext } from '../output/context';
import { StrataError } from '../errors';
import { LAYERS } from '../layers';
import { DEFAULT_SPEC } from './validate';

/** What a completion script needs to know of one command. */
interface CommandShape {
  name: string;
  summary: string;
  options: Array<{ flag: string; summary: string; takesValue: boolean }>;
}

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** Options whose values the scripts complete: environments come from the topology at completion time. */
const DYNAMIC: Record<string, string> = {
  '--env': 'strata completion --list environments 2>/dev/null',
  '--stack': 'strata completion --list layers 2>/dev/null',
};

function shapeOf(command: Command): CommandShape {
  const options = command.options
    .filter((o: Option) => o.long !== undefined && o.long !== '--version')
    .map((o: Option) => ({
      flag: o.long as string,
      summary: o.description,
      takesValue: o.required || o.optional,
    }));
  return { name: command.name(), summary: command.description(), options };
}

/** Every command of the program with its long options, global ones included. */
export function commandShapes(program: Command): CommandShape[] {
  const global = shapeOf(program).options;
  return program.commands
    .filter((c) => c.name() !== 'completion' && c.name() !== 'help')
    .map((c) => {
      const shape = shapeOf(c);
      return {
        ...shape,
        options: [
          ...shape.options,
          ...global,
          { flag: '--help', summary: 'show help', takesValue: false },
        ],
      };
    });
}

const words = (list: string[]) => list.join(' ');
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(shapes: CommandShape[]): string {
  const cases = shapes.map(
    (s) => `    ${s.name}) opts=${quote(words(s.options.map((o) => o.flag)))} ;;`,
  );
  const dynamic = Object.entries(DYNAMIC).map(
    ([flag, cmd]) => `    ${flag}) COMPREPLY=($(compgen -W "$(${cmd})" -- "$cur")); return ;;`,
  );
  return [
    '# strata completion for bash: source <(strata completion bash), or save it under',
    '# /etc/bash_completion.d/strata',
    '_strata() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" opts=""',
    '  case "$prev" in',
    ...dynamic,
    '  esac',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W ${quote(words(shapes.map((s) => s.name)))} -- "$cur")); return`,
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
    ...cases,
    '  esac',
    '  COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    '}',
    'complete -o default -F _strata strata',
    '',
  ].join('\n');
}

const zshEscape = (text: string) => text.replace(/[[\]:'\\]/g, (c) => `\\${c}`);

function zsh(shapes: CommandShape[]): string {
  const commands = shapes.map((s) => `    ${quote(`${s.name}:${zshEscape(s.summary)}`)}`);
  const cases = shapes.map((s) => {
    const specs = s.options.map((o) => {
      const values = DYNAMIC[o.flag]
        ? `:value:(\${(f)"$(${DYNAMIC[o.flag]})"})`
        : o.takesValue
          ? ':value:_files'
          : '';
      return quote(`${o.flag}[${zshEscape(o.summary)}]${values}`);
    });
    return `    ${s.name}) _arguments ${specs.join(' ')} '*:file:_files' ;;`;
  });
  return [
    '#compdef strata',
    '# strata completion for zsh: strata completion zsh > "${fpath[1]}/_strata", then compinit',
    '_strata() {',
    '  local -a commands',
    '  commands=(',
    ...commands,
    '  )',
    '  if (( CURRENT == 2 )); then _describe command commands; return; fi',
    '  case "${words[2]}" in',
    ...cases,
    '  esac',
    '}',
    'compdef _strata strata',
    '',
  ].join('\n');
}

function fish(shapes: CommandShape[]): string {
  const lines = [
    '# strata completion for fish: strata completion fish > ~/.config/fish/completions/strata.fish',
    'complete -c strata -f',
  ];
  for (const s of shapes)
    lines.push(`complete -c strata -n __fish_use_subcommand -a ${s.name} -d ${quote(s.summary)}`);
  for (const s of shapes)
    for (const o of s.options) {
      const values = DYNAMIC[o.flag]
        ? ` -x -a ${quote(`(${DYNAMIC[o.flag]})`)}`
        : o.takesValue
          ? ' -r'
          : '';
      lines.push(
        `complete -c strata -n ${quote(`__fish_seen_subcommand_from ${s.name}`)} -l ${o.flag.slice(2)}${values} -d ${quote(o.summary)}`,
      );
    }
  return `${lines.join('\n')}\n`;
}

const RENDER: Record<Shell, (shapes: CommandShape[]) => string> = { bash, zsh, fish };

/** Environment names of the topology in the working directory; none when it has no environments. */
function environmentNames(cwd: string): string[] {
  const file = join(cwd, DEFAULT_SPEC);
  if (!existsSync(file)) return [];
  try {
    const doc = parse(readFileSync(file, 'utf8')) as {
      environments?: Record<string, unknown>;
    } | null;
    return Object.keys(doc?.environments ?? {}).sort();
  } catch {
    // A broken topology is validate's to report; completion just offers nothing.
    return [];
  }
}

/**
 * The layers `--stack` can name: those of out/manifest.json when there is one (a topology without
 * monitoring has no logs layer to deploy), else every layer strata knows.
 */
function layerNames(cwd: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8')) as {
      stacks?: Array<{ layer?: unknown }>;
    };
    const layers = (manifest.stacks ?? []).map((s) => s.layer).filter((l) => typeof l === 'string');
    if (layers.length > 0) return layers as string[];
  } catch {
    // No manifest yet (or a broken one, generate's to report): offer every layer.
  }
  return LAYERS.map((l) => l.name);
}

/** `strata completion bash|zsh|fish`: a completion script generated from the command tree. */
export function registerCompletion(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish) for every command and option')
    .argument('[shell]', `one of ${SHELLS.join(', ')}`)
    .option('--list <what>', 'print the values the scripts complete: environments or layers')
    .action((shell: string | undefined, options: { list?: string }) => {
      if (options.list === 'environments')
        return ctx.print(environmentNames(ctx.io.cwd).join('\n'));
      if (options.list === 'layers') return ctx.print(layerNames(ctx.io.cwd).join('\n'));
      if (options.list !== undefined || !SHELLS.includes(shell as Shell))
        throw new StrataError(
          'E_USAGE',
          options.list !== undefined
            ? `cannot list \`${options.list}\``
            : `no completion for shell \`${shell ?? ''}\``,
          options.list !== undefined
            ? 'use --list environments or --list layers'
            : `name one of ${SHELLS.join(', ')}: strata completion bash`,
          2,
        );
      ctx.io.stdout.write(RENDER[shell as Shell](commandShapes(program)));
    });
}
