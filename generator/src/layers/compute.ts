import { createHash } from 'node:crypto';
import type { Model, Tier } from '../model/topology';
import { getAtt, joinComma, ref, selectFrom, sub, type Yaml } from '../cfn/intrinsics';
import { logGroupOutputs } from './logs';
import { withName, type Layer, type LayerBase, type Parameter } from './types';
import { attachmentsOf, type ListenerRuleData, type TargetGroupData } from './attachments';
import { autoScalingData, type AutoScalingData } from './auto-scaling';
import {
  BOOT_HASH_LENGTH,
  calledTiers,
  DATABASE_PARAMETERS,
  serviceUrlParam,
  userDataLines,
} from './user-data';

type Tags = Array<{ key: string; value: string }>;

/** One tier as the compute template writes it. */
interface TierData {
  id: string;
  launchTemplateId: string;
  artifactAccessId: string;
  /** Only for a tier whose environment names the database secret. */
  secretAccessId?: string;
  imageParam: string;
  instanceType: string;
  volumeSizeGiB: number;
  securityGroupParam: string;
  profileParam: string;
  roleParam: string;
  artifactArn: Yaml;
  launchTemplateName: Yaml;
  userData: string[];
  dependsOn: string[];
  tags: Tags;
  instances: Array<{ logicalId: string; subnet: Yaml; tags: Tags }>;
  autoScaling?: AutoScalingData;
}

/** Template data of the compute layer. */
export interface ComputeData extends LayerBase {
  tiers: TierData[];
  targetGroups: TargetGroupData[];
  listenerRules: ListenerRuleData[];
}

/** Graviton families (`t4g`, `m7g`, `c7gn`...) need the arm64 image. */
function isArm(instanceType: string): boolean {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}

function imageParam(tier: Tier): string {
  return isArm(tier.instanceType) ? 'ImageIdArm64' : 'ImageIdX86';
}

const IMAGE_PARAMETERS: Record<string, Parameter> = {
  ImageIdX86: {
    name: 'ImageIdX86',
    type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
    description:
      'Amazon Linux 2023 (x86_64), resolved from the public SSM parameter at deploy time',
    default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  },
  ImageIdArm64: {
    name: 'ImageIdArm64',
    type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
    description: 'Amazon Linux 2023 (arm64), resolved from the public SSM parameter at deploy time',
    default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
  },
};

/** Tiers some tier reaches through `{ ref: tiers.<name>.url }`. */
function urlCallees(model: Model): Tier[] {
  const names = new Set(
    model.tiers.flatMap((t) =>
      t.environment.flatMap((e) =>
        e.value.kind === 'ref' && e.value.ref.kind === 'tier' && e.value.ref.attribute === 'url'
          ? [e.value.ref.tier]
          : [],
      ),
    ),
  );
  return model.tiers.filter((t) => names.has(t.name));
}

