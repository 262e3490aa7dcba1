import { CertificateNotice, validationRecord } from '../../src/deploy/certificate-notice';

const plain = { yellow: (s: string) => s, bold: (s: string) => s, dim: (s: string) => s };
const event = (reason: string, type = 'AWS::CertificateManager::Certificate') => ({
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/site-certificate/1',
  StackName: 'site-certificate',
  EventId: 'e1',
  Timestamp: new Date(0),
  LogicalResourceId: 'Certificate',
  ResourceType: type,
  ResourceStatus: 'CREATE_IN_PROGRESS' as const,
  ResourceStatusReason: reason,
});
const REASON =
  'Content of DNS Record is: {Name: _a1.www.example.com.,Type: CNAME,Value: _b2.zfyfvmchrl.acm-validations.aws.}';

describe('the certificate notice', () => {
  it('reads the record from CloudFormation’s reason, and nothing from other reasons', () => {
    expect(validationRecord(REASON)).toEqual({
      name: '_a1.www.example.com.',
      type: 'CNAME',
      value: '_b2.zfyfvmchrl.acm-validations.aws.',
    });
    expect(validationRecord('Resource creation Initiated')).toBeUndefined();
    expect(validationRecord(undefined)).toBeUndefined();
  });

  it('prints the record once, only for certificates, and times out on the injected clock', async () => {
    let now = 0;
    const clock = {
      now: () => now,
      sleep: (ms: number) => {
        now += ms;
        return new Promise<void>((r) => setImmediate(r));
      },
    };
    const lines: string[] = [];
    const notice = new CertificateNotice('site-certificate', {
      log: (l) => lines.push(l),
      p: plain as never,
      clock,
      waitMs: 60000,
    });
    notice.onEvent(event(REASON, 'AWS::SSM::Parameter'));
    expect(lines).toEqual([]);
    notice.onEvent(event(REASON));
    notice.onEvent(event(REASON));
    expect(lines.filter((l) => l.includes('_a1.www.example.com.'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('up to 1 min');
    while (!notice.signal.aborted) await new Promise((r) => setImmediate(r));
    expect(now).toBeGreaterThanOrEqual(60000);
    const error = notice.explain(new Error('stopped watching')) as {
      code: string;
      message: string;
    };
    expect(error.code).toBe('E_DEPLOY');
    expect(error.message).toContain(
      '_a1.www.example.com. CNAME _b2.zfyfvmchrl.acm-validations.aws.',
    );
    notice.dispose();
  });

  it('passes other failures through, and stops its timer on dispose', async () => {
    const notice = new CertificateNotice('s', {
      log: () => undefined,
      p: plain as never,
      clock: { now: () => 0, sleep: () => new Promise<void>((r) => setImmediate(r)) },
      waitMs: 1000,
    });
    notice.onEvent(event(REASON));
    notice.dispose();
    await new Promise((r) => setImmediate(r));
    expect(notice.signal.aborted).toBe(false);
    const other = new Error('throttled');
    expect(notice.explain(other)).toBe(other);
  });

  it('forwards Ctrl-C from the deploy’s signal', () => {
    const interrupt = new AbortController();
    const notice = new CertificateNotice('s', {
      log: () => undefined,
      p: plain as never,
      clock: { now: () => 0, sleep: () => Promise.resolve() },
      waitMs: 1000,
      signal: interrupt.signal,
    });
    interrupt.abort();
    expect(notice.signal.aborted).toBe(true);
    notice.dispose();
  });
});
