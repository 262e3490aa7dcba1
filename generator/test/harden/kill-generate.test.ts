import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOut } from '../../src/render/write-out';
import { ROOT, SEED_TEXT } from '../core/helpers';
import { snapshot } from '../support/tree';

/**
 * `strata generate` (the built bin: run `npm run build` first) killed with SIGKILL at random
 * moments: out/ must hold exactly the old set or exactly the new set after every kill. Half the
 * kills fall anywhere in the run, half just after the staging folder appears (the switch itself).
 */
const KILLS = Number(process.env.STRATA_KILLS ?? 200);
const PARALLEL = 2;
const BIN = join(ROOT, 'generator/bin/strata.js');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-kill-'));
  mkdirSync(join(dir, 'spec'));
  symlinkSync(join(ROOT, 'apps'), join(dir, 'apps'));
  writeFileSync(join(dir, 'spec/a.yaml'), SEED_TEXT);
  // B differs in every file and has no database layer, so a mix would show.
  const b = SEED_TEXT.replace('  ManagedBy: strata', '  ManagedBy: strata\n  Variant: b')
    .replace(/\n {4}environment:\n(?: {6}DB_.*\n)+/, '\n')
    .replace(/\ndatabase:\n(?: {2}.*\n)+/, '\n');
  writeFileSync(join(dir, 'spec/b.yaml'), b);
  return dir;
}

function generate(
  dir: string,
  spec: string,
  killAt?: number | 'staging',
  delay = Math.random,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'generate', `spec/${spec}.yaml`, '--no-lint'], {
      cwd: dir,
      stdio: 'ignore',
    });
    let watcher: ReturnType<typeof watch> | undefined;
    if (killAt === 'staging')
      watcher = watch(dir, (_event, name) => {
        // Somewhere inside the switch: staging, the journal, the renames or the clean-up.
        if (String(name).startsWith('.strata-new-out-'))
          setTimeout(() => child.kill('SIGKILL'), Math.floor(delay() * 6));
      });
    else if (killAt !== undefined) setTimeout(() => child.kill('SIGKILL'), killAt);
    child.on('exit', (code) => {
      watcher?.close();
      resolve(code);
    });
  });
}

describe('generate killed at random moments', () => {
  jest.setTimeout(900_000);

  it(`leaves out/ exactly the old or the new set, ${KILLS} kills`, async () => {
    const dirs = Array.from({ length: PARALLEL }, project);
    const sets: Record<string, Record<string, string>> = {};
    const start = Date.now();
    for (const spec of ['b', 'a']) {
      expect(await generate(dirs[0], spec)).toBe(0);
      sets[spec] = snapshot(join(dirs[0], 'out'));
    }
    const runMs = (Date.now() - start) / 2;
    expect(Object.keys(sets.b)).not.toEqual(Object.keys(sets.a));
    const next = random(9);
    const seen = { old: 0, new: 0, recovered: 0, finished: 0 };
    const same = (x: Record<string, string> | undefined, spec: string | undefined) =>
      spec !== undefined && JSON.stringify(x) === JSON.stringify(sets[spec]);
    const worker = async (dir: string, first: string | undefined) => {
      let current = first;
      for (let i = 0; i < KILLS / PARALLEL; i++) {
        const target = current === 'a' ? 'b' : 'a';
        const killAt = i % 2 ? 'staging' : Math.floor(next() * runMs * 1.5);
        const code = await generate(dir, target, killAt, next);
        if (code === 0) seen.finished++;
        const out = join(dir, 'out');
        let state = existsSync(out) ? snapshot(out) : undefined;
        if (state === undefined && existsSync(join(dir, '.strata-swap-out.json'))) {
          // Killed between the two renames: the journal completes the switch on the next read.
          readOut(out);
          state = snapshot(out);
          seen.recovered++;
        }
        const now = same(state, target) ? target : same(state, current) ? current : undefined;
        const whole = now !== undefined || (state === undefined && current === undefined);
        expect({ i, killAt, whole }).toEqual({ i, killAt, whole: true });
        if (now === target) seen.new++;
        else seen.old++;
        current = now;
      }
    };
    await Promise.all(dirs.map((dir, i) => worker(dir, i === 0 ? 'a' : undefined)));
    // Both outcomes must occur, or the kills were not landing where they matter.
    expect(seen.new).toBeGreaterThan(0);
    expect(seen.old).toBeGreaterThan(0);
    for (const dir of dirs) {
      expect(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')).toContain('"project"');
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`kills: ${JSON.stringify(seen)}, one run ≈ ${runMs.toFixed(0)} ms`);
  });
});
