#!/usr/bin/env node
'use strict';
// `npm run bench:diff`: what `strata diff` costs as a user runs it. Times a cold `strata diff` (a new node
// process each run) of the seed against its committed out/ and apps/: unchanged, after a one-line edit
// (the health-check interval), after a subnet CIDR change (replacements propagated downstream), and after
// an app code change (both sides packaged by deploy's own bundler). Prints medians of several runs with
// the load average; asserts nothing. Needs the build (`npm run build`), as the CLI does.
const { execFileSync, spawnSync } = require('node:child_process');
const { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { ROOT } = require('./topologies');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BIN = join(ROOT, 'generator/bin/strata.js');
const PRELOAD = join(__dirname, 'report-rss.js');

function seededRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'strata-diff-bench-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/topology.yaml'), readFileSync(join(ROOT, 'spec/topology.yaml')));
  for (const app of ['frontend', 'backend'])
    cpSync(join(ROOT, 'generator/test/fixtures/deploy/apps/hello'), join(dir, 'apps', app), {
      recursive: true,
    });
  const gen = spawnSync(process.execPath, [BIN, 'generate'], { cwd: dir, encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`strata generate failed:\n${gen.stderr}`);
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', ...args], {
      cwd: dir,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'seed');
  return dir;
}

function timeDiff(dir) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', PRELOAD, BIN, 'diff', '--json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`strata diff failed (${r.status}):\n${r.stderr}`);
    const report = JSON.parse(r.stdout);
    runs.push({
      seconds,
      mib: Number(/STRATA_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1]) / 1024,
      resources: report.stacks.reduce((n, s) => n + s.resources.length, 0),
    });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

function nodeFloor() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

function row(label, m) {
  console.log(
    `  ${label.padEnd(34)} ${m.seconds.toFixed(2)} s  ${m.mib.toFixed(0)} MiB peak  ${m.resources} resource changes`,
  );
}

function replaceIn(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

function main() {
  const dir = seededRepo();
  const spec = join(dir, 'spec/topology.yaml');
  const seed = readFileSync(spec, 'utf8');
  try {
    const load = () =>
      loadavg()
        .map((x) => x.toFixed(2))
        .join(' ');
    console.log(`strata diff, cold process, median of ${RUNS} runs (load average ${load()})`);
    console.log(`  node -e 0                          ${nodeFloor().toFixed(2)} s`);
    row('seed vs HEAD (no changes)', timeDiff(dir));
    replaceIn(spec, 'intervalSeconds: 30', 'intervalSeconds: 15');
    row('one-line edit (health check)', timeDiff(dir));
    writeFileSync(spec, seed);
    replaceIn(spec, 'cidrs: [10.0.1.0/24, 10.0.2.0/24]', 'cidrs: [10.0.3.0/24, 10.0.2.0/24]');
    row('public subnet CIDR changed', timeDiff(dir));
    writeFileSync(spec, seed);
    replaceIn(join(dir, 'apps/backend/src/greeting.ts'), 'hello from', 'hi from');
    row('backend app code changed', timeDiff(dir));
    console.log(`  (load average after: ${load()})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
