#!/usr/bin/env node
'use strict';
// `npm run bench:lint`: what linting costs. Times loading the CloudFormation resource schemas
// (through @aws-cdk/aws-service-spec's own loader, and from strata's cached compact index), linting the
// seed's out/, and a whole `strata generate --check` with and without lint. Figures only; no assertions.
// Needs the build (`npm run build`), as the CLI does.
const { spawnSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist/generator/src/lint');
const BIN = join(ROOT, 'generator/bin/strata.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a snippet in a fresh node process and returns the number it prints. */
function fresh(code) {
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

function wall(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`strata ${args.join(' ')} failed:\n${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main() {
  const load = (cacheDir) =>
    `const { loadResourceSchemas } = require(${JSON.stringify(join(DIST, 'resource-data'))}); process.stdout.write(String(loadResourceSchemas({ cacheDir: ${cacheDir} }).ms))`;
  const scratch = JSON.stringify(mkdtempSync(join(tmpdir(), 'strata-bench-cache-')));
  fresh(load(scratch));
  const rows = [
    [
      'schemas via the package loader (no cache)',
      median(Array.from({ length: RUNS }, () => fresh(load('false')))),
    ],
    [
      'schemas from the cached index',
      median(Array.from({ length: RUNS }, () => fresh(load(scratch)))),
    ],
    [
      'lint of out/ (fresh process, cached index)',
      median(
        Array.from({ length: RUNS }, () =>
          fresh(
            `const lint = require(${JSON.stringify(DIST)}); const t = performance.now(); lint.lintRendered(${JSON.stringify(join(ROOT, 'out'))}, { cwd: ${JSON.stringify(ROOT)} }); process.stdout.write(String(performance.now() - t))`,
          ),
        ),
      ),
    ],
  ];
  // Alternate the two so machine load drifts over both alike.
  const withLint = [];
  const withoutLint = [];
  for (let i = 0; i < RUNS; i++) {
    withLint.push(wall(['generate', '--check']));
    withoutLint.push(wall(['generate', '--check', '--no-lint']));
  }
  rows.push(
    ['strata generate --check (wall, with lint)', median(withLint)],
    ['strata generate --check --no-lint (wall)', median(withoutLint)],
  );
  console.log(`median of ${RUNS} runs`);
  for (const [what, ms] of rows) console.log(`${what.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms`);
}

main();
