/**
 * The re-cut seed deployed through the CloudFormation-compatible endpoint (real SDK clients, HTTP, no
 * mocks): independent stacks run side by side, each starts only once what it needs is complete.
 */
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import type { Manifest } from '../../src/manifest/read';
import { generateText, SEED_TEXT } from '../core/helpers';
import { serveFake, useFakeCredentials } from '../deploy/fake-endpoint';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { makeWorkspace } from '../deploy/workspace';

async function strata(cwd: string, args: string[]) {
  const out: string[] = [];
  const io: CliIO = {
    stdout: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stderr: Object.assign(new PassThrough(), { write: (t: string) => out.push(t) }) as never,
    stdin: new PassThrough(),
    env: { NO_COLOR: '1', STRATA_POLL_INTERVAL_MS: '0' },
    cwd,
  };
  const code = await run(args, io);
  return { code, output: out.join('') };
}

/** The seed's manifest, with the small fixture app standing in for both apps (packaging is not under test). */
function seedManifest(): Manifest {
  const manifest = structuredClone(generateText(SEED_TEXT).manifest);
  const hello = { source: 'apps/hello', entry: 'apps/hello/src/server.ts' };
  manifest.apps = { frontend: hello, backend: hello };
  return manifest;
}

describe('deploying the re-cut seed', () => {
  useFakeCredentials();

  it('--dry-run prints the planned order with what runs in parallel', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    const endpoint = await serveFake(fake);
    try {
      const cwd = makeWorkspace(seedManifest());
      const r = await strata(cwd, ['deploy', '--dry-run', '--endpoint-url', endpoint.url]);
      // Not a terminal: each line starts with its UTC time, which the plan's layout does not depend on.
      expect(r.output.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /gm, '')).toContain(
        [
          '  1. network | identity',
          '  2. security (needs network) | gateways (needs network)',
          '  3. database (needs network, security) | load-balancer (needs network, security, gateways)',
          '  4. compute (needs network, identity, security, gateways, database, load-balancer)',
        ].join('\n'),
      );
    } finally {
      await endpoint.close();
    }
  });

  it('runs independent stacks side by side and each after what it needs', async () => {
    const manifest = seedManifest();
    const fake = new FakeCloudFormation({ mock: false });
    fake.scripts['portfolio-bootstrap'] = { outputs: { BucketName: 'bucket-1' } };
    for (const s of manifest.stacks)
      fake.scripts[s.stackName] = {
        outputs: Object.fromEntries(s.outputs.map((o) => [o, `${o}-value`])),
      };
    const endpoint = await serveFake(fake);
    try {
      const cwd = makeWorkspace(manifest);
      const r = await strata(cwd, ['deploy', '--yes', '--endpoint-url', endpoint.url]);
      expect(r.code).toBe(0);
      const at = (event: string, layer: string) => {
        const i = fake.timeline.findIndex((e) => e.startsWith(`${event}:portfolio-${layer}`));
        expect(i).toBeGreaterThanOrEqual(0);
        return i;
      };
      const overlap = (a: string, b: string) =>
        at('create-stack', a) < at('complete', b) && at('create-stack', b) < at('complete', a);
      expect(overlap('network', 'identity')).toBe(true);
      expect(overlap('security', 'gateways')).toBe(true);
      expect(overlap('database', 'load-balancer')).toBe(true);
      for (const s of manifest.stacks)
        for (const upstream of s.dependsOn)
          expect(at('complete', upstream)).toBeLessThan(at('create-stack', s.layer));
      // A first deploy creates every stack directly: no change set to wait for.
      expect(fake.timeline.filter((e) => e.startsWith('change-set:'))).toEqual([]);
      const compute = fake.timeline.find((e) => e.startsWith('create-stack:portfolio-compute:'))!;
      expect(JSON.parse(compute.slice('create-stack:portfolio-compute:'.length))).toMatchObject({
        HttpListener80Arn: 'HttpListener80Arn-value',
        DatabaseEndpoint: 'DatabaseEndpoint-value',
        FrontendInstanceRoleName: 'FrontendInstanceRoleName-value',
      });
    } finally {
      await endpoint.close();
    }
  });
});
