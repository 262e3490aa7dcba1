import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BACKEND_VARIABLES, loadBackendConfig } from '../../backend/src/config';
import { FRONTEND_VARIABLES, loadFrontendConfig } from '../../frontend/src/config';
import { repoRoot } from '../src/bundle';

// The compute layer's systemd units (rendered into out/compute.yaml) must start exactly these apps with
// variables the apps understand; this test keeps the two sides in step.
const root = repoRoot(path.resolve(__dirname, '../src'));
const manifest = JSON.parse(readFileSync(path.join(root, 'out/manifest.json'), 'utf8')) as {
  apps: Record<string, { source: string; entry: string }>;
};
const compute = readFileSync(path.join(root, 'out/compute.yaml'), 'utf8');

/** The `[Service]` lines of the unit that runs `/opt/strata/<app>/server.js`. */
function unitFor(app: string): { execStart: string; env: Record<string, string> } {
  const lines = compute.split('\n').map((line) => line.trim());
  const start = lines.findIndex(
    (line) => line.startsWith('ExecStart=') && line.endsWith(`/opt/strata/${app}/server.js`),
  );
  if (start < 0)
    throw new Error(`out/compute.yaml has no unit with ExecStart=… /opt/strata/${app}/server.js`);
  const env: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^Environment="([A-Z_]+)=(.*)"$/.exec(line);
    if (!match) break;
    env[match[1]] = match[2];
  }
  return { execStart: lines[start], env };
}

/** Stands in plausible values for CloudFormation `${...}` references, as EC2 would see them resolved. */
function resolveRefs(value: string): string {
  return value.replace(/\$\{([^}]+)\}/g, (_all, ref: string) => {
    if (ref.endsWith('PrivateIp')) return '10.0.11.5';
    if (ref.endsWith('Port')) return '3306';
    if (ref.endsWith('SecretArn'))
      return 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbCdEf';
    if (ref === 'AWS::Region') return 'us-east-1';
    if (ref.endsWith('Endpoint')) return 'portfolio-db.abc.us-east-1.rds.amazonaws.com';
    if (ref.endsWith('Name')) return 'appdb';
    if (ref.endsWith('Username')) return 'admin';
    throw new Error(`no stand-in for \${${ref}}`);
  });
}

describe('apps in the manifest and the compute units', () => {
  it('lists the two apps with entry points that exist', () => {
    expect(Object.keys(manifest.apps).sort()).toEqual(['backend', 'frontend']);
    for (const [app, { source, entry }] of Object.entries(manifest.apps)) {
      expect({ source, entry }).toEqual({
        source: `apps/${app}`,
        entry: `apps/${app}/src/server.ts`,
      });
      expect(existsSync(path.join(root, entry))).toBe(true);
    }
  });

  it.each([
    ['frontend', FRONTEND_VARIABLES as readonly string[], loadFrontendConfig],
    ['backend', BACKEND_VARIABLES as readonly string[], loadBackendConfig],
  ] as const)(
    'the %s unit sets only variables the app reads, and the app accepts them',
    (app, known, load) => {
      const unit = unitFor(app);
      expect(unit.execStart).toMatch(
        new RegExp(`^ExecStart=/usr/bin/node[-\\d]* /opt/strata/${app}/server\\.js$`),
      );
      const unknown = Object.keys(unit.env).filter((name) => !known.includes(name));
      expect(unknown).toEqual([]);
      const env = Object.fromEntries(Object.entries(unit.env).map(([k, v]) => [k, resolveRefs(v)]));
      expect(() => load(env)).not.toThrow();
    },
  );

  it('points the frontend at the backends on the port the backend unit listens on', () => {
    const frontend = loadFrontendConfig(
      Object.fromEntries(
        Object.entries(unitFor('frontend').env).map(([k, v]) => [k, resolveRefs(v)]),
      ),
    );
    const backendPort = unitFor('backend').env.PORT;
    expect(frontend.port).toBe(5000);
    expect(frontend.backendUrls.length).toBeGreaterThanOrEqual(2);
    for (const url of frontend.backendUrls) expect(new URL(url).port).toBe(backendPort);
  });
});
