import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { sdkObjectStore, sdkStackApi } from '../../src/aws/stack-api';
import type { StackDeployContext } from '../../src/deploy/deploy-stack';
import { PlainProgress } from '../../src/deploy/progress';
import { paletteFor } from '../../src/output/terminal';
import { instantClock, type FakeCloudFormation } from './fake-cloudformation';

/**
 * A deploy context over the fake's StackApi and ObjectStore (or, without a fake, over SDK clients
 * that aws-sdk-client-mock intercepts), polling without waiting; `log` collects every printed line.
 */
export function testContext(
  overrides: Partial<StackDeployContext> = {},
  total = 1,
  fake?: Pick<FakeCloudFormation, 'api' | 'store'>,
) {
  const log: string[] = [];
  const p = paletteFor({ isTTY: false }, {});
  const ctx: StackDeployContext = {
    cfn: fake?.api ?? sdkStackApi(new CloudFormationClient({ region: 'us-east-1' })),
    polling: { clock: instantClock, intervalMs: 0 },
    progress: new PlainProgress(
      { write: (t: string) => log.push(...t.replace(/\n$/, '').split('\n')) },
      p,
      total,
    ),
    p,
    dryRun: false,
    ...overrides,
  };
  return { ctx, log, s3: fake?.store ?? sdkObjectStore(new S3Client({ region: 'us-east-1' })) };
}
