/**
 * A small in-memory CloudFormation behind aws-sdk-client-mock, so deploy tests run the real code paths
 * (change sets, execution, events, rollback) without an AWS account. Each DescribeStacks call on a busy
 * stack advances its operation by one step, which is how a real stack moves on between polls.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  ContinueUpdateRollbackCommand,
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
  type StackEvent,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { ObjectStore, StackApi } from '../../src/aws/stack-api';
import { parseCfnYaml } from '../../src/cfn/yaml';

/** What a stack does when a change set is executed on it. */
export interface StackScript {
  /** Resource changes the next change set shows; [] means "no changes". Default: one Add of Resource. */
  changes?: {
    action: 'Add' | 'Modify' | 'Remove';
    logicalId: string;
    type: string;
    replacement?: 'True' | 'False' | 'Conditional';
  }[];
  /** Make the operation fail on this resource with this reason (then roll back). */
  fail?: { logicalId: string; reason: string };
  outputs?: Record<string, string>;
  /** Make CloudFormation reject the change set with this reason. */
  rejected?: string;
  /**
   * A resource that reports `reason` while in progress (an ACM certificate waiting for its DNS
   * record) and completes only after `polls` more polls; never when `polls` is undefined.
   */
  waiting?: { logicalId: string; type: string; reason: string; polls?: number };
}

interface FakeStack {
  name: string;
  id: string;
  status: string;
  reason?: string;
  outputs: Record<string, string>;
  events: StackEvent[];
  resources: Record<string, string>;
  protection: boolean;
  templateBody?: string;
  parameters: Record<string, string>;
  steps: (() => void)[];
  /** The stack policy last set (SetStackPolicy), as JSON text. */
  policy?: string;
  /** Drifted resources that drift detection finds. */
  drifts?: StackResourceDrift[];
  /** Time of the stack's last own event: CloudFormation's LastUpdatedTime. */
  lastUpdated?: Date;
}

interface FakeChangeSet {
  id: string;
  stack: FakeStack;
  type: string;
  changes: NonNullable<StackScript['changes']>;
  templateBody?: string;
  parameters: Record<string, string>;
  rejected?: string;
  disableRollback?: boolean;
}

/** The resources a template creates, as the fake's changes (a template it cannot read creates one). */
function templateResources(body: string | undefined): NonNullable<StackScript['changes']> {
  const fallback = [{ action: 'Add' as const, logicalId: 'Resource', type: 'AWS::SSM::Parameter' }];
  if (!body) return fallback;
  try {
    return Object.entries(parseCfnYaml(body).Resources).map(([logicalId, r]) => ({
      action: 'Add' as const,
      logicalId,
      type: String(r.Type),
    }));
  } catch {
    return fallback;
  }
}

const missing = (name: string) =>
  Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });

// Handlers take the loosely typed input of either an SDK command or a decoded HTTP form: typing it
// would mean one input type per action for a test double that only reads a few fields of each.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Handler = (input: any) => unknown;

// Named stub types: `ReturnType<typeof mockClient<X>>` does not resolve through mockClient's overloads.
const _cfnStub = () => mockClient(CloudFormationClient);
const _s3Stub = () => mockClient(S3Client);
type CfnStub = ReturnType<typeof _cfnStub>;
type S3Stub = ReturnType<typeof _s3Stub>;

/** The fake: state, per-stack scripts, and a timeline of what happened in which order. */
export class FakeCloudFormation {
  /** The aws-sdk-client-mock stubs (absent when the fake serves HTTP instead). */
  readonly cfn!: CfnStub;
  readonly s3!: S3Stub;
  readonly stacks = new Map<string, FakeStack>();
  readonly changeSets = new Map<string, FakeChangeSet>();
  readonly scripts: Record<string, StackScript> = {};
  readonly timeline: string[] = [];
  readonly uploads = new Set<string>();
  /** The account STS GetCallerIdentity answers with (the credentials' account). */
  account = '123456789012';
  /** How often the credentials were asked for (kept out of the timeline, which records changes). */
  identityChecks = 0;
  private seq = 0;

