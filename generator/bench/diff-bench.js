#!/usr/bin/env node
'use strict';
// `npm run bench:diff`: what `strata diff` and deploy's packaging step cost. Times a cold `strata diff`
// (a new node process each run) of the seed against its committed out/, unchanged and with a subnet CIDR
// changed (replacements propagated downstream), and esbuild-packaging each app into its artifact.
// Figures only; no assertions. Needs the build (`npm run build`), as the CLI does.
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ROOT } = require('./topologies');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = join(ROOT, 'generator/bin/strata.js');
const PRELOAD = join(__dirname, 'report-rss.js');

function seededRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'strata-diff-bench-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec/topology.yaml'), readFileSync(join(ROOT, 'spec/topology.yaml')));
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
    const resources = report.stacks.reduce((n, s) => n + s.resources.length, 0);
    runs.push({
      seconds,
      mib: Number(/STRATA_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1]) / 1024,
      resources,
    });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

async function packaging() {
  const { packageApp } = require(join(ROOT, 'dist/generator/src/deploy/artifacts.js'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'out/manifest.json'), 'utf8'));
  const rows = [];
  for (const [app, spec] of Object.entries(manifest.apps)) {
    const start = process.hrtime.bigint();
    const artifact = await packageApp(ROOT, app, spec);
    rows.push({
      app,
      seconds: Number(process.hrtime.bigint() - start) / 1e9,
      kib: artifact.bytes.length / 1024,
      key: artifact.key,
    });
  }
  return rows;
}

async function main() {
  const dir = seededRepo();
  try {
    console.log(`strata diff, cold process, median of ${RUNS} runs`);
    const same = timeDiff(dir);
    console.log(
      `  seed vs HEAD (no changes)      ${same.seconds.toFixed(2)} s  ${same.mib.toFixed(0)} MiB peak  ${same.resources} resource changes`,
    );
    const spec = join(dir, 'spec/topology.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        'cidrs: [10.0.1.0/24, 10.0.2.0/24]',
        'cidrs: [10.0.3.0/24, 10.0.2.0/24]',
      ),
    );
    const changed = timeDiff(dir);
    console.log(
      `  public subnet CIDR changed     ${changed.seconds.toFixed(2)} s  ${changed.mib.toFixed(0)} MiB peak  ${changed.resources} resource changes`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('deploy packaging (esbuild bundle + tar.gz), in process');
  for (const row of await packaging())
    console.log(
      `  ${row.app.padEnd(10)} ${row.seconds.toFixed(2)} s  ${row.kib.toFixed(0)} KiB  ${row.key}`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