function parametersOf(model: Model): Parameter[] {
  const params = new Map<string, Parameter>();
  const add = (p: Parameter) => {
    if (!params.has(p.name)) params.set(p.name, p);
  };
  for (const tier of model.tiers) add(IMAGE_PARAMETERS[imageParam(tier)]);
  for (const tier of model.tiers) {
    const group = model.network.groups.find((g) => g.name === tier.subnetGroup)!;
    const sg = model.securityGroups.find((g) => g.name === tier.securityGroup)!;
    add({
      name: `${group.id}SubnetIds`,
      type: 'List<AWS::EC2::Subnet::Id>',
      description: `Subnets of the ${group.name} group (network stack)`,
    });
    add({
      name: `${sg.logicalId}Id`,
      type: 'AWS::EC2::SecurityGroup::Id',
      description: `Security group ${sg.name} (security stack)`,
    });
    add({
      name: `${tier.id}InstanceRoleName`,
      type: 'String',
      description: `Role of the ${tier.name} instances (security stack)`,
    });
    add({
      name: `${tier.id}InstanceProfileName`,
      type: 'String',
      description: `Instance profile of the ${tier.name} instances (security stack)`,
    });
  }
  const used = new Set(
    model.tiers.flatMap((t) =>
      t.environment.flatMap((e) =>
        e.value.kind === 'ref' && e.value.ref.kind === 'database' ? [e.value.ref.attribute] : [],
      ),
    ),
  );
  for (const callee of urlCallees(model))
    add({
      name: serviceUrlParam(callee),
      type: 'String',
      description: `Stable URL of the ${callee.name} tier (load-balancer stack)`,
    });
  for (const [attribute, name, description] of DATABASE_PARAMETERS) {
    if (used.has(attribute))
      add({ name, type: 'String', description: `${description} (database stack)` });
  }
  if (model.monitoring)
    for (const tier of model.tiers)
      add({
        name: logGroupOutputs(tier.id).name,
        type: 'String',
        description: `Log group of the ${tier.name} tier (logs stack)`,
      });
  add({
    name: 'ArtifactBucket',
    type: 'String',
    description: 'Bucket holding the app artifacts (filled by strata deploy)',
    source: { from: 'artifact-bucket' },
  });
  for (const tier of model.tiers) {
    add({
      name: `${tier.appId}ArtifactKey`,
      type: 'String',
      description: `Key of the ${tier.app} app artifact (filled by strata deploy)`,
      source: { from: 'artifact-key', app: tier.app },
    });
  }
  return [...params.values()];
}

/**
 * An instance keeps the launch template version it booted from, and its boot script runs once; so a
 * new app artifact, a new boot script or new instances of a tier it calls must mean new instances.
 * Naming the launch template after all three makes CloudFormation replace it, and with it (its id
 * changes) every instance of the tier. See `launchTemplateNameLength` for the bound on its length.
 */
function launchTemplateName(model: Model, tier: Tier, userData: string[]): Yaml {
  // Launch template names are unique per account and region: hashing the environment in keeps two
  // environments side by side apart without lengthening the name (the base hashes nothing extra).
  const bootHash = createHash('sha256')
    .update(userData.join('\n'))
    .update(model.environment ?? '')
    .digest('hex')
    .slice(0, BOOT_HASH_LENGTH);
  const called = calledTiers(tier).map(
    (name) => `-\${${model.tiers.find((t) => t.name === name)!.id}LaunchTemplate}`,
  );
  return sub(`${model.name}-${bootHash}-\${${tier.appId}ArtifactKey}${called.join('')}`);
}

function tierData(model: Model, tier: Tier): TierData {
  const userData = userDataLines(model, tier);
  const group = model.network.groups.find((g) => g.name === tier.subnetGroup)!;
  const sg = model.securityGroups.find((g) => g.name === tier.securityGroup)!;
  const autoScaling = autoScalingData(model, tier);
  const artifactAccessId = `${tier.id}ArtifactAccess`;
  const secretAccessId = tier.readsDatabaseSecret ? `${tier.id}DatabaseSecretAccess` : undefined;
  return {
    id: tier.id,
    launchTemplateId: `${tier.id}LaunchTemplate`,
    artifactAccessId,
    secretAccessId,
    imageParam: imageParam(tier),
    instanceType: tier.instanceType,
    volumeSizeGiB: tier.volumeSizeGiB,
    securityGroupParam: `${sg.logicalId}Id`,
    profileParam: `${tier.id}InstanceProfileName`,
    roleParam: `${tier.id}InstanceRoleName`,
    launchTemplateName: launchTemplateName(model, tier, userData),
    artifactArn: sub(`arn:\${AWS::Partition}:s3:::\${ArtifactBucket}/\${${tier.appId}ArtifactKey}`),
    userData,
    dependsOn: [
      artifactAccessId,
      ...(secretAccessId ? [secretAccessId] : []),
      ...(autoScaling ? [autoScaling.signalPolicy.logicalId] : []),
    ],
    tags: withName(model, `${model.name}-${tier.name}`),
    instances: tier.instances.map((i) => ({
      logicalId: i.logicalId,
      subnet: selectFrom(i.subnetIndex, `${group.id}SubnetIds`),
      tags: withName(model, `${model.name}-${tier.name}-${i.number}`),
    })),
    autoScaling,
  };
}

