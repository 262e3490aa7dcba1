/* eslint-disable @typescript-eslint/no-explicit-any -- template properties are untyped JSON; these tests read into them */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateCost } from '../../src/cost/estimate';
import { monitoringLayer } from '../../src/layers/monitoring';
import { OWNED } from '../../src/layers';
import type { CfnTemplate } from '../../src/cfn/yaml';
import { generateText, ROOT, SEED_TEXT, userDataOf } from './helpers';

const DIR = join(ROOT, 'generator/test/fixtures/production');
const SPEC = 'generator/test/fixtures/production/topology.yaml';
const TEXT = readFileSync(join(DIR, 'topology.yaml'), 'utf8');
const prod = generateText(TEXT, SPEC);
const t = (file: string) => prod.templates.get(file)!;
const ofType = (tpl: CfnTemplate, type: string) =>
  Object.entries(tpl.Resources).filter(([, r]) => r.Type === type);
const props = (tpl: CfnTemplate, id: string) => tpl.Resources[id].Properties as Record<string, any>;

describe('the production fixture is golden', () => {
  it('has exactly the files generate writes, one stack per layer', () => {
    const committed = readdirSync(join(DIR, 'out')).filter((n) => OWNED.test(n));
    expect(committed.sort()).toEqual([...prod.files.keys()].sort());
    expect(prod.manifest.stacks.map((s) => s.layer)).toEqual([
      'network',
      'logs',
      'alerts',
      'identity',
      'security',
      'gateways',
      'database',
      'certificate',
      'load-balancer',
      'compute',
      'firewall',
      'monitoring',
    ]);
  });
  for (const [name, text] of prod.files)
    it(`${name} is current (regenerate: strata generate <fixture> -o <fixture dir>/out)`, () => {
      expect(text).toBe(readFileSync(join(DIR, 'out', name), 'utf8'));
    });

  it('leaves the base seed without any of the production stacks', () => {
    const base = generateText(SEED_TEXT);
    expect(base.manifest.stacks.map((s) => s.layer)).toEqual([
      'network',
      'identity',
      'security',
      'gateways',
      'database',
      'load-balancer',
      'compute',
    ]);
  });
});

describe('HTTPS', () => {
  it('redirects port 80 with a 301 and serves 443 with the certificate stack’s certificate and a TLS 1.3 policy', () => {
    const lb = t('load-balancer.yaml');
    expect(props(lb, 'HttpListener80').DefaultActions).toEqual([
      {
        Type: 'redirect',
        RedirectConfig: {
          Protocol: 'HTTPS',
          Port: '443',
          Host: '#{host}',
          Path: '/#{path}',
          Query: '#{query}',
          StatusCode: 'HTTP_301',
        },
      },
    ]);
    expect(props(lb, 'HttpsListener443')).toMatchObject({
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }],
    });
    // The frontend tier attaches itself to the HTTPS listener (compute stack); port 80 only redirects.
    expect(props(t('compute.yaml'), 'HttpsListener443Rule')).toMatchObject({
      ListenerArn: { Ref: 'HttpsListener443Arn' },
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'FrontendTargetGroup' } }],
    });
    expect(t('compute.yaml').Resources.HttpListener80Rule).toBeUndefined();
    expect(props(lb, 'SiteAliasRecord')).toMatchObject({
      Name: 'portfolio.example.com',
      Type: 'A',
    });
    expect(lb.Outputs!.SiteUrl.Value).toBe('https://portfolio.example.com');
    expect(
      prod.manifest.stacks.find((s) => s.layer === 'load-balancer')!.parameters.CertificateArn,
    ).toEqual({
      from: 'output',
      layer: 'certificate',
      output: 'CertificateArn',
    });
  });

  it('uses a given certificate ARN instead of creating one, and then has no certificate stack', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d';
    const g = generateText(
      TEXT.replace('    hostedZoneId: Z0123456789ABCDEFGHIJ\n', `    certificateArn: ${arn}\n`),
      SPEC,
    );
    expect(g.manifest.stacks.map((s) => s.layer)).not.toContain('certificate');
    expect(props(g.templates.get('load-balancer.yaml')!, 'HttpsListener443').Certificates).toEqual([
      { CertificateArn: arn },
    ]);
    expect(g.templates.get('load-balancer.yaml')!.Resources.SiteAliasRecord).toBeUndefined();
  });
});

