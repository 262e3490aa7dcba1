import type { FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import type { ClientFactory } from './options';

/** The CloudWatch Logs call `strata logs` makes, so tests hand it a scripted fake. */
export interface LogsApi {
  filterLogEvents(input: {
    logGroupName: string;
    startTime: number;
    nextToken?: string;
  }): Promise<Pick<FilterLogEventsCommandOutput, 'events' | 'nextToken'>>;
}

/** The LogsApi over the SDK's CloudWatch Logs client, loaded only by `strata logs`. */
export function sdkLogsApi(client: ClientFactory): LogsApi {
  /* eslint-disable @typescript-eslint/no-require-imports -- the SDK client is loaded on use */
  const { CloudWatchLogsClient, FilterLogEventsCommand } =
    require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const logs = client(CloudWatchLogsClient);
  return {
    filterLogEvents: (input) =>
      logs.send(
        new FilterLogEventsCommand({
          logGroupName: input.logGroupName,
          startTime: input.startTime,
          nextToken: input.nextToken,
          interleaved: true,
        }),
      ),
  };
}