  /** CloudFormation actions by API name, shared by the SDK mocks and the HTTP endpoint. */
  readonly actions: Record<string, Handler> = {
    DescribeStacks: (i) => this.describeStacks(i.StackName),
    CreateChangeSet: (i) => this.createChangeSet(i),
    CreateStack: (i) => this.createStack(i),
    DescribeChangeSet: (i) => this.describeChangeSet(i.ChangeSetName),
    ExecuteChangeSet: (i) => this.execute(i.ChangeSetName, i.DisableRollback === true),
    DeleteChangeSet: (i) => {
      this.timeline.push(`delete-change-set:${this.changeSets.get(i.ChangeSetName)?.stack.name}`);
      this.changeSets.delete(i.ChangeSetName);
      return {};
    },
    DeleteStack: (i) => this.deleteStack(i.StackName),
    DescribeStackEvents: (i) => ({ StackEvents: [...this.find(i.StackName).events].reverse() }),
    ListStackResources: (i) => ({
      StackResourceSummaries: Object.entries(this.find(i.StackName).resources).map(
        ([LogicalResourceId, ResourceStatus]) => ({ LogicalResourceId, ResourceStatus }),
      ),
    }),
    UpdateTerminationProtection: (i) => {
      const on = i.EnableTerminationProtection === true || i.EnableTerminationProtection === 'true';
      this.find(i.StackName).protection = on;
      this.timeline.push(`protect:${this.find(i.StackName).name}:${on}`);
      return {};
    },
    GetTemplate: (i) => ({ TemplateBody: this.find(i.StackName).templateBody }),
    SetStackPolicy: (i) => {
      this.find(i.StackName).policy = i.StackPolicyBody;
      this.timeline.push(`policy:${this.find(i.StackName).name}:${i.StackPolicyBody}`);
      return {};
    },
    ContinueUpdateRollback: (i) => this.continueRollback(i.StackName, i.ResourcesToSkip ?? []),
    RollbackStack: (i) => this.rollbackStack(i.StackName),
    DetectStackDrift: (i) => ({ StackDriftDetectionId: `drift:${this.find(i.StackName).name}` }),
    DescribeStackDriftDetectionStatus: (i) => {
      const s = this.find(String(i.StackDriftDetectionId).replace(/^drift:/, ''));
      const drifted = s.drifts?.length ?? 0;
      return {
        DetectionStatus: 'DETECTION_COMPLETE',
        StackDriftStatus: drifted ? 'DRIFTED' : 'IN_SYNC',
        DriftedStackResourceCount: drifted,
      };
    },
    DescribeStackResourceDrifts: (i) => ({
      StackResourceDrifts: this.find(i.StackName).drifts ?? [],
    }),
    DescribeStackResource: (i) => {
      const stack = this.find(i.StackName);
      return {
        StackResourceDetail: {
          StackName: stack.name,
          LogicalResourceId: i.LogicalResourceId,
          PhysicalResourceId: `${stack.name}-${i.LogicalResourceId}`.toLowerCase(),
          ResourceType: 'AWS::CloudFormation::Resource',
          ResourceStatus: stack.resources[i.LogicalResourceId] ?? 'CREATE_COMPLETE',
          LastUpdatedTimestamp: new Date(),
        },
      };
    },
    // STS shares the query protocol, so the HTTP endpoint answers it from the same table.
    GetCallerIdentity: () => {
      this.identityChecks++;
      return {
        Account: this.account,
        Arn: `arn:aws:iam::${this.account}:user/ci`,
        UserId: 'AIDAEXAMPLE',
      };
    },
  };

