import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/generate';
import { lintRendered } from '../../src/lint';
import { propertiesAt } from '../../src/lint/cfn-lint-parse';
import { intrinsicName, isPlainObject, walk } from '../../src/cfn/intrinsics';
import {
  buildIndex,
  forgetLoadedSchemas,
  loadResourceSchemas,
  packageEntities,
} from '../../src/lint/resource-data';
import { parseTemplateFile } from '../../src/lint/template-file';
import type { TemplatePath } from '../../src/lint/types';

const ROOT = packageRoot();
const OUT = join(ROOT, 'out');

describe('resource schemas from @aws-cdk/aws-service-spec', () => {
  it('builds the compact index once, then reads it from the cache keyed by the package version', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'strata-spec-cache-'));
    const first = loadResourceSchemas({ cacheDir });
    const version = first.schemas.version;
    expect(first.from).toBe('package');
    const file = join(cacheDir, `aws-service-spec-${version}-v2.json`);
    expect(existsSync(file)).toBe(true);
    // A second process would read the cache: simulate it by forgetting what is in memory.
    forgetLoadedSchemas();
    const second = loadResourceSchemas({ cacheDir });
    expect(second.from).toBe('cache');
    expect(
      second.schemas.resource('AWS::RDS::DBInstance')?.properties.ManageMasterUserPassword,
    ).toEqual({ type: { type: 'boolean' } });
    expect(loadResourceSchemas({ cacheDir }).from).toBe('memory');
  });

  it('rebuilds when the cached index belongs to another version or is corrupt', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'strata-spec-cache-'));
    const { version } = loadResourceSchemas().schemas;
    const file = join(cacheDir, `aws-service-spec-${version}-v2.json`);
    writeFileSync(file, JSON.stringify({ format: 1, version: '0.0.1', resources: {} }));
    forgetLoadedSchemas();
    expect(loadResourceSchemas({ cacheDir }).from).toBe('package');
    writeFileSync(file, '{ not json');
    forgetLoadedSchemas();
    expect(loadResourceSchemas({ cacheDir }).from).toBe('package');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(version);
  });

  it('keeps types, required flags, allowed values and nested types, and drops documentation', () => {
    const index = buildIndex(packageEntities(), 'test');
    const instance = JSON.parse(index.resources['AWS::EC2::Instance']);
    const options = instance.typeDefs[instance.properties.MetadataOptions.type.reference.$ref];
    expect(options.name).toBe('MetadataOptions');
    expect(options.properties.HttpTokens.type.allowedValues).toEqual(['optional', 'required']);
    expect(
      JSON.parse(index.resources['AWS::EC2::SecurityGroup']).properties.GroupDescription.required,
    ).toBe(true);
    expect(index.resources['AWS::EC2::VPC']).not.toContain('documentation');
    expect(Object.keys(index.resources).length).toBeGreaterThan(1500);
  });
});

/** Every property path of a value, following plain objects and lists but not intrinsic functions. */
function propertyPaths(value: unknown, path: TemplatePath, out: TemplatePath[]): TemplatePath[] {
  if (Array.isArray(value)) value.forEach((v, i) => propertyPaths(v, [...path, i], out));
  else if (isPlainObject(value) && intrinsicName(value) === undefined) {
    for (const [key, child] of Object.entries(value)) {
      out.push([...path, key]);
      propertyPaths(child, [...path, key], out);
    }
  }
  return out;
}

describe('the generator output against the current schemas', () => {
  const templates = readdirSync(OUT)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => parseTemplateFile(`out/${n}`, readFileSync(join(OUT, n), 'utf8')));
  const { schemas } = loadResourceSchemas();

  it('knows every resource type, every property (nested ones too) and every attribute the generator emits', () => {
    const unknown: string[] = [];
    let checked = 0;
    for (const { file, template } of templates) {
      for (const [id, resource] of Object.entries(template.Resources ?? {})) {
        if (!schemas.resource(resource.Type)) unknown.push(`${file} ${id}: type ${resource.Type}`);
        for (const path of propertyPaths(
          resource.Properties,
          ['Resources', id, 'Properties'],
          [],
        )) {
          const parent = path.slice(0, -1);
          const name = path[path.length - 1];
          // Inside free-form JSON (policy documents, tags' values) there is no schema to follow.
          const props =
            typeof name === 'string' ? propertiesAt(schemas, template, parent) : undefined;
          if (!props) continue;
          checked++;
          if (!props[name as string]) unknown.push(`${file} ${path.join('.')}`);
        }
      }
    }
    for (const { file, template } of templates) {
      walk(template, [], (value, path) => {
        const args =
          intrinsicName(value) === 'Fn::GetAtt'
            ? (value as Record<string, unknown>)['Fn::GetAtt']
            : undefined;
        if (!Array.isArray(args)) return;
        const type = template.Resources?.[args[0]]?.Type ?? '';
        checked++;
        if (!schemas.resource(type)?.attributes.includes(args[1]))
          unknown.push(`${file} ${path.join('.')}: ${type} attribute ${args[1]}`);
      });
    }
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('lints the committed out/ clean: no errors, and no warning but the HTTP-only one until HTTPS exists', () => {
    const report = lintRendered(OUT, { cwd: ROOT });
    expect(report.files).toHaveLength(7);
    expect(report.counts.error).toBe(0);
    expect(report.findings.filter((f) => f.rule !== 'ALB_HTTP_ONLY')).toEqual([]);
  });
});
