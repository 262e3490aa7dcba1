import type { MiddlewareStack } from '@smithy/types';

/** One AWS call as `--verbose` reports it. */
export interface CallRecord {
  service: string;
  operation: string;
  requestId?: string;
  durationMs: number;
  retries: number;
  error?: string;
}

/** The `--verbose` line of one call. */
export function formatCall(c: CallRecord): string {
  const id = c.requestId ? ` request-id=${c.requestId}` : '';
  const outcome = c.error ? ` failed: ${c.error}` : '';
  return `aws ${c.service}.${c.operation} ${c.durationMs}ms retries=${c.retries}${id}${outcome}`;
}

/** The name of a failed call (`RDS DescribeDBInstances`), set on every error an SDK client throws. */
const CALL = Symbol.for('strata.awsCall');

/** The call an SDK error came from, when a client built by strata threw it. */
export function failedCall(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { [CALL]?: string })[CALL]
    : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stack, as in logCalls
type AnyStack = MiddlewareStack<any, any>;

function callName(context: { clientName?: unknown; commandName?: unknown }) {
  return {
    service: String(context.clientName ?? 'aws').replace(/Client$/, ''),
    operation: String(context.commandName ?? '?').replace(/Command$/, ''),
  };
}

/**
 * Marks each error of a client with the call it came from, so an error no command wrapped still
 * reaches the user as that call's failure with its request id, not as a bug in strata.
 */
export function nameFailedCalls(stack: AnyStack): void {
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === 'object' && error !== null && !failedCall(error)) {
          const { service, operation } = callName(context);
          Object.defineProperty(error, CALL, { value: `${service} ${operation}` });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'strataFailedCallNames' },
  );
}

interface Metadata {
  $metadata?: { requestId?: string; attempts?: number };
}

/**
 * Adds a middleware that reports every call of a client (service, operation, request id, duration,
 * retries). At the `initialize` step it wraps the SDK's retries, so one record is one logical call.
 */
export function logCalls(
  stack: AnyStack,
  log: (record: CallRecord) => void,
  now: () => number = Date.now,
): void {
  stack.add(
    (next, context) => async (args) => {
      const start = now();
      const base = callName(context);
      try {
        const result = await next(args);
        const meta = (result.output as Metadata).$metadata;
        const retries = Math.max(0, (meta?.attempts ?? 1) - 1);
        log({ ...base, requestId: meta?.requestId, durationMs: now() - start, retries });
        return result;
      } catch (error) {
        const meta = (error as Metadata).$metadata;
        const retries = Math.max(0, (meta?.attempts ?? 1) - 1);
        const e = error as { name?: string; message?: string };
        const what = `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
        log({
          ...base,
          requestId: meta?.requestId,
          durationMs: now() - start,
          retries,
          error: what,
        });
        throw error;
      }
    },
    { step: 'initialize', name: 'strataVerboseCalls' },
  );
}
