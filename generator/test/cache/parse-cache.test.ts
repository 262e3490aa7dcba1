import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseCfnYamlDocument } from '../../src/cfn/yaml';
import { templateFile } from '../../src/lint/template-file';
import { ROOT } from '../core/helpers';

const DIR = join(ROOT, 'node_modules/.cache/strata/parsed');
const entries = () => {
  try {
    return new Set(readdirSync(DIR));
  } catch {
    return new Set<string>();
  }
};
/** The entries that appeared while `fn` ran (other test files may add theirs meanwhile: fine, they differ). */
function added(fn: () => void): string[] {
  const before = entries();
  fn();
  return [...entries()].filter((n) => !before.has(n));
}

/** A template text no other run has parsed, so the first parse is a miss. */
const unique = (body: string) =>
  `# ${process.pid}-${Date.now()}-${Math.random()}\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n${body}`;

describe('the parse-back cache', () => {
  it('keeps a successful parse, and later parses return an equal, separate template', () => {
    const text = unique(
      '    Properties:\n      BucketName: !Sub "${AWS::StackName}-logs"\n      Tags: [{ Key: A, Value: !GetAtt Role.Arn }]\n',
    );
    let first: ReturnType<typeof parseCfnYamlDocument> | undefined;
    const files = added(() => {
      first = parseCfnYamlDocument(text);
    });
    expect(files).toHaveLength(1);
    const second = parseCfnYamlDocument(text);
    expect(second).toEqual(first);
    expect(second.template).not.toBe(first?.template);
    expect(second.template?.Resources?.Bucket.Properties).toEqual({
      BucketName: { 'Fn::Sub': '${AWS::StackName}-logs' },
      Tags: [{ Key: 'A', Value: { 'Fn::GetAtt': ['Role', 'Arn'] } }],
    });
    // The entry is the template itself, not a stand-in.
    expect(JSON.parse(readFileSync(join(DIR, files[0]), 'utf8'))).toEqual(first);
  });

  it('never keeps a failed parse: the errors and positions are the YAML library’s, every time', () => {
    const text = unique('    Properties:\n      A: 1\n      A: 2\n');
    const files = added(() => {
      const once = parseCfnYamlDocument(text);
      expect(once.template).toBeUndefined();
      expect(once.errors[0]).toMatchObject({ line: 7, column: 7 });
      expect(parseCfnYamlDocument(text)).toEqual(once);
    });
    expect(files).toHaveLength(0);
  });

  it('never keeps what JSON would not give back exactly (here an infinite number)', () => {
    const text = unique('    Properties:\n      Weight: .inf\n');
    const files = added(() => {
      expect(parseCfnYamlDocument(text).template?.Resources?.Bucket.Properties?.Weight).toBe(
        Infinity,
      );
    });
    expect(files).toHaveLength(0);
    expect(parseCfnYamlDocument(text).template?.Resources?.Bucket.Properties?.Weight).toBe(
      Infinity,
    );
  });

  it('reads past a damaged entry and rewrites it', () => {
    const text = unique('    DeletionPolicy: Retain\n');
    const files = added(() => parseCfnYamlDocument(text));
    writeFileSync(join(DIR, files[0]), '{"template": {"Resources": {}');
    expect(parseCfnYamlDocument(text).template?.Resources?.Bucket).toEqual({
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
    });
    expect(
      JSON.parse(readFileSync(join(DIR, files[0]), 'utf8')).template.Resources.Bucket.Type,
    ).toBe('AWS::S3::Bucket');
  });

  it('places lint findings at the same line and column from the cache as from a fresh parse', () => {
    const text = unique(
      '    Properties:\n      VersioningConfiguration:\n        Status: Enabled\n',
    );
    const template = parseCfnYamlDocument(text).template;
    const path = ['Resources', 'Bucket', 'Properties', 'VersioningConfiguration', 'Status'];
    const fresh = templateFile('t.yaml', text, template).positionOf(path);
    const cached = templateFile('t.yaml', text, template).positionOf(path);
    expect(cached).toEqual(fresh);
    // Against the library directly: the key `Status` is on line 7, column 9.
    const doc = parseDocument(text);
    expect(doc.getIn(path)).toBe('Enabled');
    expect(fresh).toEqual({ file: 't.yaml', line: 7, column: 9 });
  });
});

describe('the position of a template-wide finding', () => {
  const outs = ['out', 'out/prod', 'out/staging', 'out/dr'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => `${dir}/${n}`),
  );
  const texts = [
    ...outs.map((f) => readFileSync(join(ROOT, f), 'utf8')),
    '# a\n\n  # indented comment\nResources: {}\n',
    '---\nResources:\n  A: { Type: X }\n',
    '{"Resources": {"A": {"Type": "X"}}}',
    '%YAML 1.2\n---\nResources: {}\n',
    '# only\n  Resources:\n    A: {Type: X}\n',
  ];

  it.each(texts.map((t, i) => [i < outs.length ? outs[i] : JSON.stringify(t.slice(0, 30)), t]))(
    'is where the YAML library puts the root, for %s',
    (_name, text) => {
      const doc = parseDocument(text);
      const offset = (doc.contents as { range: number[] }).range[0];
      const line = text.slice(0, offset).split('\n').length;
      const column = offset - text.lastIndexOf('\n', offset - 1);
      expect(templateFile('t.yaml', text, doc.toJS()).positionOf([])).toEqual({
        file: 't.yaml',
        line,
        column,
      });
    },
  );
});
