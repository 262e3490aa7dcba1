#!/usr/bin/env node
'use strict';
// `npm run bench:deploy`: the predicted first-deploy time of strata's stacks against the same
// resources as one stack, for the seed and every fixture topology. A model, not a measurement:
// the resource graph comes from the rendered templates and the manifest, durations from
// creation-times.json (sources and assumptions there). Figures only; no assertions. Needs the
// build (`npm run build`).
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { loadavg } = require('node:os');
const { ROOT } = require('./topologies');

const dist = (p) => require(join(ROOT, 'dist/generator/src', p));
const { generateTemplates } = dist('generate.js');
const { resourceGraph } = dist('deploy/resource-graph.js');
const { predictStacks, predictSingleStack } = dist('deploy/critical-path.js');

function loadTimes() {
  const raw = JSON.parse(readFileSync(join(__dirname, 'creation-times.json'), 'utf8'));
  return {
    types: Object.fromEntries(Object.entries(raw.types).map(([k, v]) => [k, v.seconds])),
    unknownType: raw.unknownType.seconds,
    changeSet: raw.changeSet.seconds,
    createStack: raw.createStack.seconds,
    bootToHealthy: raw.bootToHealthy.seconds,
  };
}

function topologies() {
  const list = [['seed', 'spec/topology.yaml']];
  const fixtures = join(ROOT, 'generator/test/fixtures');
  for (const name of readdirSync(fixtures).sort()) {
    const file = `generator/test/fixtures/${name}/topology.yaml`;
    if (existsSync(join(ROOT, file))) list.push([name, file]);
  }
  return list;
}

const min = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

function predict(file, times) {
  const generated = generateTemplates(file, {
    text: readFileSync(join(ROOT, file), 'utf8'),
    cwd: ROOT,
  });
  const templates = new Map(
    generated.manifest.stacks.map((s) => [s.layer, generated.templates.get(s.template)]),
  );
  const graph = resourceGraph(generated.manifest.stacks, templates);
  return {
    graph,
    stacks: predictStacks(graph, times, 'auto'),
    changeSets: predictStacks(graph, times, 'change-set'),
    single: predictSingleStack(graph, times),
    singleDirect: predictSingleStack(graph, times, 'auto'),
  };
}

function main() {
  const times = loadTimes();
  const started = process.hrtime.bigint();
  console.log(
    `bench:deploy (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log('predicted first deploy, strata stacks vs the same resources as one stack');
  console.log(
    '(strata: new stacks created directly, as `strata deploy` does; all change sets: --method change-set;',
  );
  console.log(' one stack: one change set, as `cdk deploy` of a one-stack app does;');
  console.log(' one stack direct: one CreateStack, as `cdk deploy --method=direct` would)\n');
  console.log(
    'topology        stacks  resources  strata   one stack  ratio   all change sets  ratio   one stack direct  ratio',
  );
  const details = [];
  for (const [name, file] of topologies()) {
    const { graph, stacks, changeSets, single, singleDirect } = predict(file, times);
    const resources = graph.reduce((n, s) => n + s.resources.length, 0);
    const ratio = stacks.seconds / single.seconds;
    const ratioChangeSets = changeSets.seconds / single.seconds;
    const ratioDirect = stacks.seconds / singleDirect.seconds;
    console.log(
      `${name.padEnd(15)} ${String(graph.length).padStart(6)}  ${String(resources).padStart(9)}  ${min(stacks.seconds).padStart(6)}  ${min(single.seconds).padStart(9)}  ${ratio.toFixed(3)}  ${min(changeSets.seconds).padStart(15)}  ${ratioChangeSets.toFixed(3)}  ${min(singleDirect.seconds).padStart(16)}  ${ratioDirect.toFixed(3)}`,
    );
    details.push([name, stacks, single]);
  }
  const detail = process.env.BENCH_DETAIL ?? 'seed';
  for (const [name, stacks, single] of details.filter(([n]) => n === detail)) {
    console.log(`\n${name}: stacks (start → finish)`);
    for (const [layer, span] of stacks.stacks)
      console.log(`  ${layer.padEnd(14)} ${min(span.start).padStart(5)} → ${min(span.finish)}`);
    console.log(`${name}: critical path, strata stacks`);
    for (const t of stacks.criticalPath)
      console.log(`  ${min(t.start).padStart(5)} → ${min(t.finish).padStart(5)}  ${t.key}`);
    console.log(`${name}: critical path, one stack`);
    for (const t of single.criticalPath)
      console.log(`  ${min(t.start).padStart(5)} → ${min(t.finish).padStart(5)}  ${t.key}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `\n(model computed in ${ms.toFixed(0)} ms; durations from generator/bench/creation-times.json)`,
  );
}

main();
