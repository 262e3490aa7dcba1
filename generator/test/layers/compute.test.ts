import { computeLayer } from '../../src/layers/compute';
import { database, model, tier } from './builders';

describe('compute layer', () => {
  it('applies only when there are tiers', () => {
    expect(computeLayer.applies(model())).toBe(false);
    expect(computeLayer.applies(model({ tiers: { web: tier() } }))).toBe(true);
  });

  it('spreads instances round-robin over the zones of their subnet group', () => {
    const [web] = computeLayer.toTemplateData(model({ tiers: { web: tier({ count: 3 }) } })).tiers;
    expect(web.instances.map((i) => [i.logicalId, i.subnet])).toEqual([
      ['WebInstance1', '!Select [0, !Ref PrivateSubnetIds]'],
      ['WebInstance2', '!Select [1, !Ref PrivateSubnetIds]'],
      ['WebInstance3', '!Select [0, !Ref PrivateSubnetIds]'],
    ]);
    expect(web.instances[2].tags[0]).toEqual({ key: 'Name', value: 'shop-web-3' });
  });

  it('computes every logical id, so templates never build one', () => {
    const [web] = computeLayer.toTemplateData(model({ tiers: { web: tier() } })).tiers;
    expect([web.launchTemplateId, web.artifactAccessId, web.secretAccessId]).toEqual([
      'WebLaunchTemplate',
      'WebArtifactAccess',
      undefined,
    ]);
    expect(web.dependsOn).toEqual(['WebArtifactAccess']);
  });

  it('grants the database secret, and waits for the grant, only to a tier that names it', () => {
    const data = computeLayer.toTemplateData(
      model({
        database: database(),
        tiers: {
          web: tier(),
          api: tier({
            app: 'backend',
            securityGroup: 'app',
            environment: { DB_SECRET_ARN: { ref: 'database.secretArn' } },
          }),
        },
      }),
    );
    const api = data.tiers.find((t) => t.id === 'Api')!;
    expect(api.secretAccessId).toBe('ApiDatabaseSecretAccess');
    expect(api.dependsOn).toEqual(['ApiArtifactAccess', 'ApiDatabaseSecretAccess']);
    expect(data.tiers.find((t) => t.id === 'Web')!.secretAccessId).toBeUndefined();
    expect(data.parameters.map((p) => p.name)).toContain('DatabaseSecretArn');
    expect(data.parameters.map((p) => p.name)).not.toContain('DatabaseEndpoint');
  });

  it('picks the arm64 image for Graviton types, and takes the artifact from deploy', () => {
    const data = computeLayer.toTemplateData(
      model({ tiers: { web: tier({ instanceType: 't4g.small' }) } }),
    );
    expect(data.tiers[0].imageParam).toBe('ImageIdArm64');
    const byName = Object.fromEntries(data.parameters.map((p) => [p.name, p]));
    expect(byName.ImageIdArm64.default).toMatch(/al2023-ami-kernel-default-arm64$/);
    expect(byName.ImageIdX86).toBeUndefined();
    expect(byName.ArtifactBucket.source).toEqual({ from: 'artifact-bucket' });
    expect(byName.FrontendArtifactKey.source).toEqual({ from: 'artifact-key', app: 'frontend' });
  });

  it('names the launch template after the boot script, so a new script means new instances', () => {
    const name = (port: number) =>
      computeLayer.toTemplateData(model({ tiers: { web: tier({ port }) } })).tiers[0]
        .launchTemplateName;
    expect(name(5000)).toMatch(/^!Sub "shop-[0-9a-f]{12}-\$\{FrontendArtifactKey\}"$/);
    expect(name(5000)).toBe(name(5000));
    expect(name(5002)).not.toBe(name(5000));
  });

  it('offers the ids and private addresses of each tier', () => {
    const data = computeLayer.toTemplateData(model({ tiers: { web: tier({ count: 2 }) } }));
    expect(data.outputs.map((o) => [o.name, o.value])).toEqual([
      ['WebInstanceIds', "!Join [',', [!Ref WebInstance1, !Ref WebInstance2]]"],
      [
        'WebPrivateIps',
        "!Join [',', [!GetAtt WebInstance1.PrivateIp, !GetAtt WebInstance2.PrivateIp]]",
      ],
    ]);
  });
});
