import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parse } from 'yaml';
import { isStrataError, SpecError } from '../../src/errors';
import { generateTemplates, packageRoot } from '../../src/generate';
import { parseCfnYaml } from '../../src/cfn/yaml';
import { mutate, mutations } from './mutations';

/** What one mutated topology did: the exit code the CLI would give and why. */
export type Outcome =
  | { kind: 'accepted'; files: Map<string, string> }
  | { kind: 'rejected' }
  /** Rejected, but a diagnostic has no file:line:column. */
  | { kind: 'unlocated'; detail: string }
  /** A StrataError strata calls its own fault (E_CHECK: a template failed its parse-back check). */
  | { kind: 'strata-fault'; detail: string }
  /** Not a StrataError: the CLI would exit 70. */
  | { kind: 'crash'; detail: string };

/** Runs the generate pipeline in-process and classifies the result like the CLI's exit codes. */
export function runOne(text: string, cwd = packageRoot()): Outcome {
  try {
    const { files } = generateTemplates('spec/topology.yaml', { text, cwd });
    return { kind: 'accepted', files };
  } catch (error) {
    if (error instanceof SpecError) {
      const bad = error.diagnostics.find((d) => !d.position || d.position.line < 1);
      return bad
        ? { kind: 'unlocated', detail: `${bad.code} ${bad.message}` }
        : { kind: 'rejected' };
    }
    if (isStrataError(error))
      return error.code === 'E_CHECK'
        ? { kind: 'strata-fault', detail: error.message.slice(0, 500) }
        : { kind: 'rejected' };
    return { kind: 'crash', detail: String((error as Error)?.stack ?? error).slice(0, 800) };
  }
}

/** Figures of a fuzz run. */
export interface FuzzReport {
  runs: number;
  seed: number;
  counts: Record<Outcome['kind'], number>;
  unparseable: number;
  /** Distinct accepted templates read back by both YAML parsers. */
  crossChecked: number;
  maxMs: number;
  maxRssMiB: number;
  failures: Array<{ kind: string; detail: string; text: string }>;
}

/** Reads templates (hash → text) with PyYAML and the yaml package; returns the hashes that differ or fail. */
export function crossCheck(files: Map<string, string>): string[] {
  if (files.size === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'strata-fuzz-'));
  try {
    const paths = [...files].map(([hash, text]) => {
      const path = join(dir, `${hash}.yaml`);
      writeFileSync(path, text);
      return path;
    });
    const script = join(packageRoot(), 'generator/test/support/yaml11-to-json.py');
    const read = JSON.parse(
      execFileSync('python3', [script, ...paths], { encoding: 'utf8', maxBuffer: 1 << 30 }),
    ) as Record<string, { value?: unknown; error?: string }>;
    return [...files.keys()].filter((_hash, i) => {
      const mine = JSON.parse(
        JSON.stringify(parseCfnYaml(readFileSync(paths[i], 'utf8'))),
      ) as unknown;
      return read[paths[i]].error !== undefined || !isDeepStrictEqual(read[paths[i]].value, mine);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `runs` mutated topologies from a fixed seed and checks every invariant of issue 9, item 12. */
export function fuzz(
  runs: number,
  seed = 9,
  log: (line: string) => void = () => undefined,
): FuzzReport {
  const seedText = readFileSync(join(packageRoot(), 'spec/topology.yaml'), 'utf8');
  const report: FuzzReport = {
    runs,
    seed,
    counts: { accepted: 0, rejected: 0, unlocated: 0, 'strata-fault': 0, crash: 0 },
    unparseable: 0,
    crossChecked: 0,
    maxMs: 0,
    maxRssMiB: 0,
    failures: [],
  };
  const distinct = new Map<string, string>();
  const cases = fc.sample(mutations(parse(seedText)), { numRuns: runs, seed });
  cases.forEach((list, i) => {
    const text = mutate(seedText, list);
    const start = process.hrtime.bigint();
    const outcome = runOne(text);
    report.maxMs = Math.max(report.maxMs, Number(process.hrtime.bigint() - start) / 1e6);
    report.maxRssMiB = Math.max(report.maxRssMiB, process.memoryUsage().rss / 2 ** 20);
    report.counts[outcome.kind]++;
    if (outcome.kind === 'accepted') {
      for (const [name, body] of outcome.files)
        if (name.endsWith('.yaml'))
          distinct.set(createHash('sha256').update(body).digest('hex').slice(0, 16), body);
    } else if (outcome.kind !== 'rejected')
      report.failures.push({
        kind: outcome.kind,
        detail: outcome.detail,
        text: text.slice(0, 2000),
      });
    if ((i + 1) % 1000 === 0) log(`${i + 1}/${runs} ${JSON.stringify(report.counts)}`);
  });
  // PyYAML is slow per call, so every distinct accepted template is read back in batches.
  const all = [...distinct];
  for (let i = 0; i < all.length; i += 500) {
    const bad = crossCheck(new Map(all.slice(i, i + 500)));
    report.unparseable += bad.length;
    for (const hash of bad)
      report.failures.push({ kind: 'unparseable', detail: hash, text: distinct.get(hash) ?? '' });
  }
  report.crossChecked = all.length;
  return report;
}
