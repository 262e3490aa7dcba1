#!/usr/bin/env node
'use strict';
// `npm run bench`: times a cold `strata generate` (a whole new node process each run) against an AWS
// CDK app of the same architecture (cdk-app/, installed into its own node_modules on first use, never by
// strata's npm ci), with and without CDK's template validation, at the seed, ten frontend+backend pairs
// and 6 zones + 20 pairs, runs alternating; then `npx strata` against the direct call, then the seed and
// scaled topologies alone and the size limits. Prints wall time, ratios, per-resource cost and
// `node -e 0`. Figures only; no assertions. BENCH_RUNS (default 5) runs per row, BENCH_CDK_VALIDATED
// (default 1) runs of the validated CDK synth per size (each takes ten seconds or more).
const { spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const YAML = require('yaml');
const { cdkComparisons, largeTopologies, topologies, ROOT } = require('./topologies');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VALIDATED_RUNS = Number(process.env.BENCH_CDK_VALIDATED ?? 1);
const BIN = join(ROOT, 'generator/bin/strata.js');
const PRELOAD = join(__dirname, 'report-rss.js');
const CDK_APP = join(__dirname, 'cdk-app');

function once(file, out, extra, expectedExit = 0) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['-r', PRELOAD, BIN, 'generate', file, '--out', out, ...extra],
    { encoding: 'utf8', cwd: ROOT },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== expectedExit)
    throw new Error(
      `strata generate exited ${r.status}, not ${expectedExit}:\n${r.stderr.slice(0, 2000)}`,
    );
  const kb = Number(/STRATA_BENCH_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, mib: kb / 1024 };
}

function resources(out) {
  let count = 0;
  for (const name of readdirSync(out).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(join(out, name), 'utf8');
    count += (text.match(/^ {2}[A-Za-z0-9]+:\n {4}Type: /gm) ?? []).length;
  }
  return count;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Wall milliseconds of one process; throws with its stderr when it exits otherwise than `expect`. */
function timed(command, args, options = {}, expect = 0) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', cwd: ROOT, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== expect)
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(0, 2000)}`);
  return { ms, stdout: r.stdout };
}

/** Installs the CDK app's locked dependencies into its own folder the first time; false when that fails. */
function cdkInstalled() {
  if (existsSync(join(CDK_APP, 'node_modules/aws-cdk-lib/package.json'))) return true;
  console.log('installing the CDK app (npm ci --prefix generator/bench/cdk-app; once)...');
  const r = spawnSync(
    'npm',
    ['ci', '--prefix', CDK_APP, '--no-audit', '--no-fund', '--ignore-scripts'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status === 0) return true;
  console.log(
    `(CDK app not installed, its rows are skipped: ${r.stderr.trim().split('\n').pop()})`,
  );
  return false;
}

const fmt = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)}`);

/**
 * strata generate (lint on) and the CDK app without validation alternate run by run, with a bare
 * `node -e 0` between them; the validated synth runs VALIDATED_RUNS times per size after them.
 */
