/**
 * `npm run fuzz -- --runs N [--seed S]`: the harness of fuzz.test.ts for long runs; prints the figures
 * and the first failures, and exits 1 when any invariant broke.
 */
import { writeFileSync } from 'node:fs';
import { fuzz } from './harness';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a positive whole number`);
    process.exit(2);
  }
  return value;
}

const runs = flag('runs', 1000);
const seed = flag('seed', 9);
const start = Date.now();
const report = fuzz(runs, seed, (line) => console.log(line));
const seconds = (Date.now() - start) / 1000;
const slow = report.maxMs > 10_000 || report.maxRssMiB > 1024;
console.log(
  [
    `strata fuzz: ${runs} mutated topologies, seed ${seed}, ${seconds.toFixed(0)} s`,
    `  accepted ${report.counts.accepted}, rejected with a located error ${report.counts.rejected}`,
    `  crashes (exit 70) ${report.counts.crash}, unlocated rejections ${report.counts.unlocated}, strata faults (E_CHECK) ${report.counts['strata-fault']}`,
    `  distinct accepted templates read back by PyYAML and yaml: ${report.crossChecked}, unparseable or different: ${report.unparseable}`,
    `  slowest input ${report.maxMs.toFixed(0)} ms, peak RSS ${report.maxRssMiB.toFixed(0)} MiB (limits: 10 s, 1 GiB)`,
  ].join('\n'),
);
if (report.failures.length) {
  const file = `strata-fuzz-failures-${seed}.json`;
  writeFileSync(file, JSON.stringify(report.failures, null, 2));
  for (const f of report.failures.slice(0, 5)) console.log(`\n${f.kind}: ${f.detail}`);
  console.log(`\nall ${report.failures.length} failures with their topologies: ${file}`);
}
process.exit(report.failures.length || slow ? 1 : 0);