  /**
   * The fake as strata's own StackApi: what deploy, diff, status and destroy are handed in unit
   * tests, with no SDK and no HTTP in between.
   */
  readonly api: StackApi = {
    describeStacks: async (StackName) => this.call('DescribeStacks', { StackName }),
    getTemplate: async (StackName) => this.call('GetTemplate', { StackName }),
    listStackResources: async (input) => this.call('ListStackResources', input),
    describeStackEvents: async (input) => this.call('DescribeStackEvents', input),
    createChangeSet: async (input) => this.call('CreateChangeSet', input),
    createStack: async (input) => this.call('CreateStack', input),
    describeChangeSet: async (input) => this.call('DescribeChangeSet', input),
    executeChangeSet: async (ChangeSetName, DisableRollback) => {
      this.call('ExecuteChangeSet', { ChangeSetName, DisableRollback });
    },
    deleteChangeSet: async (ChangeSetName) => {
      this.call('DeleteChangeSet', { ChangeSetName });
    },
    deleteStack: async (StackName) => {
      this.call('DeleteStack', { StackName });
    },
    describeStackResource: async (StackName, LogicalResourceId) =>
      this.call('DescribeStackResource', { StackName, LogicalResourceId }),
    updateTerminationProtection: async (StackName, EnableTerminationProtection) => {
      this.call('UpdateTerminationProtection', { StackName, EnableTerminationProtection });
    },
    setStackPolicy: async (StackName, StackPolicyBody) => {
      this.call('SetStackPolicy', { StackName, StackPolicyBody });
    },
    continueUpdateRollback: async (StackName, ResourcesToSkip) => {
      this.call('ContinueUpdateRollback', { StackName, ResourcesToSkip });
    },
    rollbackStack: async (StackName) => {
      this.call('RollbackStack', { StackName });
    },
    describeStackResourceDrifts: async (StackName) =>
      this.call('DescribeStackResourceDrifts', { StackName }),
    detectStackDrift: async (StackName) =>
      this.call<{ StackDriftDetectionId: string }>('DetectStackDrift', { StackName })
        .StackDriftDetectionId,
    describeStackDriftDetectionStatus: async (StackDriftDetectionId) =>
      this.call('DescribeStackDriftDetectionStatus', { StackDriftDetectionId }),
  };

  /** The fake's buckets as strata's ObjectStore. */
  readonly store: ObjectStore = {
    headObject: async (bucket, key) => {
      if (!this.hasObject(bucket, key))
        throw Object.assign(new Error('NotFound'), {
          name: 'NotFound',
          $metadata: { httpStatusCode: 404 },
        });
    },
    putObject: async (bucket, key) => this.putObject(bucket, key),
  };

  // The actions are typed loosely (see Handler); each StackApi method names the output it returns.
  private call<T>(action: string, input: object): T {
    return this.actions[action](input) as T;
  }

  /** `mock: false` leaves the SDK alone: for tests that use `api` and `store`, or the HTTP endpoint. */
  constructor(options: { mock?: boolean } = {}) {
    if (options.mock === false) return;
    const cfn = mockClient(CloudFormationClient);
    const s3 = mockClient(S3Client);
    mockClient(STSClient)
      .on(GetCallerIdentityCommand)
      .callsFake(() => this.actions.GetCallerIdentity({}));
    Object.assign(this, { cfn, s3 });
    cfn.reset();
    s3.reset();
    const commands = {
      DescribeStacksCommand,
      CreateChangeSetCommand,
      CreateStackCommand,
      DescribeChangeSetCommand,
      ExecuteChangeSetCommand,
      DeleteChangeSetCommand,
      DeleteStackCommand,
      DescribeStackEventsCommand,
      ListStackResourcesCommand,
      UpdateTerminationProtectionCommand,
      GetTemplateCommand,
      SetStackPolicyCommand,
      ContinueUpdateRollbackCommand,
      RollbackStackCommand,
      DetectStackDriftCommand,
      DescribeStackDriftDetectionStatusCommand,
      DescribeStackResourceDriftsCommand,
      DescribeStackResourceCommand,
    };
    for (const [name, command] of Object.entries(commands))
      cfn.on(command as never).callsFake(this.actions[name.replace(/Command$/, '')]);
    s3.on(HeadObjectCommand).callsFake((i) => {
      if (this.hasObject(i.Bucket!, i.Key!)) return {};
      throw Object.assign(new Error('NotFound'), {
        name: 'NotFound',
        $metadata: { httpStatusCode: 404 },
      });
    });
    s3.on(PutObjectCommand).callsFake((i) => {
      this.putObject(i.Bucket!, i.Key!);
      return {};
    });
  }

  /** True when an object was uploaded (S3 HeadObject). */
  hasObject(bucket: string, key: string): boolean {
    return this.uploads.has(`${bucket}/${key}`);
  }

  /** Records an upload (S3 PutObject). */
  putObject(bucket: string, key: string): void {
    this.uploads.add(`${bucket}/${key}`);
    this.timeline.push(`upload:${key}`);
  }

