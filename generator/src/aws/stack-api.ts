import {
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  RollbackStackCommand,
  SetStackPolicyCommand,
  UpdateTerminationProtectionCommand,
  type CloudFormationClient,
  type CreateChangeSetCommandInput,
  type CreateChangeSetCommandOutput,
  type CreateStackCommandInput,
  type CreateStackCommandOutput,
  type DescribeChangeSetCommandInput,
  type DescribeChangeSetCommandOutput,
  type DescribeStackDriftDetectionStatusCommandOutput,
  type DescribeStackEventsCommandInput,
  type DescribeStackEventsCommandOutput,
  type DescribeStackResourceCommandOutput,
  type DescribeStacksCommandOutput,
  type DescribeStackResourceDriftsCommandOutput,
  type GetTemplateCommandOutput,
  type ListStackResourcesCommandInput,
  type ListStackResourcesCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Every CloudFormation call strata makes, one method per API action with the API's own input and
 * output shapes. Deploy, diff, status and destroy talk to CloudFormation only through this, so a
 * test can hand them a scripted fake; `sdkStackApi` is the one implementation over the AWS SDK.
 */
export interface StackApi {
  describeStacks(stackName: string): Promise<DescribeStacksCommandOutput>;
  getTemplate(stackName: string): Promise<Pick<GetTemplateCommandOutput, 'TemplateBody'>>;
  listStackResources(
    input: ListStackResourcesCommandInput,
  ): Promise<Pick<ListStackResourcesCommandOutput, 'StackResourceSummaries' | 'NextToken'>>;
  describeStackEvents(
    input: DescribeStackEventsCommandInput,
  ): Promise<Pick<DescribeStackEventsCommandOutput, 'StackEvents' | 'NextToken'>>;
  createChangeSet(
    input: CreateChangeSetCommandInput,
  ): Promise<Pick<CreateChangeSetCommandOutput, 'Id' | 'StackId'>>;
  describeChangeSet(input: DescribeChangeSetCommandInput): Promise<DescribeChangeSetCommandOutput>;
  /** Creates a stack that does not exist yet, without a change set (`deploy --method auto`). */
  createStack(input: CreateStackCommandInput): Promise<Pick<CreateStackCommandOutput, 'StackId'>>;
  /** `disableRollback` keeps what was created when a resource fails (`deploy --no-rollback`). */
  executeChangeSet(changeSetId: string, disableRollback?: boolean): Promise<void>;
  deleteChangeSet(changeSetId: string): Promise<void>;
  deleteStack(stackName: string): Promise<void>;
  /** One resource of a stack (its physical id), e.g. the database instance `strata snapshots` looks up. */
  describeStackResource(
    stackName: string,
    logicalId: string,
  ): Promise<Pick<DescribeStackResourceCommandOutput, 'StackResourceDetail'>>;
  updateTerminationProtection(stackName: string, enable: boolean): Promise<void>;
  /** Replaces the stack policy (a JSON document) that guards resources during updates. */
  setStackPolicy(stackName: string, policyBody: string): Promise<void>;
  /** Resumes a rollback stuck in UPDATE_ROLLBACK_FAILED, skipping the named resources. */
  continueUpdateRollback(stackName: string, resourcesToSkip: string[]): Promise<void>;
  /** Rolls back a stack that failed with rollback disabled (`deploy --no-rollback`). */
  rollbackStack(stackName: string): Promise<void>;
  /** The drifted resources of the stack's last drift detection, with per-property differences. */
  describeStackResourceDrifts(
    stackName: string,
    nextToken?: string,
  ): Promise<Pick<DescribeStackResourceDriftsCommandOutput, 'StackResourceDrifts' | 'NextToken'>>;
  /** Starts drift detection; resolves to the detection's id. */
  detectStackDrift(stackName: string): Promise<string | undefined>;
  describeStackDriftDetectionStatus(
    detectionId: string | undefined,
  ): Promise<
    Pick<
      DescribeStackDriftDetectionStatusCommandOutput,
      'DetectionStatus' | 'StackDriftStatus' | 'DriftedStackResourceCount'
    >
  >;
}

/** The S3 calls strata makes: artifacts and large templates go to the bootstrap bucket. */
export interface ObjectStore {
  /** Resolves when the object exists; rejects with the SDK's NotFound error when it does not. */
  headObject(bucket: string, key: string): Promise<void>;
  putObject(bucket: string, key: string, body: Buffer | string, contentType: string): Promise<void>;
}

/** The StackApi over a CloudFormation client of the AWS SDK. */
export function sdkStackApi(cfn: CloudFormationClient): StackApi {
  return {
    describeStacks: (StackName) => cfn.send(new DescribeStacksCommand({ StackName })),
    getTemplate: (StackName) =>
      cfn.send(new GetTemplateCommand({ StackName, TemplateStage: 'Original' })),
    listStackResources: (input) => cfn.send(new ListStackResourcesCommand(input)),
    describeStackEvents: (input) => cfn.send(new DescribeStackEventsCommand(input)),
    createChangeSet: (input) => cfn.send(new CreateChangeSetCommand(input)),
    describeChangeSet: (input) => cfn.send(new DescribeChangeSetCommand(input)),
    createStack: (input) => cfn.send(new CreateStackCommand(input)),
    executeChangeSet: async (ChangeSetName, DisableRollback) => {
      await cfn.send(
        new ExecuteChangeSetCommand({
          ChangeSetName,
          ...(DisableRollback ? { DisableRollback } : {}),
        }),
      );
    },
    deleteChangeSet: async (ChangeSetName) => {
      await cfn.send(new DeleteChangeSetCommand({ ChangeSetName }));
    },
    deleteStack: async (StackName) => {
      await cfn.send(new DeleteStackCommand({ StackName }));
    },
    describeStackResource: (StackName, LogicalResourceId) =>
      cfn.send(new DescribeStackResourceCommand({ StackName, LogicalResourceId })),
    updateTerminationProtection: async (StackName, EnableTerminationProtection) => {
      await cfn.send(
        new UpdateTerminationProtectionCommand({ StackName, EnableTerminationProtection }),
      );
    },
    setStackPolicy: async (StackName, StackPolicyBody) => {
      await cfn.send(new SetStackPolicyCommand({ StackName, StackPolicyBody }));
    },
    continueUpdateRollback: async (StackName, ResourcesToSkip) => {
      await cfn.send(
        new ContinueUpdateRollbackCommand({
          StackName,
          ...(ResourcesToSkip.length ? { ResourcesToSkip } : {}),
        }),
      );
    },
    rollbackStack: async (StackName) => {
      await cfn.send(new RollbackStackCommand({ StackName }));
    },
    describeStackResourceDrifts: (StackName, NextToken) =>
      cfn.send(
        new DescribeStackResourceDriftsCommand({
          StackName,
          NextToken,
          StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
        }),
      ),
    detectStackDrift: async (StackName) =>
      (await cfn.send(new DetectStackDriftCommand({ StackName }))).StackDriftDetectionId,
    describeStackDriftDetectionStatus: (StackDriftDetectionId) =>
      cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId })),
  };
}

/** The ObjectStore over an S3 client of the AWS SDK. */
export function sdkObjectStore(s3: S3Client): ObjectStore {
  return {
    headObject: async (Bucket, Key) => {
      await s3.send(new HeadObjectCommand({ Bucket, Key }));
    },
    putObject: async (Bucket, Key, Body, ContentType) => {
      await s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType }));
    },
  };
}
