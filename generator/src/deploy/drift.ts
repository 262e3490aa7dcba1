import {
  DescribeStackDriftDetectionStatusCommand,
  DetectStackDriftCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import type { Polling } from '../aws/clock';
import { awsError } from '../aws/stacks';

/** The drift verdict of a stack: IN_SYNC, DRIFTED, UNKNOWN or NOT_CHECKED, and how many resources drifted. */
export interface DriftResult {
  status: string;
  drifted: number;
}

/** Starts drift detection on a stack and polls until CloudFormation has a verdict. */
export async function detectDrift(
  cfn: CloudFormationClient,
  polling: Polling,
  stackName: string,
): Promise<DriftResult> {
  try {
    const { StackDriftDetectionId: id } = await cfn.send(
      new DetectStackDriftCommand({ StackName: stackName }),
    );
    for (;;) {
      const out = await cfn.send(
        new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id }),
      );
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
