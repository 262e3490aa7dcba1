#!/usr/bin/env node
'use strict';
// `npm run bench`: times a cold `strata generate` (a whole new node process each run) of the seed and
// of scaled topologies, and prints wall time, peak memory and resource counts. Figures only; no assertions.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const YAML = require('yaml');
const { largeTopologies, topologies, ROOT } = require('./topologies');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BIN = join(ROOT, 'generator/bin/strata.js');
const PRELOAD = join(__dirname, 'report-rss.js');
// The figures for `cdk synth` of the same architecture on this machine; not measured here.
const CDK = { seconds: 10.5, mib: 440 };

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

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  console.log(`strata generate, cold process, median of ${RUNS} runs (node ${process.version})`);
  console.log(
    `${pad('topology', 32)}${lpad('resources', 10)}${lpad('lint', 6)}${lpad('wall ms', 10)}${lpad('min ms', 9)}${lpad('peak MiB', 10)}${lpad('µs/resource', 13)}`,
  );
  let seedMs;
  for (const { name, data } of topologies()) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, YAML.stringify(data));
    for (const lint of [true, false]) {
      const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
      const runs = Array.from({ length: RUNS }, () => once(file, out, lint ? [] : ['--no-lint']));
      const ms = median(runs.map((r) => r.seconds)) * 1000;
      const n = resources(out);
      if (name === 'seed' && lint) seedMs = { ms, mib: Math.max(...runs.map((r) => r.mib)) };
      console.log(
        `${pad(name, 32)}${lpad(n, 10)}${lpad(lint ? 'on' : 'off', 6)}${lpad(ms.toFixed(0), 10)}${lpad((Math.min(...runs.map((r) => r.seconds)) * 1000).toFixed(0), 9)}` +
          `${lpad(Math.max(...runs.map((r) => r.mib)).toFixed(0), 10)}${lpad(((ms * 1000) / n).toFixed(0), 13)}`,
      );
    }
  }
  console.log(
    `\nseed vs cdk synth (issue's figure: ${CDK.seconds} s, ${CDK.mib} MiB): ${((CDK.seconds * 1000) / seedMs.ms).toFixed(1)}x faster, ` +
      `${(CDK.mib / seedMs.mib).toFixed(1)}x less memory (bar: 20x faster)`,
  );
  limits(dir);
  rmSync(dir, { recursive: true, force: true });
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
    `(node itself starts in ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms here; load average ${require('node:os')
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
}

main();