describe('alarms and dashboard', () => {
  const mon = t('monitoring.yaml');
  const alarms = ofType(mon, 'AWS::CloudWatch::Alarm').map(([id, r]) => ({
    id,
    ...(r.Properties as any),
  }));

  it('covers exactly the seed’s metrics', () => {
    const metrics = new Set(
      alarms.flatMap((a) =>
        a.MetricName
          ? [`${a.Namespace} ${a.MetricName}`]
          : a.Metrics.filter((m: any) => m.MetricStat).map(
              (m: any) => `${m.MetricStat.Metric.Namespace} ${m.MetricStat.Metric.MetricName}`,
            ),
      ),
    );
    expect([...metrics].sort()).toEqual(
      [
        'AWS/EC2 CPUUtilization',
        'AWS/EC2 NetworkIn',
        'AWS/EC2 NetworkOut',
        'AWS/EC2 EBSReadBytes',
        'AWS/EC2 EBSWriteBytes',
        'AWS/EC2 StatusCheckFailed',
        'AWS/RDS CPUUtilization',
        'AWS/RDS DatabaseConnections',
        'AWS/RDS FreeStorageSpace',
        'AWS/RDS ReadIOPS',
        'AWS/RDS WriteIOPS',
        'AWS/ApplicationELB RequestCount',
        'AWS/ApplicationELB TargetResponseTime',
        'AWS/ApplicationELB HTTPCode_Target_4XX_Count',
        'AWS/ApplicationELB HTTPCode_Target_5XX_Count',
        'AWS/ApplicationELB HTTPCode_ELB_5XX_Count',
        'AWS/ApplicationELB HealthyHostCount',
        'AWS/ApplicationELB UnHealthyHostCount',
      ].sort(),
    );
    // The topic is the alerts stack's, passed in: the alarms wait for compute, the topic for nothing.
    expect(alarms.every((a) => a.AlarmActions[0].Ref === 'AlarmTopicArn')).toBe(true);
    expect(
      prod.manifest.stacks.find((s) => s.layer === 'monitoring')!.parameters.AlarmTopicArn,
    ).toEqual({ from: 'output', layer: 'alerts', output: 'AlarmTopicArn' });
    expect(prod.manifest.stacks.find((s) => s.layer === 'alerts')!.dependsOn).toEqual([]);
  });

  it('watches each fixed instance by id, with the topology’s overrides and model-derived defaults', () => {
    const cpu = alarms.filter(
      (a) => a.MetricName === 'CPUUtilization' && a.Namespace === 'AWS/EC2',
    );
    expect(cpu.map((a) => a.Dimensions[0].Value)).toEqual([
      { 'Fn::Select': [0, { Ref: 'FrontendInstanceIds' }] },
      { 'Fn::Select': [1, { Ref: 'FrontendInstanceIds' }] },
      { 'Fn::Select': [0, { Ref: 'BackendInstanceIds' }] },
      { 'Fn::Select': [1, { Ref: 'BackendInstanceIds' }] },
    ]);
    expect(cpu[0].Threshold).toBe(70);
    const p95 = alarms.find((a) => a.MetricName === 'TargetResponseTime')!;
    expect(p95).toMatchObject({ ExtendedStatistic: 'p95', Threshold: 0.5, EvaluationPeriods: 2 });
    // db.t3.micro: 1 GiB / 12582880 = 85 connections, alarm at 80%; 20 GiB storage, alarm under 2 GiB.
    expect(alarms.find((a) => a.MetricName === 'DatabaseConnections')!.Threshold).toBe(68);
    expect(alarms.find((a) => a.MetricName === 'FreeStorageSpace')!.Threshold).toBe(2147483648);
    expect(alarms.find((a) => a.id === 'LoadBalancerAlb5xxAlarm')!.Metrics[0].Expression).toBe(
      'FILL(m0, 0) + FILL(m1, 0)',
    );
    expect(
      ofType(t('alerts.yaml'), 'AWS::SNS::Subscription').map(
        ([, r]) => (r.Properties as any).Endpoint,
      ),
    ).toEqual(['ops@example.com']);
    expect(ofType(mon, 'AWS::SNS::Topic')).toEqual([]);
  });

  it('follows an auto-scaled tier by its group, not by instance ids', () => {
    const model = structuredClone(prod.model);
    Object.assign(model.tiers[0], { autoScaling: { min: 2, max: 6 } });
    const data = monitoringLayer.toTemplateData(model);
    const frontend = data.alarms.filter(
      (a) => a.logicalId.startsWith('Frontend') && a.namespace === 'AWS/EC2',
    );
    expect(frontend.map((a) => a.logicalId)).toContain('FrontendGroupEc2CpuAlarm');
    expect(frontend.every((a) => a.dimensions[0].name === 'AutoScalingGroupName')).toBe(true);
    expect(data.parameters.map((p) => p.name)).toContain('FrontendAutoScalingGroupName');
    expect(data.parameters.map((p) => p.name)).not.toContain('FrontendInstanceIds');
    expect(data.alarms.some((a) => a.logicalId === 'BackendInstance2Ec2CpuAlarm')).toBe(true);
  });

  it('turns an alarm off with enabled: false, keeping its metric on the dashboard', () => {
    const g = generateText(
      TEXT.replace('    ec2Cpu: { threshold: 70 }', '    ec2Cpu: { enabled: false }'),
      SPEC,
    );
    const ids = Object.keys(g.templates.get('monitoring.yaml')!.Resources);
    expect(ids.some((id) => id.endsWith('Ec2CpuAlarm'))).toBe(false);
    expect(JSON.stringify(g.templates.get('monitoring.yaml')!.Resources.Dashboard)).toContain(
      'CPUUtilization',
    );
  });

  it('lays the dashboard out by tier, then database, then load balancer, as valid JSON', () => {
    const [body, vars] = props(mon, 'Dashboard').DashboardBody['Fn::Sub'];
    const filled = body.replace(/\$\{([A-Za-z0-9:]+)\}/g, (_: string, name: string) =>
      name in vars || name === 'AWS::Region' ? 'x' : `MISSING:${name}`,
    );
    expect(filled).not.toContain('MISSING');
    const widgets = JSON.parse(filled).widgets as Array<{
      type: string;
      y: number;
      properties: any;
    }>;
    expect(widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown)).toEqual([
      '## frontend tier',
      '## backend tier',
      '## database',
      '## load balancer',
    ]);
    const ys = widgets.filter((w) => w.type === 'text').map((w) => w.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});

describe('logs', () => {
  it('gives each tier a log group with the retention, and its role writes only there', () => {
    expect(
      ofType(t('logs.yaml'), 'AWS::Logs::LogGroup').map(([id, r]) => [
        id,
        (r.Properties as any).RetentionInDays,
      ]),
    ).toEqual([
      ['FrontendLogGroup', 90],
      ['BackendLogGroup', 90],
    ]);
    const statements = props(t('identity.yaml'), 'FrontendInstanceRole').Policies[0].PolicyDocument
      .Statement;
    const text = JSON.stringify(statements);
    expect(text).not.toContain('log-group:*');
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [{ Ref: 'FrontendLogGroupArn' }],
    });
    expect(text).not.toContain('logs:CreateLogGroup');
  });

  it('installs and configures the CloudWatch agent in the boot script', () => {
    const script = userDataOf(prod, 'BackendLaunchTemplate');
    expect(script).toContain('dnf install -y amazon-cloudwatch-agent');
    expect(script).toContain(
      '--unit=backend.service --cursor-file=/var/lib/strata/journal-backend.cursor >> /var/log/strata/backend.log',
    );
    const config = JSON.parse(script.split('\n').find((l) => l.startsWith('{"agent"'))!);
    expect(
      config.logs.logs_collected.files.collect_list.map((f: any) => [
        f.file_path,
        f.log_group_name,
      ]),
    ).toEqual([
      ['/var/log/strata/backend.log', '${BackendLogGroupName}'],
      ['/var/log/user-data.log', '${BackendLogGroupName}'],
    ]);
    expect(script.indexOf('amazon-cloudwatch-agent-ctl')).toBeLessThan(
      script.indexOf('dnf install -y nodejs22'),
    );
  });

  it('creates the RDS log groups before the database, which is named after its stack', () => {
    const db = t('database.yaml');
    expect(db.Resources.Database.DependsOn).toEqual([
      'DatabaseErrorLogGroup',
      'DatabaseGeneralLogGroup',
      'DatabaseSlowQueryLogGroup',
    ]);
    expect(props(db, 'Database').DBInstanceIdentifier).toEqual({ Ref: 'AWS::StackName' });
    expect(props(db, 'DatabaseSlowQueryLogGroup')).toMatchObject({
      LogGroupName: { 'Fn::Sub': '/aws/rds/instance/${AWS::StackName}/slowquery' },
      RetentionInDays: 90,
    });
  });
});