  /** Puts a stack in place as if deployed earlier. */
  seed(
    name: string,
    status: string,
    extra: Partial<
      Pick<
        FakeStack,
        'outputs' | 'resources' | 'protection' | 'templateBody' | 'reason' | 'drifts' | 'policy'
      >
    > = {},
  ): FakeStack {
    const stack: FakeStack = {
      name,
      id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${++this.seq}`,
      status,
      outputs: {},
      events: [],
      resources: {},
      protection: false,
      parameters: {},
      steps: [],
      ...extra,
    };
    this.event(stack, name, 'AWS::CloudFormation::Stack', status);
    this.stacks.set(name, stack);
    return stack;
  }

  /** Someone else's update of a stack, done outside strata (a new status and LastUpdatedTime). */
  touch(name: string, status = 'UPDATE_COMPLETE'): void {
    const s = this.find(name);
    s.status = status;
    this.event(s, s.name, 'AWS::CloudFormation::Stack', status);
  }

  /** Finds a stack by name (live ones only, as CloudFormation does) or by id (deleted ones too). */
  find(nameOrId: string | undefined): FakeStack {
    for (const s of this.stacks.values()) {
      if (s.id === nameOrId || (s.name === nameOrId && s.status !== 'DELETE_COMPLETE')) return s;
    }
    throw missing(nameOrId ?? '');
  }

  private event(
    stack: FakeStack,
    logicalId: string,
    type: string,
    status: string,
    reason?: string,
  ): void {
    stack.events.push({
      EventId: `e${++this.seq}`,
      StackId: stack.id,
      StackName: stack.name,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as never,
      ResourceStatusReason: reason,
      Timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, this.seq)),
    });
    if (logicalId === stack.name)
      stack.lastUpdated = new Date(Date.UTC(2026, 0, 1, 0, 0, this.seq));
  }

  private describeStacks(name: string | undefined) {
    const s = this.find(name);
    const step = s.steps.shift();
    if (step) step();
    return {
      Stacks: [
        {
          StackName: s.name,
          StackId: s.id,
          StackStatus: s.status,
          StackStatusReason: s.reason,
          EnableTerminationProtection: s.protection,
          CreationTime: new Date(0),
          LastUpdatedTime: s.lastUpdated,
          Outputs: Object.entries(s.outputs).map(([OutputKey, OutputValue]) => ({
            OutputKey,
            OutputValue,
          })),
        },
      ],
    } as never;
  }

  private createChangeSet(i: {
    StackName?: string;
    ChangeSetType?: string;
    TemplateBody?: string;
    Parameters?: { ParameterKey?: string; ParameterValue?: string }[];
  }) {
    const name = i.StackName!;
    let stack: FakeStack;
    if (i.ChangeSetType === 'CREATE') {
      stack =
        this.stacks.get(name)?.status === 'REVIEW_IN_PROGRESS'
          ? this.stacks.get(name)!
          : this.seed(name, 'REVIEW_IN_PROGRESS');
    } else stack = this.find(name);
    const id = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/strata/${++this.seq}`;
    const changes = this.scripts[name]?.changes ?? [
      { action: 'Add' as const, logicalId: 'Resource', type: 'AWS::SSM::Parameter' },
    ];
    const parameters = Object.fromEntries(
      (Array.isArray(i.Parameters) ? i.Parameters : []).map((p) => [
        p.ParameterKey!,
        p.ParameterValue!,
      ]),
    );
    this.changeSets.set(id, {
      id,
      stack,
      type: i.ChangeSetType!,
      changes,
      templateBody: i.TemplateBody,
      parameters,
      rejected: this.scripts[name]?.rejected,
    });
    this.timeline.push(`change-set:${name}`);
    return { Id: id, StackId: stack.id };
  }

  /**
   * CreateStack: what a CREATE change set and its execution do in one call. The stack creates the
   * script's changes, else its template's resources; a scripted rejection is the call's ValidationError.
   */
  private createStack(i: {
    StackName?: string;
    TemplateBody?: string;
    Parameters?: { ParameterKey?: string; ParameterValue?: string }[];
    DisableRollback?: boolean | string;
  }) {
    const name = i.StackName!;
    if (this.stacks.get(name) && this.stacks.get(name)!.status !== 'DELETE_COMPLETE')
      throw Object.assign(new Error(`Stack [${name}] already exists`), {
        name: 'AlreadyExistsException',
      });
    const script = this.scripts[name];
    if (script?.rejected)
      throw Object.assign(new Error(script.rejected), { name: 'ValidationError' });
    const stack = this.seed(name, 'CREATE_IN_PROGRESS');
    stack.events.length = 0;
    const parameters = Object.fromEntries(
      (Array.isArray(i.Parameters) ? i.Parameters : []).map((p) => [
        p.ParameterKey!,
        p.ParameterValue!,
      ]),
    );
    const disableRollback = i.DisableRollback === true || i.DisableRollback === 'true';
    this.timeline.push(
      `create-stack:${name}:${JSON.stringify(parameters)}${disableRollback ? ':no-rollback' : ''}`,
    );
    this.start(
      {
        id: `direct:${stack.id}`,
        stack,
        type: 'CREATE',
        changes: script?.changes ?? templateResources(i.TemplateBody),
        templateBody: i.TemplateBody,
        parameters,
        disableRollback,
      },
      script ?? {},
    );
    return { StackId: stack.id };
  }

  private describeChangeSet(id: string | undefined) {
    const cs = this.changeSets.get(id!);
    if (!cs)
      throw Object.assign(new Error(`ChangeSet ${id} does not exist`), {
        name: 'ChangeSetNotFoundException',
      });
    if (cs.rejected)
      return { Status: 'FAILED', StatusReason: cs.rejected, StackId: cs.stack.id, Changes: [] };
    if (cs.changes.length === 0) {
      return {
        Status: 'FAILED',
        StatusReason:
          "The submitted information didn't contain changes. Submit different information to create a change set.",
        StackId: cs.stack.id,
        Changes: [],
      };
    }
    return {
      Status: 'CREATE_COMPLETE',
      StackId: cs.stack.id,
      ExecutionStatus: 'AVAILABLE',
      Parameters: Object.entries(cs.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Changes: cs.changes.map((c) => ({
        Type: 'Resource',
        ResourceChange: {
          Action: c.action,
          LogicalResourceId: c.logicalId,
          ResourceType: c.type,
          Replacement: c.replacement,
        },
      })),
    } as never;
  }

  private execute(id: string | undefined, disableRollback = false) {
    const cs = this.changeSets.get(id!)!;
    cs.disableRollback = disableRollback;
    const s = cs.stack;
    this.timeline.push(
      `execute:${s.name}:${JSON.stringify(cs.parameters)}${disableRollback ? ':no-rollback' : ''}`,
    );
    this.changeSets.delete(cs.id);
    this.start(cs, this.scripts[s.name] ?? {});
    return {};
  }

  /** Runs a create or update: events now, the outcome a few polls later, as the script says. */
  private start(cs: FakeChangeSet, script: StackScript): void {
    const s = cs.stack;
    const verb = cs.type === 'CREATE' ? 'CREATE' : 'UPDATE';
    s.templateBody = cs.templateBody;
    s.parameters = cs.parameters;
    s.status = `${verb}_IN_PROGRESS`;
    this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status, 'User Initiated');
    for (const c of cs.changes) this.event(s, c.logicalId, c.type, `${verb}_IN_PROGRESS`);
    const waiting = script.waiting;
    if (waiting) {
      this.event(s, waiting.logicalId, waiting.type, `${verb}_IN_PROGRESS`, waiting.reason);
      if (waiting.polls === undefined) return;
      for (let i = 0; i < waiting.polls; i++) s.steps.push(() => undefined);
    }
    // One poll in progress before the outcome, as a real operation takes a while.
    s.steps.push(() => undefined);
    s.steps.push(() =>
      script.fail
        ? this.failStep(s, verb, cs, script.fail)
        : this.completeStep(s, verb, cs, script.outputs ?? {}),
    );
  }

  private completeStep(
    s: FakeStack,
    verb: string,
    cs: FakeChangeSet,
    outputs: Record<string, string>,
  ): void {
    for (const c of cs.changes) {
      this.event(s, c.logicalId, c.type, `${verb}_COMPLETE`);
      s.resources[c.logicalId] = `${verb}_COMPLETE`;
    }
    s.status = `${verb}_COMPLETE`;
    s.outputs = { ...s.outputs, ...outputs };
    this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status);
    this.timeline.push(`complete:${s.name}`);
  }

