import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplates } from '../../src/generate';
import { parseCfnYaml } from '../../src/cfn/yaml';
import { OWNED } from '../../src/layers';
import { bootstrapStackName, stackTags } from '../../src/manifest/read';
import { ROOT, SEED_TEXT } from '../core/helpers';

const render = (environment?: string, text = SEED_TEXT) =>
  generateTemplates('spec/topology.yaml', { text, cwd: ROOT, environment });

const ENVIRONMENTS = ['staging', 'prod', 'dr'];

describe.each(ENVIRONMENTS)('out/%s/ is the golden output of environment %s', (env) => {
  const generated = render(env);

  it('has exactly the files generate writes, each byte-identical (run `npx strata generate --all`)', () => {
    const dir = join(ROOT, 'out', env);
    const committed = readdirSync(dir).filter((n) => OWNED.test(n));
    expect(committed.sort()).toEqual([...generated.files.keys()].sort());
    for (const [name, text] of generated.files)
      expect({ name, text }).toEqual({ name, text: readFileSync(join(dir, name), 'utf8') });
  });

  it('is byte-for-byte deterministic', () => {
    expect([...render(env).files]).toEqual([...generated.files]);
  });
});

describe('what an environment changes', () => {
  const base = render();
  const prod = render('prod');
  const dr = render('dr');
  const resource = (g: typeof base, file: string, id: string) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- template properties of any shape
    parseCfnYaml(g.files.get(file)!).Resources[id] as { Properties: Record<string, any> };

  it('names stacks <name>-<env>-<layer>, the base keeping <name>-<layer>', () => {
    expect(base.manifest.stacks.map((s) => s.stackName)).toEqual([
      'portfolio-network',
      'portfolio-security',
      'portfolio-database',
      'portfolio-compute',
      'portfolio-load-balancer',
    ]);
    expect(prod.manifest.stacks.map((s) => s.stackName)[0]).toBe('portfolio-prod-network');
    expect(bootstrapStackName(base.manifest)).toBe('portfolio-bootstrap');
    expect(bootstrapStackName(dr.manifest)).toBe('portfolio-dr-bootstrap');
    expect(base.manifest.environment).toBeUndefined();
    expect(dr.manifest).toMatchObject({ environment: 'dr', region: 'us-west-2' });
  });

  it('tags every resource with the environment and sets the topology tags on the stacks', () => {
    for (const [file, text] of prod.files) {
      if (!file.endsWith('.yaml')) continue;
      for (const [id, r] of Object.entries(parseCfnYaml(text).Resources)) {
        const tags = (r as { Properties?: { Tags?: unknown } }).Properties?.Tags;
        if (!Array.isArray(tags)) continue;
        expect({ id, tags }).toEqual({
          id,
          tags: expect.arrayContaining([{ Key: 'strata:environment', Value: 'prod' }]),
        });
      }
    }
    expect(stackTags(prod.manifest, 'compute')).toEqual({
      Project: 'portfolio',
      ManagedBy: 'strata',
      'strata:environment': 'prod',
      'strata:project': 'portfolio',
      'strata:layer': 'compute',
    });
    expect(stackTags(base.manifest, 'network')).toEqual({
      Project: 'portfolio',
      ManagedBy: 'strata',
      'strata:project': 'portfolio',
      'strata:layer': 'network',
    });
  });

  it('gives each environment its own resource names and launch template names', () => {
    const vpcName = (g: typeof base) =>
      resource(g, 'network.yaml', 'Vpc').Properties.Tags.find(
        (t: { Key: string }) => t.Key === 'Name',
      ).Value;
    expect(vpcName(base)).toBe('portfolio-vpc');
    expect(vpcName(prod)).toBe('portfolio-prod-vpc');
    const lt = (g: typeof base) =>
      JSON.stringify(resource(g, 'compute.yaml', 'BackendLaunchTemplate').Properties);
    expect(lt(prod)).not.toBe(lt(render('staging')));
  });

  it("applies prod's production settings: Multi-AZ, deletion protection, no SSH", () => {
    const db = resource(prod, 'database.yaml', 'Database').Properties;
    expect(db).toMatchObject({ MultiAZ: true, DeletionProtection: true, StorageEncrypted: true });
    const security = prod.files.get('security.yaml')!;
    expect(security).not.toMatch(/FromPort: 22\b/);
    expect(base.files.get('security.yaml')).toMatch(/FromPort: 22\b/);
  });

  it('puts dr in us-west-2 with its own zones', () => {
    const subnet = resource(dr, 'network.yaml', 'PublicSubnetA').Properties;
    expect(subnet.AvailabilityZone).toBe('us-west-2a');
  });
});

describe('a database restored from a snapshot', () => {
  const db = (g: ReturnType<typeof render>) =>
    parseCfnYaml(g.files.get('database.yaml')!) as unknown as {
      Parameters: Record<string, unknown>;
      Resources: { Database: { Properties: Record<string, unknown> } };
    };

  it('takes the snapshot as a deploy-time parameter when restoreFromSnapshot is true (dr)', () => {
    const dr = render('dr');
    const t = db(dr);
    expect(t.Parameters.DatabaseSnapshotIdentifier).toMatchObject({ Type: 'String' });
    expect(t.Resources.Database.Properties.DBSnapshotIdentifier).toEqual({
      Ref: 'DatabaseSnapshotIdentifier',
    });
    // CloudFormation: with DBSnapshotIdentifier, these come from the snapshot and must not be set.
    for (const key of ['DBName', 'MasterUsername', 'MasterUserPassword', 'StorageEncrypted'])
      expect(t.Resources.Database.Properties[key]).toBeUndefined();
    expect(t.Resources.Database.Properties.ManageMasterUserPassword).toBe(true);
    const stack = dr.manifest.stacks.find((s) => s.layer === 'database')!;
    expect(stack.parameters.DatabaseSnapshotIdentifier).toEqual({ from: 'deploy-parameter' });
  });

  it('writes a named snapshot into the template, with no parameter', () => {
    const text = SEED_TEXT.replace(
      '  subnets: database\n  securityGroup: database\n',
      '  subnets: database\n  securityGroup: database\n  restoreFromSnapshot: arn:aws:rds:us-east-1:123456789012:snapshot:before-upgrade\n',
    );
    const t = db(render(undefined, text));
    expect(t.Parameters.DatabaseSnapshotIdentifier).toBeUndefined();
    expect(t.Resources.Database.Properties.DBSnapshotIdentifier).toBe(
      'arn:aws:rds:us-east-1:123456789012:snapshot:before-upgrade',
    );
    expect(t.Resources.Database.Properties.DBName).toBeUndefined();
  });

  it('rejects a snapshot name RDS would not accept, at its line', () => {
    const text = SEED_TEXT.replace(
      '  subnets: database\n  securityGroup: database\n',
      '  subnets: database\n  securityGroup: database\n  restoreFromSnapshot: -bad--name\n',
    );
    expect(() => render(undefined, text)).toThrow(/1 error/);
  });
});