describe('WAF and database TLS', () => {
  it('attaches a web ACL with the managed rule groups, a rate limit and logging to aws-waf-logs-', () => {
    const fw = t('firewall.yaml');
    const rules = props(fw, 'WebAcl').Rules as any[];
    expect(rules.map((r) => r.Name)).toEqual([
      'RateLimitPerIp',
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
    ]);
    expect(rules[0].Statement.RateBasedStatement).toMatchObject({
      Limit: 1000,
      AggregateKeyType: 'IP',
    });
    expect(props(fw, 'WafLogGroup').LogGroupName).toEqual({
      'Fn::Sub': 'aws-waf-logs-${AWS::StackName}',
    });
    expect(props(fw, 'WebAclAssociation').ResourceArn).toEqual({ Ref: 'LoadBalancerArn' });
  });

  it('refuses plain connections to the database and tells the backend to verify TLS', () => {
    expect(props(t('database.yaml'), 'DatabaseParameterGroup')).toMatchObject({
      Family: 'mysql8.0',
      Parameters: { require_secure_transport: '1' },
    });
    expect(userDataOf(prod, 'BackendLaunchTemplate')).toContain('Environment="DB_TLS=rds"');
    expect(userDataOf(prod, 'FrontendLaunchTemplate')).not.toContain('DB_TLS');
  });
});

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;

describe('cfn-lint', () => {
  (hasCfnLint ? it : it.skip)(
    'finds nothing in the production templates but the zone names the topology pins (W3010)',
    () => {
      const files = readdirSync(join(DIR, 'out'))
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => join(DIR, 'out', n));
      const r = spawnSync(
        'cfn-lint',
        ['--format', 'json', '--regions', 'us-east-1', '--', ...files],
        {
          encoding: 'utf8',
        },
      );
      const findings = JSON.parse(r.stdout || '[]') as Array<{ Rule: { Id: string } }>;
      expect([...new Set(findings.map((f) => f.Rule.Id))]).toEqual(['W3010']);
    },
    60000,
  );
});

describe('strata cost', () => {
  it('prices every resource the production settings add, WAF and alarms included', () => {
    const estimate = estimateCost(prod);
    const layers = new Set(estimate.lines.map((l) => l.layer));
    expect([...layers]).toEqual(expect.arrayContaining(['firewall', 'monitoring', 'database']));
    const waf = estimate.lines
      .filter((l) => l.layer === 'firewall')
      .reduce((n, l) => n + l.monthlyUsd, 0);
    expect(waf).toBeGreaterThanOrEqual(10);
  });
});