function versusCdk(dir) {
  const cdk = cdkInstalled();
  console.log(
    `strata generate (lint on) vs the CDK app of the same architecture (\`node app.js\`), cold processes, alternating, median of ${RUNS}`,
  );
  console.log(
    `${pad('topology', 20)}${lpad('resources', 12)}${lpad('strata ms', 11)}${lpad('1st run', 9)}${lpad('cdk ms', 8)}${lpad('ratio', 7)}` +
      `${lpad('validated', 11)}${lpad('ratio', 7)}${lpad('node -e 0', 11)}${lpad('x node', 8)}`,
  );
  const rows = [];
  for (const { name, zones, pairs, data } of cdkComparisons()) {
    const file = join(dir, `cdk-${name.replace(/\W+/g, '-')}.yaml`);
    // No anchors: the pairs share objects, and a user's topology would spell each one out.
    writeFileSync(file, YAML.stringify(data, { aliasDuplicateObjects: false }));
    const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
    const strataRun = () => timed(process.execPath, [BIN, 'generate', file, '--out', out]).ms;
    const env = { ...process.env, ZONES: String(zones), PAIRS: String(pairs) };
    const cdkRun = (validate) =>
      timed(process.execPath, ['app.js'], {
        cwd: CDK_APP,
        env: { ...env, CDK_VALIDATION: validate ? 'true' : 'false' },
      });
    // A topology strata has never rendered misses the parse caches once, as after any edit.
    const first = strataRun();
    const times = { strata: [], cdk: [], node: [] };
    let cdkResources;
    for (let i = 0; i < RUNS; i++) {
      times.strata.push(strataRun());
      if (cdk) {
        const r = cdkRun(false);
        times.cdk.push(r.ms);
        cdkResources = Number(/resources=(\d+)/.exec(r.stdout)?.[1]);
      }
      times.node.push(timed(process.execPath, ['-e', '0']).ms);
    }
    const validated =
      cdk && VALIDATED_RUNS > 0
        ? median(Array.from({ length: VALIDATED_RUNS }, () => cdkRun(true).ms))
        : NaN;
    const row = {
      name,
      resources: resources(out),
      cdkResources,
      strata: median(times.strata),
      cdk: cdk ? median(times.cdk) : NaN,
      validated,
      node: median(times.node),
    };
    rows.push(row);
    console.log(
      `${pad(name, 20)}${lpad(`${row.resources} / ${row.cdkResources ?? '-'}`, 12)}${lpad(fmt(row.strata), 11)}${lpad(fmt(first), 9)}` +
        `${lpad(fmt(row.cdk), 8)}${lpad((row.strata / row.cdk).toFixed(2), 7)}${lpad(fmt(row.validated), 11)}` +
        `${lpad((row.strata / row.validated).toFixed(3), 7)}${lpad(fmt(row.node), 11)}${lpad((row.strata / row.node).toFixed(1), 8)}`,
    );
  }
  // The cost of one more resource: the slope between the seed and each bigger size.
  const [seed, ...bigger] = rows;
  for (const row of bigger) {
    const per = (a, b, ra, rb) => ((b - a) / (rb - ra)).toFixed(2);
    console.log(
      `per extra resource, seed → ${row.name}: strata ${per(seed.strata, row.strata, seed.resources, row.resources)} ms` +
        (cdk
          ? `, CDK ${per(seed.cdk, row.cdk, seed.cdkResources, row.cdkResources)} ms (validated ${per(seed.validated, row.validated, seed.cdkResources, row.cdkResources)} ms)`
          : ''),
    );
  }
  console.log(
    "(ratio: strata / CDK; resources: strata's / CDK's; 1st run: strata on a topology it has not rendered before)",
  );
}

/** `npx strata` (the README's command) against the direct node call, alternating. */
function npxVersusDirect(dir) {
  const out = join(dir, 'out-npx');
  const cache = mkdtempSync(join(tmpdir(), 'strata-bench-npx-cache-'));
  const cases = [
    ['--version', ['--version']],
    ['generate', ['generate', '--out', out]],
  ];
  console.log(`\nnpx strata vs node generator/bin/strata.js, alternating, median of ${RUNS}`);
  console.log(
    `${pad('command', 30)}${lpad('direct ms', 11)}${lpad('npx ms', 9)}${lpad('ratio', 7)}`,
  );
  // An empty npm cache, as on the first `npx strata` after a fresh checkout and `npm ci`.
  const emptyCache = { env: { ...process.env, npm_config_cache: cache } };
  const firstNpx = timed('npx', ['strata', '--version'], emptyCache).ms;
  for (const [name, args] of cases) {
    const direct = [];
    const npx = [];
    for (let i = 0; i < RUNS; i++) {
      direct.push(timed(process.execPath, [BIN, ...args]).ms);
      npx.push(timed('npx', ['strata', ...args]).ms);
    }
    const [d, n] = [median(direct), median(npx)];
    console.log(
      `${pad(name, 30)}${lpad(fmt(d), 11)}${lpad(fmt(n), 9)}${lpad((n / d).toFixed(2), 7)}`,
    );
  }
  console.log(
    `first npx strata --version with an empty npm cache: ${fmt(firstNpx)} ms; installed into the npx cache: ${existsSync(join(cache, '_npx')) ? 'yes' : 'nothing'}`,
  );
  rmSync(cache, { recursive: true, force: true });
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  console.log(`load average ${loads()} (node ${process.version})\n`);
  if (wanted('cdk')) versusCdk(dir);
  if (wanted('npx')) npxVersusDirect(dir);
  if (wanted('scale')) scaled(dir);
  console.log(`\nload average at the end: ${loads()}`);
  rmSync(dir, { recursive: true, force: true });
}

