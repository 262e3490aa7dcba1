/**
 * The HTTPS flow of `strata deploy` over HTTP against the CloudFormation-compatible endpoint: the
 * certificate and load-balancer templates the generator renders for `loadBalancer.https`, a
 * certificate that waits for its DNS record (printed, then a bounded wait), and one whose hosted
 * zone lets it complete (the https URL printed).
 */
import { writeFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run, type CliIO } from '../../src/cli';
import type { Manifest } from '../../src/manifest/read';
import { generateText, SEED_TEXT } from '../core/helpers';
import { serveFake, useFakeCredentials } from './fake-endpoint';
import { FakeCloudFormation } from './fake-cloudformation';
import { DIAMOND_OUTPUTS, makeWorkspace } from './workspace';

async function strata(cwd: string, args: string[]) {
  const out: string[] = [];
  const sink = () => Object.assign(new PassThrough(), { write: (t: string) => out.push(t) });
  const io: CliIO = {
    stdout: sink() as never,
    stderr: sink() as never,
    stdin: new PassThrough(),
    env: { NO_COLOR: '1', STRATA_POLL_INTERVAL_MS: '0' },
    cwd,
  };
  const code = await run(args, io);
  return { code, output: out.join('') };
}

const RECORD =
  'Content of DNS Record is: {Name: _3b2f.portfolio.example.com.,Type: CNAME,Value: _9c1d.xlfgrmvvlj.acm-validations.aws.}';

/** The seed with https on; without a hosted zone unless one is given. */
function httpsTemplates(hostedZone?: string) {
  const https = `  https:\n    domain: portfolio.example.com\n${hostedZone ? `    hostedZoneId: ${hostedZone}\n` : ''}`;
  const text = SEED_TEXT.replace(
    '  securityGroup: alb\n  listeners:',
    `  securityGroup: alb\n${https}  listeners:`,
  );
  return generateText(text).files;
}

/** A workspace of two stacks, certificate then load balancer, holding the rendered certificate template. */
function workspace(files: Map<string, string>): string {
  const manifest: Manifest = {
    version: 1,
    project: 'portfolio',
    region: 'us-east-1',
    spec: 'spec/topology.yaml',
    stacks: [
      {
        layer: 'certificate',
        stackName: 'portfolio-certificate',
        template: 'certificate.yaml',
        dependsOn: [],
        terminationProtection: true,
        parameters: {},
        outputs: ['CertificateArn'],
        resources: {},
      },
      {
        layer: 'load-balancer',
        stackName: 'portfolio-load-balancer',
        template: 'load-balancer.yaml',
        dependsOn: ['certificate'],
        terminationProtection: true,
        parameters: {
          CertificateArn: { from: 'output', layer: 'certificate', output: 'CertificateArn' },
        },
        outputs: ['SiteUrl'],
        resources: {},
      },
    ],
    apps: {},
    outputs: { siteUrl: { layer: 'load-balancer', output: 'SiteUrl' } },
  };
  const cwd = makeWorkspace(manifest);
  writeFileSync(join(cwd, 'out', 'certificate.yaml'), files.get('certificate.yaml')!);
  return cwd;
}

describe('deploy with loadBalancer.https against a CloudFormation-compatible endpoint', () => {
  useFakeCredentials();

  it('renders the certificate with DNS validation, a 301 redirect and the https URL', () => {
    const files = httpsTemplates('Z0123456789ABC');
    expect(files.get('certificate.yaml')).toContain('ValidationMethod: DNS');
    expect(files.get('certificate.yaml')).toContain('HostedZoneId: Z0123456789ABC');
    const lb = files.get('load-balancer.yaml')!;
    expect(lb).toContain('StatusCode: HTTP_301');
    expect(lb).toContain('CertificateArn: !Ref CertificateArn');
    expect(lb).toContain('SiteAliasRecord:');
    expect(lb).toMatch(/SiteUrl:\n\s+Description: .*\n\s+Value: "https:\/\/portfolio.example.com"/);
    expect(httpsTemplates().get('certificate.yaml')).not.toContain('DomainValidationOptions');
  });

  it('prints the validation record to create and stops waiting after --certificate-wait', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    fake.scripts['portfolio-bootstrap'] = { outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'] };
    fake.scripts['portfolio-certificate'] = {
      changes: [
        { action: 'Add', logicalId: 'Certificate', type: 'AWS::CertificateManager::Certificate' },
      ],
      waiting: {
        logicalId: 'Certificate',
        type: 'AWS::CertificateManager::Certificate',
        reason: RECORD,
      },
    };
    const endpoint = await serveFake(fake);
    const cwd = workspace(httpsTemplates());
    try {
      const started = Date.now();
      // 0.005 minutes = 300 ms of real time: the wait is bounded, and the bound is the option's.
      const deploy = await strata(cwd, [
        'deploy',
        '--yes',
        '--certificate-wait',
        '0.005',
        '--endpoint-url',
        endpoint.url,
        '--region',
        'us-east-1',
      ]);
      expect(Date.now() - started).toBeLessThan(20000);
      expect(deploy.code).toBe(1);
      expect(deploy.output).toContain('the certificate waits for DNS validation');
      expect(deploy.output).toMatch(
        /_3b2f\.portfolio\.example\.com\.\s+CNAME\s+_9c1d\.xlfgrmvvlj\.acm-validations\.aws\./,
      );
      expect(deploy.output).toContain('is still waiting for its DNS validation record');
      expect(deploy.output).toContain('run strata deploy again');
      // The load balancer never started: it needs the certificate.
      expect(fake.timeline.some((e) => e.startsWith('create-stack:portfolio-load-balancer'))).toBe(
        false,
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await endpoint.close();
    }
  });

  it('completes unattended once the record exists, and prints the https URL', async () => {
    const fake = new FakeCloudFormation({ mock: false });
    fake.scripts['portfolio-bootstrap'] = { outputs: DIAMOND_OUTPUTS['portfolio-bootstrap'] };
    fake.scripts['portfolio-certificate'] = {
      changes: [
        { action: 'Add', logicalId: 'Certificate', type: 'AWS::CertificateManager::Certificate' },
      ],
      waiting: {
        logicalId: 'Certificate',
        type: 'AWS::CertificateManager::Certificate',
        reason: RECORD,
        polls: 3,
      },
      outputs: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    };
    fake.scripts['portfolio-load-balancer'] = {
      outputs: { SiteUrl: 'https://portfolio.example.com' },
    };
    const endpoint = await serveFake(fake);
    const cwd = workspace(httpsTemplates('Z0123456789ABC'));
    try {
      const deploy = await strata(cwd, [
        'deploy',
        '--yes',
        '--endpoint-url',
        endpoint.url,
        '--region',
        'us-east-1',
      ]);
      expect(deploy.code).toBe(0);
      expect(deploy.output).toContain('siteUrl: https://portfolio.example.com');
      const lb = fake.timeline.find((e) => e.startsWith('create-stack:portfolio-load-balancer:'))!;
      expect(lb).toContain('"CertificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/abc"');
      const outputs = await strata(cwd, [
        'outputs',
        '--endpoint-url',
        endpoint.url,
        '--region',
        'us-east-1',
      ]);
      expect(outputs.output).toContain('siteUrl: https://portfolio.example.com');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await endpoint.close();
    }
  });
});
