import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest, ManifestStack } from '../../src/manifest/read';
import type { LayerName } from '../../src/layers';

const stack = (
  layer: LayerName,
  dependsOn: LayerName[],
  parameters: ManifestStack['parameters'] = {},
  outputs: string[] = [],
): ManifestStack => ({
  layer,
  stackName: `portfolio-${layer}`,
  template: `${layer}.yaml`,
  dependsOn,
  terminationProtection: true,
  parameters,
  outputs,
  resources: {},
});

/** A manifest shaped like the seed's, except that security and database are independent (both need only network). */
export function diamondManifest(): Manifest {
  return {
    version: 1,
    project: 'portfolio',
    region: 'us-east-1',
    spec: 'spec/topology.yaml',
    stacks: [
      stack('network', [], {}, ['VpcId']),
      stack(
        'security',
        ['network'],
        { VpcId: { from: 'output', layer: 'network', output: 'VpcId' } },
        ['AppSgId'],
      ),
      stack(
        'database',
        ['network'],
        { VpcId: { from: 'output', layer: 'network', output: 'VpcId' } },
        ['DbEndpoint'],
      ),
      stack(
        'compute',
        ['security', 'database'],
        {
          AppSgId: { from: 'output', layer: 'security', output: 'AppSgId' },
          DbEndpoint: { from: 'output', layer: 'database', output: 'DbEndpoint' },
          ArtifactBucket: { from: 'artifact-bucket' },
          HelloArtifactKey: { from: 'artifact-key', app: 'hello' },
        },
        ['InstanceIds'],
      ),
      stack(
        'load-balancer',
        ['compute'],
        { InstanceIds: { from: 'output', layer: 'compute', output: 'InstanceIds' } },
        ['SiteUrl'],
      ),
    ],
    apps: { hello: { source: 'apps/hello', entry: 'apps/hello/src/server.ts' } },
    outputs: { siteUrl: { layer: 'load-balancer', output: 'SiteUrl' } },
  };
}

/** The database layer's RDS instance, as the generator writes it (snapshot on delete). */
export const DATABASE_RESOURCE = `  Database:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties: { Engine: mysql, DBInstanceClass: db.t3.micro, DeletionProtection: false }
`;

/** A temporary project: out/manifest.json, one small template per stack and the fixture app. */
export function makeWorkspace(manifest: Manifest = diamondManifest()): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-deploy-'));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const s of manifest.stacks) {
    const db = s.layer === 'database' ? DATABASE_RESOURCE : '';
    writeFileSync(
      join(dir, 'out', s.template),
      `Description: ${s.layer}\nResources:\n  Marker:\n    Type: AWS::SSM::Parameter\n    Properties: { Type: String, Value: ${s.layer} }\n${db}`,
    );
  }
  cpSync(join(__dirname, '..', 'fixtures', 'deploy', 'apps', 'hello'), join(dir, 'apps', 'hello'), {
    recursive: true,
  });
  return dir;
}

/** Scripted outputs for every stack of the diamond manifest. */
export const DIAMOND_OUTPUTS: Record<string, Record<string, string>> = {
  'portfolio-bootstrap': { BucketName: 'portfolio-bootstrap-artifactsbucket-abc' },
  'portfolio-network': { VpcId: 'vpc-0123' },
  'portfolio-security': { AppSgId: 'sg-0456' },
  'portfolio-database': { DbEndpoint: 'db.example.internal' },
  'portfolio-compute': { InstanceIds: 'i-1,i-2' },
  'portfolio-load-balancer': { SiteUrl: 'http://portfolio-alb-1.us-east-1.elb.amazonaws.com' },
};
