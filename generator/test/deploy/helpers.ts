import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import type { StackDeployContext } from '../../src/deploy/deploy-stack';
import { PlainProgress } from '../../src/deploy/progress';
import { paletteFor } from '../../src/output/terminal';
import { instantClock } from './fake-cloudformation';

/** A deploy context over mocked clients, polling without waiting; `log` collects every printed line. */
export function testContext(overrides: Partial<StackDeployContext> = {}, total = 1) {
  const log: string[] = [];
  const p = paletteFor({ isTTY: false }, {});
  const ctx: StackDeployContext = {
    cfn: new CloudFormationClient({ region: 'us-east-1' }),
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
  return { ctx, log, s3: new S3Client({ region: 'us-east-1' }) };
}
