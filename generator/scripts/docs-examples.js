#!/usr/bin/env node
'use strict';
// `npm run docs:examples`: every example output in README.md and docs/ is produced here, by running
// the built strata CLI on an edited copy of spec/topology.yaml in a scratch project. A block is marked
//
//   <!-- example: <id> -->
//   ```text
//   $ npx strata ...
//   ...output...
//   ```
//
// and the script rewrites what is between the fences. A test (generator/test/docs/examples.test.ts)
// fails when a block no longer matches what the command prints. Run `npm run build` first.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'generator/bin/strata.js');
const DOCS = ['README.md', ...fs.readdirSync(join(ROOT, 'docs')).map((n) => `docs/${n}`)].filter(
  (f) => f.endsWith('.md'),
);

const TYPO = [
  '    subnets: private\n    securityGroup: backend',
  '    subnets: privat\n    securityGroup: backend',
];
const HOST_BITS = ['[10.0.11.0/24, 10.0.12.0/24]', '[10.0.11.0/24, 10.0.12.1/24]'];
const SSH_TO_WORLD = [
  '{ port: 22, from: { cidr: 203.0.113.0/24 }',
  '{ port: 22, from: { cidr: 0.0.0.0/0 }',
];

/**
 * The examples: the edits to the seed topology (text replacements, each of which must apply), the
 * command's arguments, the comment shown after it, and whether out/ is committed in a git repository
 * first (what `strata diff` compares with).
 */
const EXAMPLES = {
  'validate-typo': { edits: [TYPO], args: ['validate'] },
  'validate-three-mistakes': { edits: [HOST_BITS, SSH_TO_WORLD, TYPO], args: ['validate'] },
  'lint-on-generate': {
    edits: [
      ['encrypted: true }', 'encrypted: false }'],
      ['backupRetentionDays: 7', 'backupRetentionDays: 3'],
    ],
    args: ['generate'],
    comment: 'encrypted: false, backupRetentionDays: 3, ALB_HTTP_ONLY suppressed',
  },
  'cost-seed': { edits: [], args: ['cost'] },
  'cost-suggest': { edits: [], args: ['cost', '--suggest', '--format', 'markdown'] },
  'cost-unpriced': {
    edits: [['instanceType: t3.micro', 'instanceType: z9.huge']],
    args: ['cost'],
    comment: 'tiers.frontend.instanceType: z9.huge',
  },
  'diff-single-nat': {
    edits: [['natGateways: per-az', 'natGateways: single']],
    args: ['diff'],
    git: true,
  },
  'diff-backend-instance-type': {
    edits: [
      [
        '  backend:\n    app: backend\n    instanceType: t3.micro',
        '  backend:\n    app: backend\n    instanceType: t3.small',
      ],
    ],
    args: ['diff'],
    git: true,
  },
  'diff-ssh-to-world': {
    edits: [
      [
        '{ port: 22, from: { cidr: 203.0.113.0/24 }, description: SSH from the admin network }',
        '{ port: 22, from: { cidr: 0.0.0.0/0 }, allowWorld: break-glass access, description: SSH from the admin network }',
      ],
    ],
    args: ['diff'],
    git: true,
  },
};

function edited(id, example) {
  let text = fs.readFileSync(join(ROOT, 'spec/topology.yaml'), 'utf8');
  for (const [from, to] of example.edits) {
    if (!text.includes(from))
      throw new Error(
        `example ${id}: spec/topology.yaml no longer contains ${JSON.stringify(from)}`,
      );
    text = text.replace(from, to);
  }
  return text;
}

function run(cwd, args) {
  // One file for both streams keeps their interleaving as a terminal would show it.
  const log = join(cwd, '.output');
  const fd = fs.openSync(log, 'w');
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TERM: 'dumb' };
  spawnSync(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const text = fs.readFileSync(log, 'utf8');
  fs.rmSync(log);
  return text;
}

function git(cwd, ...args) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'docs', GIT_AUTHOR_EMAIL: 'docs@example.com' };
  Object.assign(env, { GIT_COMMITTER_NAME: 'docs', GIT_COMMITTER_EMAIL: 'docs@example.com' });
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** Runs one example in a scratch project and returns the block's text: the command, then its output. */
function produce(id) {
  const example = EXAMPLES[id];
  if (!example)
    throw new Error(`no example named ${id} (known: ${Object.keys(EXAMPLES).join(', ')})`);
  const dir = fs.mkdtempSync(join(tmpdir(), 'strata-docs-'));
  try {
    fs.mkdirSync(join(dir, 'spec'));
    const spec = join(dir, 'spec/topology.yaml');
    if (example.git) {
      fs.copyFileSync(join(ROOT, 'spec/topology.yaml'), spec);
      run(dir, ['generate', '--no-lint']);
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'base');
    }
    fs.writeFileSync(spec, edited(id, example));
    const command = `$ npx strata ${example.args.join(' ')}`;
    const shown = example.comment ? `${command}        # ${example.comment}` : command;
    return `${shown}\n${run(dir, example.args).trimEnd()}\n`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BLOCK = /(<!-- example: ([\w-]+) -->\n```text\n)([\s\S]*?)(```)/g;

/** The marked blocks of a Markdown text: id and current content. */
function blocksOf(text) {
  return [...text.matchAll(BLOCK)].map((m) => ({ id: m[2], content: m[3] }));
}

/** The text with every marked block replaced by what its example prints now. */
function replaceExamples(text, make = produce) {
  return text.replace(BLOCK, (_, open, id, _old, close) => `${open}${make(id)}${close}`);
}

function main() {
  let changed = 0;
  for (const file of DOCS) {
    const path = join(ROOT, file);
    const text = fs.readFileSync(path, 'utf8');
    const next = replaceExamples(text);
    if (next !== text) {
      fs.writeFileSync(path, next);
      changed += 1;
      console.log(`rewrote the examples of ${file}`);
    }
  }
  console.log(changed ? `${changed} files updated` : 'every example is current');
}

module.exports = { DOCS, EXAMPLES, blocksOf, produce, replaceExamples };
if (require.main === module) main();
