import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCfnYaml } from '../../src/cfn/yaml';
import { helpers } from '../../src/render/helpers';
import { generateText, ROOT } from '../core/helpers';

/**
 * Every rendered template must read back the same under YAML 1.2 (the `yaml` package, which strata
 * and CloudFormation-style tooling in Node use) and YAML 1.1 (PyYAML, which cfn-lint uses).
 * `.ci/run` installs Debian's python3-yaml when no python3 on PATH has it.
 */
const SCRIPT = join(__dirname, '../support/yaml11-to-json.py');

type Read = Record<string, { value?: unknown; error?: string }>;

function readWithPyYaml(files: string[]): Read {
  return JSON.parse(execFileSync('python3', [SCRIPT, ...files], { encoding: 'utf8' })) as Read;
}

/** Every topology under test/fixtures that generates, and the seed. */
function fixtures(): string[] {
  const dir = 'generator/test/fixtures';
  const found = ['spec/topology.yaml'];
  for (const name of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (name.isDirectory() && readdirSync(join(ROOT, dir, name.name)).includes('topology.yaml'))
      found.push(`${dir}/${name.name}/topology.yaml`);
  }
  const lint = `${dir}/lint/topologies`;
  for (const name of readdirSync(join(ROOT, lint)).filter((n) => n.endsWith('.yaml')))
    found.push(`${lint}/${name}`);
  return found;
}

describe('two YAML parsers read every rendered template alike', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'strata-yaml11-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each(fixtures())('%s', (spec) => {
    const { files } = generateText(readFileSync(join(ROOT, spec), 'utf8'), spec);
    const written: string[] = [];
    for (const [name, text] of files) {
      if (!name.endsWith('.yaml')) continue;
      const path = join(scratch, `${spec.replace(/\W+/g, '-')}-${name}`);
      writeFileSync(path, text);
      written.push(path);
    }
    expect(written.length).toBeGreaterThan(0);
    const python = readWithPyYaml(written);
    for (const path of written) {
      expect({ path, error: python[path].error }).toEqual({ path, error: undefined });
      const node = JSON.parse(JSON.stringify(parseCfnYaml(readFileSync(path, 'utf8'))));
      expect({ path, value: python[path].value }).toEqual({ path, value: node });
    }
  });
});

describe('the q helper escapes what YAML 1.1 would refuse or fold', () => {
  const VALUES = [
    'bell \u0007',
    'del \u007f',
    'nel \u0085',
    'c1 \u009b',
    'line separator \u2028',
    'paragraph separator \u2029',
    'bom \ufeff',
    'nonchar \uffff',
    'tab\tand\nnewline',
    'yes',
    '1:30',
    '2001-12-14',
    '0o17',
    '~',
  ];

  it('every value reads back identically under both parsers', () => {
    const text = `Resources: {}\nValues:\n${VALUES.map((v) => `  - ${helpers.q(v)}\n`).join('')}`;
    // Whatever q writes is printable ASCII or ordinary Unicode: nothing a YAML 1.1 reader refuses.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\uffff]/);
    const dir = mkdtempSync(join(tmpdir(), 'strata-q-'));
    const file = join(dir, 'values.yaml');
    writeFileSync(file, text);
    try {
      expect(readWithPyYaml([file])[file].value).toEqual({ Resources: {}, Values: VALUES });
      expect(parseCfnYaml(text).Values).toEqual(VALUES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
