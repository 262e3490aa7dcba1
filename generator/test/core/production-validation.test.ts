import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticsOf, generateText, ROOT } from './helpers';

const SPEC = 'generator/test/fixtures/production/topology.yaml';
const TEXT = readFileSync(join(ROOT, SPEC), 'utf8');

/** The fixture with one substring replaced; fails loudly if it is not there. */
function prodWith(from: string, to: string): string {
  if (!TEXT.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return TEXT.replace(from, to);
}

/** 1-based line of the first occurrence of `needle`. */
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

function errors(text: string) {
  return diagnosticsOf(text, SPEC).filter((d) => d.severity === 'error');
}

describe('production settings are validated with located errors', () => {
  it('a listener already on 443 collides with the one https adds', () => {
    const text = prodWith(
      '  listeners:\n    - port: 80\n',
      '  listeners:\n    - port: 443\n      target: { tier: frontend }\n    - port: 80\n',
    );
    const [d] = errors(text);
    expect(d).toMatchObject({ code: 'https/port-taken', path: 'loadBalancer.listeners[0].port' });
    expect(d.position!.line).toBe(lineOf(text, '    - port: 443'));
  });

  it('https needs the load balancer’s security group to admit 443', () => {
    const text = prodWith(
      '      - { port: 443, from: { cidr: 0.0.0.0/0 }, description: HTTPS from anywhere }\n',
      '',
    );
    const [d] = errors(text);
    expect(d).toMatchObject({ code: 'https/port-closed', path: 'loadBalancer.https' });
    expect(d.fix).toContain('port: 443');
  });

  it('a log retention CloudWatch does not accept is refused with the nearest that it does', () => {
    const text = prodWith('  logRetentionDays: 90', '  logRetentionDays: 100');
    const [d] = errors(text);
    expect(d).toMatchObject({
      code: 'monitoring/log-retention',
      path: 'monitoring.logRetentionDays',
    });
    expect(d.position!.line).toBe(lineOf(text, 'logRetentionDays: 100'));
    expect(d.fix).toMatch(/^use 90 /);
  });

  it('a misspelt alarm name is an unknown property with a suggestion', () => {
    const [d] = errors(prodWith('    ec2Cpu: { threshold: 70 }', '    ec2Cpus: { threshold: 70 }'));
    expect(d).toMatchObject({
      code: 'schema/additionalProperties',
      path: 'monitoring.alarms.ec2Cpus',
    });
    expect(d.fix).toContain('ec2Cpu');
  });

  it('an alarm window over a day, a bad address, a weak TLS policy and a tiny rate limit are refused together', () => {
    const text = prodWith(
      '    ec2Cpu: { threshold: 70 }',
      '    ec2Cpu: { periodSeconds: 3600, evaluationPeriods: 48 }',
    )
      .replace('notify: [ops@example.com]', 'notify: [ops-at-example.com]')
      .replace(
        '    hostedZoneId: Z0123456789ABCDEFGHIJ\n',
        '    hostedZoneId: Z0123456789ABCDEFGHIJ\n    sslPolicy: ELBSecurityPolicy-2016-08\n',
      )
      .replace('rateLimitPer5Min: 1000', 'rateLimitPer5Min: 5');
    expect(errors(text).map((d) => [d.code, d.path])).toEqual([
      ['schema/pattern', 'loadBalancer.https.sslPolicy'],
      ['schema/minimum', 'loadBalancer.waf.rateLimitPer5Min'],
      ['schema/pattern', 'monitoring.notify[0]'],
      ['monitoring/alarm-window', 'monitoring.alarms.ec2Cpu'],
    ]);
  });

  it('a tier that turns TLS off against a TLS-only database is refused where it says so', () => {
    const text = prodWith(
      '      DB_SECRET_ARN: { ref: database.secretArn }\n',
      '      DB_SECRET_ARN: { ref: database.secretArn }\n      DB_TLS: "off"\n',
    );
    const [d] = errors(text);
    expect(d).toMatchObject({ code: 'database/tls-off', path: 'tiers.backend.environment.DB_TLS' });
    expect(d.position!.line).toBe(lineOf(text, 'DB_TLS: "off"'));
  });

  it('warns when alarms notify nobody', () => {
    const { warnings } = generateText(prodWith('  notify: [ops@example.com]\n', ''), SPEC);
    expect(warnings.map((w) => w.code)).toEqual(['monitoring/no-notify']);
  });
});
