import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  UpdateTerminationProtectionCommand,
  type CloudFormationClient,
  type CreateChangeSetCommandInput,
  type CreateChangeSetCommandOutput,
  type DescribeChangeSetCommandInput,
  type DescribeChangeSetCommandOutput,
  type DescribeStackDriftDetectionStatusCommandOutput,
  type DescribeStackEventsCommandInput,
  type DescribeStackEventsCommandOutput,
  type DescribeStackResourceCommandOutput,
  type DescribeStacksCommandOutput,
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
  executeChangeSet(changeSetId: string): Promise<void>;
  deleteChangeSet(changeSetId: string): Promise<void>;
  deleteStack(stackName: string): Promise<void>;
  /** One resource of a stack (its physical id), e.g. the database instance `strata snapshots` looks up. */
  describeStackResource(
    stackName: string,
    logicalId: string,
  ): Promise<Pick<DescribeStackResourceCommandOutput, 'StackResourceDetail'>>;
  updateTerminationProtection(stackName: string, enable: boolean): Promise<void>;
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
    executeChangeSet: async (ChangeSetName) => {
      await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName }));
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