  private failStep(
    s: FakeStack,
    verb: string,
    cs: FakeChangeSet,
    fail: { logicalId: string; reason: string },
  ): void {
    const failed = `${verb}_FAILED`;
    this.event(s, fail.logicalId, 'AWS::EC2::Instance', failed, fail.reason);
    for (const c of cs.changes.filter((x) => x.logicalId !== fail.logicalId))
      this.event(s, c.logicalId, c.type, failed, `Resource ${verb.toLowerCase()} cancelled`);
    if (cs.disableRollback) {
      // With rollback off CloudFormation stops where it failed and keeps what it made.
      s.status = failed;
      s.reason = `The following resource(s) failed to ${verb.toLowerCase()}: [${fail.logicalId}].`;
      this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status, s.reason);
      this.timeline.push(`failed-kept:${s.name}`);
      return;
    }
    s.status = verb === 'CREATE' ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS';
    s.reason = `The following resource(s) failed to ${verb.toLowerCase()}: [${cs.changes.map((c) => c.logicalId).join(', ')}]. Rollback requested by user.`;
    this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status, s.reason);
    s.steps.push(() => {
      s.status = verb === 'CREATE' ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE';
      if (verb === 'CREATE')
        for (const c of cs.changes) s.resources[c.logicalId] = 'DELETE_COMPLETE';
      this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status);
      this.timeline.push(`rolled-back:${s.name}`);
    });
  }

  private continueRollback(name: string | undefined, skip: string[]) {
    const s = this.find(name);
    if (s.status !== 'UPDATE_ROLLBACK_FAILED')
      throw Object.assign(new Error(`Stack ${s.name} is in ${s.status} state`), {
        name: 'ValidationError',
      });
    this.timeline.push(`continue-rollback:${s.name}:${skip.join(',')}`);
    this.settleLater(s, 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE');
    return {};
  }

  private rollbackStack(name: string | undefined) {
    const s = this.find(name);
    if (!/_FAILED$/.test(s.status) || /ROLLBACK/.test(s.status))
      throw Object.assign(new Error(`Stack ${s.name} is in ${s.status} state`), {
        name: 'ValidationError',
      });
    this.timeline.push(`rollback:${s.name}`);
    const create = s.status === 'CREATE_FAILED';
    this.settleLater(
      s,
      create ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS',
      create ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE',
    );
    return {};
  }

  private settleLater(s: FakeStack, busy: string, done: string): void {
    s.status = busy;
    this.event(s, s.name, 'AWS::CloudFormation::Stack', busy, 'User Initiated');
    s.steps.push(() => undefined);
    s.steps.push(() => {
      s.status = done;
      this.event(s, s.name, 'AWS::CloudFormation::Stack', done);
    });
  }

  private deleteStack(nameOrId: string | undefined) {
    const s = this.find(nameOrId);
    if (s.protection)
      throw Object.assign(
        new Error(`Stack [${s.name}] cannot be deleted while TerminationProtection is enabled`),
        { name: 'ValidationError' },
      );
    this.timeline.push(`delete:${s.name}`);
    if (s.status === 'REVIEW_IN_PROGRESS') {
      s.status = 'DELETE_COMPLETE';
      return {};
    }
    s.status = 'DELETE_IN_PROGRESS';
    this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status, 'User Initiated');
    s.steps.push(() => {
      for (const id of Object.keys(s.resources)) s.resources[id] = 'DELETE_COMPLETE';
      s.status = 'DELETE_COMPLETE';
      this.event(s, s.name, 'AWS::CloudFormation::Stack', s.status);
      this.timeline.push(`deleted:${s.name}`);
    });
    return {};
  }
}

/** A clock that never waits (one macrotask per sleep, so parallel stacks interleave). */
export const instantClock = {
  sleep: () => new Promise<void>((r) => setImmediate(r)),
  now: () => Date.UTC(2026, 0, 1),
};