/** `npm run bench -- cdk npx` runs only those sections; no argument runs all three. */
const SECTIONS = process.argv.slice(2);
const wanted = (section) => SECTIONS.length === 0 || SECTIONS.includes(section);

/** The seed and the scaled topologies alone, with and without lint, then the size limits. */
function scaled(dir) {
  console.log(`\nstrata generate, cold process, median of ${RUNS} runs`);
  console.log(
    `${pad('topology', 32)}${lpad('resources', 10)}${lpad('lint', 6)}${lpad('wall ms', 10)}${lpad('min ms', 9)}${lpad('peak MiB', 10)}${lpad('µs/resource', 13)}`,
  );
  for (const { name, data } of topologies()) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, YAML.stringify(data));
    for (const lint of [true, false]) {
      const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
      const runs = Array.from({ length: RUNS }, () => once(file, out, lint ? [] : ['--no-lint']));
      const ms = median(runs.map((r) => r.seconds)) * 1000;
      const n = resources(out);
      console.log(
        `${pad(name, 32)}${lpad(n, 10)}${lpad(lint ? 'on' : 'off', 6)}${lpad(ms.toFixed(0), 10)}${lpad((Math.min(...runs.map((r) => r.seconds)) * 1000).toFixed(0), 9)}` +
          `${lpad(Math.max(...runs.map((r) => r.mib)).toFixed(0), 10)}${lpad(((ms * 1000) / n).toFixed(0), 13)}`,
      );
    }
  }
  limits(dir);
}

/** The same inputs in one warm process, without node's start-up and module loading. */
function inProcess(dir) {
  const { generateTemplates } = require(join(ROOT, 'dist/generator/src/generate.js'));
  // CPU time as well as wall time: on a loaded machine the wall clock mostly measures the queue.
  const time = (fn) => {
    const ms = [];
    const cpu = [];
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      const used = process.cpuUsage();
      try {
        fn();
      } catch {
        // Rejections are the expected outcome of two of the rows.
      }
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      const { user, system } = process.cpuUsage(used);
      cpu.push((user + system) / 1000);
    }
    return `${lpad(median(ms).toFixed(0), 10)}${lpad(Math.min(...ms).toFixed(0), 9)}${lpad(median(cpu).toFixed(0), 10)}`;
  };
  console.log(
    `in-process (warm), load + validate + render + check:${' '.repeat(8)}wall ms   min ms    cpu ms`,
  );
  for (const { name } of largeTopologies()) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    console.log(
      `${pad(name, 34)}${lpad('', 6)}${time(() => generateTemplates(file, { cwd: dir }))}`,
    );
  }
}

/** Size-cap rows: the whole pipeline on a 1 MiB topology, and how fast an oversized one is refused. */
function limits(dir) {
  console.log(
    `\nsize limits (cap 1 MiB; goals: under 2 s at 1 MiB, refusal of 20 MiB under 100 ms)`,
  );
  console.log(
    `${pad('topology', 34)}${lpad('exit', 6)}${lpad('wall ms', 10)}${lpad('min ms', 9)}${lpad('peak MiB', 10)}`,
  );
  for (const { name, text, exit } of largeTopologies()) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    const runs = Array.from({ length: RUNS }, () =>
      once(file, join(dir, 'out-large'), ['--no-lint'], exit),
    );
    const ms = runs.map((r) => r.seconds * 1000);
    console.log(
      `${pad(name, 34)}${lpad(exit, 6)}${lpad(median(ms).toFixed(0), 10)}${lpad(Math.min(...ms).toFixed(0), 9)}${lpad(Math.max(...runs.map((r) => r.mib)).toFixed(0), 10)}`,
    );
  }
  inProcess(dir);
  // A bare `node` start, to read the rows above against: the refusal cannot beat it.
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  console.log(
    `(node itself starts in ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms here; load average ${loads()})`,
  );
}

main();
