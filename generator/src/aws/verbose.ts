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

interface Metadata {
  $metadata?: { requestId?: string; attempts?: number };
}

/**
 * Adds a middleware that reports every call of a client (service, operation, request id, duration,
 * retries). At the `initialize` step it wraps the SDK's retries, so one record is one logical call.
 */
export function logCalls(
  // The stack's generic input/output types differ per client; the middleware reads only $metadata.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  stack: MiddlewareStack<any, any>,
  log: (record: CallRecord) => void,
  now: () => number = Date.now,
): void {
  stack.add(
    (next, context) => async (args) => {
      const start = now();
      const base = {
        service: String(context.clientName ?? 'aws').replace(/Client$/, ''),
        operation: String(context.commandName ?? '?').replace(/Command$/, ''),
      };
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
