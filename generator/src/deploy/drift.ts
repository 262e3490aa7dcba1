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

/** One property of a drifted resource: what the template says and what AWS has. */
export interface PropertyDrift {
  path: string;
  expected?: string;
  actual?: string;
  /** ADD, REMOVE or NOT_EQUAL, as CloudFormation reports it. */
  difference: string;
}

/** A resource that no longer matches its template (MODIFIED) or is gone (DELETED). */
export interface ResourceDrift {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
  properties: PropertyDrift[];
}

/** The drifted resources of a stack's last drift detection, with each property's expected and actual value. */
export async function driftDetails(cfn: StackApi, stackName: string): Promise<ResourceDrift[]> {
  const drifts: ResourceDrift[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await cfn.describeStackResourceDrifts(stackName, token);
      for (const d of page.StackResourceDrifts ?? [])
        drifts.push({
          logicalId: d.LogicalResourceId ?? '?',
          type: d.ResourceType ?? '',
          physicalId: d.PhysicalResourceId,
          status: d.StackResourceDriftStatus ?? 'UNKNOWN',
          properties: (d.PropertyDifferences ?? []).map((p) => ({
            path: p.PropertyPath ?? '',
            expected: p.ExpectedValue,
            actual: p.ActualValue,
            difference: p.DifferenceType ?? 'NOT_EQUAL',
          })),
        });
      token = page.NextToken;
    } while (token);
  } catch (error) {
    throw awsError(`DescribeStackResourceDrifts ${stackName}`, error);
  }
  return drifts.sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}
