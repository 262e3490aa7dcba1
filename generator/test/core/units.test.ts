import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonical,
  contains,
  formatCidr,
  overlaps,
  parseCidr,
  type Cidr,
} from '../../src/model/cidr';
import { pascal, zoneLetter } from '../../src/model/names';
import { subReferences } from '../../src/cfn/intrinsics';
import { checkTemplate } from '../../src/render/check';
import { closest, editDistance } from '../../src/util/suggest';
import { parseSpec } from '../../src/spec/load';
import { formatPath, locate, parsePath } from '../../src/spec/locate';
import {
  APP_ENTRY,
  NODE_BINARY,
  RESERVED_ENV,
  appDir,
  systemdLiteral,
  unitEnvironment,
  unitName,
} from '../../src/layers/user-data';
import { diagnosticsOf, generateText, ROOT, SEED_TEXT, userDataOf } from './helpers';

const cidr = (text: string) => parseCidr(text) as Cidr;

describe('CIDR maths', () => {
  it('parses, formats and canonicalises', () => {
    expect(formatCidr(cidr('10.0.12.0/24'))).toBe('10.0.12.0/24');
    expect(formatCidr(canonical(cidr('10.0.12.77/24')))).toBe('10.0.12.0/24');
    expect(formatCidr(canonical(cidr('255.255.255.255/0')))).toBe('0.0.0.0/0');
    expect(parseCidr('10.0.0.256/24')).toBe('has an address part above 255');
    expect(parseCidr('10.0.0.0/33')).toBe('has a prefix length above 32');
    expect(parseCidr('ten/8')).toMatch(/not an IPv4 CIDR/);
  });

  it('knows containment and overlap', () => {
    expect(contains(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(contains(cidr('10.0.0.0/16'), cidr('10.1.0.0/24'))).toBe(false);
    expect(contains(cidr('10.0.1.0/24'), cidr('10.0.0.0/16'))).toBe(false);
    expect(overlaps(cidr('10.0.1.0/24'), cidr('10.0.1.128/25'))).toBe(true);
    expect(overlaps(cidr('10.0.1.0/25'), cidr('10.0.1.128/25'))).toBe(false);
    expect(contains(cidr('0.0.0.0/0'), cidr('192.168.1.0/24'))).toBe(true);
  });
});

describe('names and suggestions', () => {
  it('turns topology names into logical-id stems', () => {
    expect(pascal('api-v2')).toBe('ApiV2');
    expect(pascal('database')).toBe('Database');
    expect([0, 1, 5].map(zoneLetter)).toEqual(['A', 'B', 'F']);
  });

  it('suggests only close names', () => {
    expect(editDistance('frontnd', 'frontend')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(closest('bakend', ['frontend', 'backend', 'database'])).toBe('backend');
    expect(closest('zzz', ['frontend', 'backend'])).toBeUndefined();
  });
});

describe('source locations', () => {
  const spec = parseSpec('t.yaml', 'a:\n  b:\n    - x\n    - y: 1\n');

  it('finds values, keys and list items', () => {
    expect(locate(spec, 'a.b[1].y')).toMatchObject({ line: 4, column: 10, approximate: false });
    expect(locate(spec, 'a.b[1].y', { key: true })).toMatchObject({ line: 4, column: 7 });
    expect(locate(spec, '/a/b/0')).toMatchObject({ line: 3, column: 7 });
  });

  it('falls back to the nearest parent for a missing path', () => {
    expect(locate(spec, 'a.b[7].z')).toMatchObject({ line: 3, approximate: true });
  });

  it('formats and parses paths both ways', () => {
    expect(formatPath(['tiers', 'web', 'env', 0])).toBe('tiers.web.env[0]');
    expect(parsePath('network.subnets.public.cidrs[1]')).toEqual([
      'network',
      'subnets',
      'public',
      'cidrs',
      1,
    ]);
  });
});

describe('rendered-template checks', () => {
  it('finds Sub substitutions but not escapes', () => {
    expect(subReferences('${A} ${B.Attr} ${!Literal} ${AWS::Region}')).toEqual([
      'A',
      'B.Attr',
      'AWS::Region',
    ]);
  });

  it('reports dangling references and unused parameters', () => {
    const problems = checkTemplate('t.yaml', {
      Parameters: { Used: { Type: 'String' }, Unused: { Type: 'String' } },
      Resources: {
        A: {
          Type: 'AWS::SNS::Topic',
          DependsOn: 'Ghost',
          Properties: {
            X: { Ref: 'Used' },
            Y: { Ref: 'Nope' },
            Z: { 'Fn::GetAtt': ['Gone', 'Arn'] },
            W: { 'Fn::Sub': '${Missing.Attr}' },
          },
        },
      },
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Ref to `Nope`, which is neither a parameter nor a resource',
      'GetAtt of `Gone`, which is not a resource',
      'GetAtt of `Missing`, which is not a resource',
      'depends on `Ghost`, which is not a resource',
      'parameter `Unused` is never used',
    ]);
  });
});

describe('the compute layer and the apps stay in step', () => {
  const { manifest, templates } = generateText(SEED_TEXT);

  it.each(Object.entries(manifest.apps))(
    'the %s unit starts a real entry point',
    (app, { entry }) => {
      expect(existsSync(join(ROOT, entry))).toBe(true);
      const userData = Object.entries(templates.get('compute.yaml')!.Resources)
        .filter(([, r]) => r.Type === 'AWS::EC2::LaunchTemplate')
        .map(([id]) => userDataOf({ templates }, id))
        .find((u) => u.includes(`/etc/systemd/system/${unitName(app)}`));
      expect(userData).toContain(`ExecStart=${NODE_BINARY} ${appDir(app)}/${APP_ENTRY}`);
    },
  );

  it('the deploy packager bundles each app into the file the unit runs', () => {
    const packager = readFileSync(join(ROOT, 'generator/src/deploy/artifacts.ts'), 'utf8');
    expect(packager).toContain(APP_ENTRY);
  });

  it('reserves exactly the variables every unit sets', () => {
    const { model } = generateText(SEED_TEXT);
    expect(
      unitEnvironment(model, model.tiers[0])
        .slice(0, RESERVED_ENV.length)
        .map((e) => e.name),
    ).toEqual(RESERVED_ENV);
  });

  it('escapes systemd and Sub specials in literals', () => {
    expect(systemdLiteral('a"b\\c%d${e}')).toBe('a\\"b\\\\c%%d${!e}');
  });
});

describe('instances are replaced when what they run changes', () => {
  const name = (text: string, tier: string) =>
    (
      generateText(text).templates.get('compute.yaml')!.Resources[`${tier}LaunchTemplate`]
        .Properties as { LaunchTemplateName: { 'Fn::Sub': string } }
    ).LaunchTemplateName['Fn::Sub'];
  const seedName = name(SEED_TEXT, 'Backend');

  it('names each launch template after its boot script, its artifact and the tiers it calls', () => {
    expect(seedName).toMatch(/^portfolio-[0-9a-f]{12}-\$\{BackendArtifactKey\}$/);
    expect(name(SEED_TEXT, 'Frontend')).toMatch(
      /^portfolio-[0-9a-f]{12}-\$\{FrontendArtifactKey\}-\$\{BackendLaunchTemplate\}$/,
    );
  });

  it('a changed environment gives a new name (so CloudFormation replaces the template and its instances); an unrelated change does not', () => {
    expect(
      name(
        SEED_TEXT.replace(
          'DB_SECRET_ARN: { ref: database.secretArn }',
          'DB_SECRET_ARN: { ref: database.secretArn }\n      LOG_LEVEL: debug',
        ),
        'Backend',
      ),
    ).not.toBe(seedName);
    expect(name(SEED_TEXT.replace('intervalSeconds: 30', 'intervalSeconds: 20'), 'Backend')).toBe(
      seedName,
    );
  });

  it("rejects names that could outgrow EC2's 128 characters", () => {
    const worker =
      '\n  worker:\n    app: backend\n    port: 6000\n    subnets: private\n    securityGroup: backend\n';
    const long = SEED_TEXT.replace('name: portfolio', 'name: portfolio-with-a-long-nm')
      .replace(/app: frontend/, `app: ${'f'.repeat(30)}`)
      .replace(
        '      BACKEND_URLS: { ref: tiers.backend.urls }\n',
        `      BACKEND_URLS: { ref: tiers.backend.urls }\n      WORKER_URLS: { ref: tiers.worker.urls }\n`,
      )
      .replace('\ndatabase:', `${worker}\ndatabase:`);
    expect(
      diagnosticsOf(long)
        // The long app name has no folder under apps/ either; that check has its own tests.
        .filter((d) => d.severity === 'error' && d.code !== 'app/missing')
        .map((d) => [d.code, d.path]),
    ).toEqual([['compute/name-too-long', 'tiers.frontend']]);
  });
});

describe('socket activation on the instances', () => {
  const generated = generateText(SEED_TEXT);
  it.each([
    ['FrontendLaunchTemplate', 'frontend', 5000],
    ['BackendLaunchTemplate', 'backend', 5001],
  ])('%s holds the port in %s.socket and reloads the app with SIGHUP', (id, app, port) => {
    const script = userDataOf(generated, id);
    const socket = script.slice(script.indexOf(`cat > /etc/systemd/system/${app}.socket`));
    expect(socket.slice(0, socket.indexOf('\nUNIT'))).toContain(`ListenStream=${port}`);
    const service = script.slice(script.indexOf(`cat > /etc/systemd/system/${unitName(app)}`));
    const unit = service.slice(0, service.indexOf('\nUNIT'));
    expect(unit).toContain(`Requires=${app}.socket`);
    expect(unit).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    // The socket is enabled before the service starts, so the app inherits it (LISTEN_FDS).
    expect(script.indexOf(`systemctl enable --now ${app}.socket`)).toBeGreaterThan(-1);
    expect(script.indexOf(`systemctl enable --now ${app}.socket`)).toBeLessThan(
      script.indexOf(`systemctl enable --now ${unitName(app)}`),
    );
  });
});
