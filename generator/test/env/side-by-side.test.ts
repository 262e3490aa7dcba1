/**
 * Two environments of one project in one account and region, deployed side by side through the local
 * CloudFormation-compatible endpoint (real SDK clients over HTTP, no mocks), then each destroyed without
 * touching the other.
 */
import { rmSync } from 'node:fs';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { serveFake, useFakeCredentials } from '../deploy/fake-endpoint';
import { makeWorkspace } from '../deploy/workspace';
import { addEnvironment, envManifest, scriptEnvironment, strata } from './workspace';

const LAYERS = ['network', 'security', 'database', 'compute', 'load-balancer'];
const stacksOf = (env: string) => LAYERS.map((l) => `portfolio-${env}-${l}`);

describe('environments side by side through a CloudFormation-compatible endpoint', () => {
  useFakeCredentials();

  it('deploys staging and prod into their own stacks, buckets and tags, and destroys each alone', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    for (const env of ['staging', 'prod']) scriptEnvironment(fake, env);
    fake.scripts['portfolio-prod-bootstrap'].outputs!.BucketName = 'portfolio-prod-bucket';
    fake.scripts['portfolio-staging-bootstrap'].outputs!.BucketName = 'portfolio-staging-bucket';
    const endpoint = await serveFake(fake);
    const cwd = makeWorkspace();
    addEnvironment(cwd, envManifest('staging'));
    addEnvironment(cwd, envManifest('prod', { account: '123456789012' }));
    const aws = ['--endpoint-url', endpoint.url];
    const status = (name: string) => fake.stacks.get(name)?.status;
    try {
      for (const env of ['staging', 'prod']) {
        const r = await strata(cwd, ['deploy', '--env', env, '--yes', ...aws]);
        expect({ env, code: r.code, stderr: r.stderr }).toEqual({ env, code: 0, stderr: '' });
        expect(r.stdout).toContain(`portfolio · environment ${env} · account 123456789012`);
      }
      for (const name of [...stacksOf('staging'), ...stacksOf('prod')])
        expect({ name, status: status(name) }).toEqual({ name, status: 'CREATE_COMPLETE' });
      // Each environment's artifacts went to its own bootstrap bucket.
      expect([...fake.uploads].map((u) => u.split('/')[0]).sort()).toEqual([
        'portfolio-prod-bucket',
        'portfolio-staging-bucket',
      ]);
      expect(endpoint.actions).toContain('GetCallerIdentity');

      const staged = await strata(cwd, ['status', '--env', 'staging', ...aws]);
      expect(staged.stdout).toMatch(/compute\s+portfolio-staging-compute\s+✔ CREATE_COMPLETE/);
      expect(staged.stdout).not.toContain('portfolio-prod');

      const wrong = await strata(cwd, ['destroy', '--env', 'staging', ...aws], {}, 'portfolio');
      expect(wrong.stderr).toContain('not confirmed; nothing was deleted');
      const gone = await strata(
        cwd,
        ['destroy', '--env', 'staging', ...aws],
        {},
        'portfolio-staging',
      );
      expect(gone.stdout).toContain('Destroyed 5 stacks of portfolio-staging.');
      for (const name of stacksOf('staging')) expect(status(name)).toBe('DELETE_COMPLETE');
      for (const name of stacksOf('prod')) expect(status(name)).toBe('CREATE_COMPLETE');
      expect(status('portfolio-staging-bootstrap')).toBe('CREATE_COMPLETE');

      const prod = await strata(cwd, ['destroy', '--env', 'prod', '--yes', ...aws]);
      expect(prod.code).toBe(0);
      for (const name of stacksOf('prod')) expect(status(name)).toBe('DELETE_COMPLETE');
      expect(status('portfolio-prod-bootstrap')).toBe('CREATE_COMPLETE');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await endpoint.close();
    }
  }, 60_000);
});
