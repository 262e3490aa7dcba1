import type { Polling } from '../aws/clock';
import type { StackApi } from '../aws/stack-api';
import { awsError } from '../aws/stacks';

/** The drift verdict of a stack: IN_SYNC, DRIFTED, UNKNOWN or NOT_CHECKED, and how many resources drifted. */
export interface DriftResult {
  status: string;
  drifted: number;
}

/** Starts drift detection on a stack and polls until CloudFormation has a verdict. */
export async function detectDrift(
  cfn: StackApi,
  polling: Polling,
  stackName: string,
): Promise<DriftResult> {
  try {
    const id = await cfn.detectStackDrift(stackName);
    for (;;) {
      const out = await cfn.describeStackDriftDetectionStatus(id);
      if (out.DetectionStatus !== 'DETECTION_IN_PROGRESS') {
        return {
          status: out.StackDriftStatus ?? 'UNKNOWN',
          drifted: out.DriftedStackResourceCount ?? 0,
        };
      }
      await polling.clock.sleep(polling.intervalMs);
    }
  } catch (error) {
    throw awsError(`drift detection on ${stackName}`, error);
  }
}
