import type { StackEvent } from '@aws-sdk/client-cloudformation';
import type { Clock } from '../aws/clock';
import { StrataError } from '../errors';
import type { Palette } from '../output/terminal';

/** The DNS record ACM waits for before it issues a DNS-validated certificate. */
export interface ValidationRecord {
  name: string;
  type: string;
  value: string;
}

/** How long deploy waits for a certificate's validation record by default: ACM usually validates within minutes of the record appearing. */
export const CERTIFICATE_WAIT_MS = 30 * 60 * 1000;

// CloudFormation reports the record in the certificate's CREATE_IN_PROGRESS event, as
// "Content of DNS Record is: {Name: _x.example.com.,Type: CNAME,Value: _y.acm-validations.aws.}".
const RECORD =
  /Content of DNS Record is:\s*\{\s*Name:\s*([^,\s]+)\s*,\s*Type:\s*([A-Z]+)\s*,\s*Value:\s*([^}\s]+)\s*\}/;

/** The validation record named in a certificate event's reason, if it names one. */
export function validationRecord(reason: string | undefined): ValidationRecord | undefined {
  const m = RECORD.exec(reason ?? '');
  return m ? { name: m[1], type: m[2], value: m[3] } : undefined;
}

/** Where the notice prints and how long it lets deploy wait. */
export interface NoticeOptions {
  log(line: string): void;
  p: Palette;
  clock: Clock;
  waitMs: number;
  signal?: AbortSignal;
}

/**
 * Watches a stack's events for a certificate waiting on DNS validation: prints the record to
 * create once, then bounds the wait. Its `signal` aborts watching when the bound passes; `explain`
 * turns that abort into an error that says what to do, while CloudFormation keeps waiting.
 */
export class CertificateNotice {
  private readonly controller = new AbortController();
  private readonly stop = new AbortController();
  private record?: ValidationRecord;
  private timedOut = false;
  readonly signal: AbortSignal;

  constructor(
    private readonly stackName: string,
    private readonly options: NoticeOptions,
  ) {
    this.signal = this.controller.signal;
    // Ctrl-C still stops watching; the listener goes in dispose, so stacks do not pile them up.
    if (options.signal?.aborted) this.controller.abort();
    options.signal?.addEventListener('abort', this.forwardAbort, { once: true });
  }

  private readonly forwardAbort = () => this.controller.abort();

  /** Feed every stack event here. */
  onEvent(e: StackEvent): void {
    if (this.record || e.ResourceType !== 'AWS::CertificateManager::Certificate') return;
    const record = validationRecord(e.ResourceStatusReason);
    if (!record) return;
    this.record = record;
    const { log, p, waitMs } = this.options;
    const minutes = Math.round(waitMs / 60000);
    log(
      p.yellow(
        `${this.stackName}: the certificate waits for DNS validation. Create this record at your DNS provider:`,
      ),
    );
    log(`  ${p.bold(record.name)}  ${record.type}  ${p.bold(record.value)}`);
    log(
      p.dim(
        `  strata waits up to ${minutes} min for ACM to see it (--certificate-wait); with loadBalancer.https.hostedZoneId strata creates it for you.`,
      ),
    );
    void this.timeOutAfter(this.options.clock.now(), waitMs);
  }

  // Measured with the injected clock, in steps, so a test clock that moves on each sleep decides it.
  private async timeOutAfter(start: number, waitMs: number): Promise<void> {
    const { clock } = this.options;
    while (!this.stop.signal.aborted) {
      const left = waitMs - (clock.now() - start);
      if (left <= 0) {
        this.timedOut = true;
        this.controller.abort();
        return;
      }
      await clock.sleep(Math.min(left, 5000), this.stop.signal);
    }
  }

  /** The error to throw for a failure while watching: a clear one when the wait ran out. */
  explain(error: unknown): unknown {
    if (!this.timedOut || !this.record) return error;
    const r = this.record;
    return new StrataError(
      'E_DEPLOY',
      `${this.stackName}: the certificate is still waiting for its DNS validation record ${r.name} ${r.type} ${r.value}`,
      'create the record, then run strata deploy again; CloudFormation keeps the stack waiting for up to 72 hours, and the deploy picks up where it is',
    );
  }

  /** Stops the timer; call when watching ends. */
  dispose(): void {
    this.stop.abort();
    this.options.signal?.removeEventListener('abort', this.forwardAbort);
  }
}