/** Logical id → topology path of a tier's resources. */
function tierResources(tier: Tier): Record<string, string> {
  const resources: Record<string, string> = {};
  resources[`${tier.id}ArtifactAccess`] = `${tier.source}.app`;
  if (tier.readsDatabaseSecret)
    resources[`${tier.id}DatabaseSecretAccess`] = `${tier.source}.environment`;
  resources[`${tier.id}LaunchTemplate`] = tier.source;
  for (const i of tier.instances) resources[i.logicalId] = `${tier.source}.count`;
  const scaling = tier.autoScaling;
  if (scaling) {
    resources[`${tier.id}SignalAccess`] = scaling.source;
    resources[`${tier.id}AutoScalingGroup`] = scaling.source;
    if (scaling.targetCpuPercent !== undefined)
      resources[`${tier.id}CpuTargetTracking`] = `${scaling.source}.targetCpuPercent`;
    for (const s of scaling.schedules) resources[s.logicalId] = s.source;
  }
  return resources;
}

/** Outputs of a tier: its instances' ids and addresses, or its group's name. */
function tierOutputs(t: Tier) {
  if (t.autoScaling)
    return [
      {
        name: `${t.id}AutoScalingGroupName`,
        value: ref(`${t.id}AutoScalingGroup`),
        description: `Auto Scaling group of the ${t.name} tier`,
      },
    ];
  return [
    {
      name: `${t.id}InstanceIds`,
      value: joinComma(t.instances.map((i) => ref(i.logicalId))),
      description: `Instances of the ${t.name} tier`,
    },
    {
      name: `${t.id}PrivateIps`,
      value: joinComma(t.instances.map((i) => getAtt(i.logicalId, 'PrivateIp'))),
      description: `Private addresses of the ${t.name} tier`,
    },
  ];
}

/** A tier's size for the stack description: `2 x t3.micro web` or `2-6 x t3.micro web`. */
function sizeOf(t: Tier): string {
  const count = t.autoScaling
    ? `${t.autoScaling.minSize}-${t.autoScaling.maxSize}`
    : `${t.instances.length}`;
  return `${count} x ${t.instanceType} ${t.name}`;
}

/** Launch templates (IMDSv2, encrypted volumes, boot script), instances or Auto Scaling groups, target groups, and the per-tier grants they need. */
export const computeLayer: Layer<ComputeData> = {
  name: 'compute',
  partials: [
    'access-policies',
    'launch-templates',
    'instances',
    'auto-scaling-groups',
    'scaling-policies',
    'target-groups',
    'listener-rules',
  ],
  applies: (model) => model.tiers.length > 0,
  toTemplateData(model) {
    const attachments = attachmentsOf(model);
    const resources: Record<string, string> = Object.assign(
      {},
      ...model.tiers.map(tierResources),
      attachments.resources,
    );
    const parameters = parametersOf(model);
    for (const p of attachments.parameters)
      if (!parameters.some((q) => q.name === p.name)) parameters.push(p);
    return {
      layer: 'compute',
      description: `${model.name} compute: ${model.tiers.map(sizeOf).join(', ')}`,
      parameters,
      outputs: [
        ...model.tiers.flatMap(tierOutputs),
        // CloudWatch dimensions of the target groups, which live here, for the monitoring stack.
        ...(model.monitoring
          ? attachments.targetGroups.map((tg) => ({
              name: `${tg.logicalId}FullName`,
              value: getAtt(tg.logicalId, 'TargetGroupFullName'),
              description: `Full name of ${tg.logicalId} (its CloudWatch dimension)`,
            }))
          : []),
      ],
      resources,
      tags: model.tags,
      // A booting instance fetches its runtime and app through the default route.
      waitsFor: [{ layer: 'gateways', reason: 'instances need their default route to boot' }],
      tiers: model.tiers.map((t) => tierData(model, t)),
      targetGroups: attachments.targetGroups,
      listenerRules: attachments.listenerRules,
    };
  },
};
