import { StrataError } from '../errors';
import { literal, resources } from '../cfn/stack-set';
import type { Charge, PriceContext, Pricer } from './types';

type Props = Record<string, unknown>;

/** A pricing fact the templates do not state literally: a bug in a layer, not a user mistake. */
function unknownFact(ctx: PriceContext, what: string): StrataError {
  return new StrataError(
    'E_COST',
    `cannot price ${ctx.logicalId} (${ctx.resource.Type}) in out/${ctx.layer}.yaml: its ${what} is only known at deploy time`,
    'render it as a literal (or a parameter with a default) so the estimate can read it',
  );
}

/** The launch template data a resource launches from, if it names one in its stack. */
function launchTemplateData(ctx: PriceContext, spec: unknown): Props | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  const ref = (spec as Props).LaunchTemplateId ?? (spec as Props).LaunchTemplateName;
  const [template] = resources(ctx.set.resolve(ctx.layer, ref));
  return template?.resource.Properties?.LaunchTemplateData as Props | undefined;
}

/** Instance type, volumes and public address of what an instance or group launches. */
interface LaunchFacts {
  instanceType: string;
  volumes: Array<{ sizeGiB: number; type: string }>;
  publicIp: boolean;
  spot: boolean;
}

function volumesOf(mappings: unknown): LaunchFacts['volumes'] {
  if (!Array.isArray(mappings)) return [{ sizeGiB: 8, type: 'gp3' }];
  return mappings
    .map((m) => (m as Props).Ebs as Props | undefined)
    .filter((ebs): ebs is Props => !!ebs)
    .map((ebs) => ({
      sizeGiB: Number(ebs.VolumeSize ?? 8),
      type: String(ebs.VolumeType ?? 'gp2'),
    }));
}

function subnetsArePublic(ctx: PriceContext, subnets: unknown): boolean {
  const [first] = resources(ctx.set.resolve(ctx.layer, subnets));
  return (
    literal(
      ctx.set.resolve(first?.layer ?? ctx.layer, first?.resource.Properties?.MapPublicIpOnLaunch),
    ) === true
  );
}

function launchFacts(
  ctx: PriceContext,
  props: Props,
  template: Props | undefined,
  subnets: unknown,
): LaunchFacts {
  const data = template ?? {};
  const type = literal(ctx.set.resolve(ctx.layer, props.InstanceType ?? data.InstanceType));
  if (typeof type !== 'string') throw unknownFact(ctx, 'instance type');
  const nics = (props.NetworkInterfaces ?? data.NetworkInterfaces) as Props[] | undefined;
  const associate = nics?.[0]?.AssociatePublicIpAddress;
  const market = (data.InstanceMarketOptions as Props | undefined)?.MarketType;
  return {
    instanceType: type,
    volumes: volumesOf(props.BlockDeviceMappings ?? data.BlockDeviceMappings),
    publicIp: associate !== undefined ? associate === true : subnetsArePublic(ctx, subnets),
    spot: market === 'spot',
  };
}

/** Charges of `count` identical instances running all month. */
function instanceCharges(ctx: PriceContext, facts: LaunchFacts, count: number): Charge[] {
  const hours = count * ctx.hours;
  const charges: Charge[] = [
    {
      item: `${count} × ${facts.instanceType}${facts.spot ? ' (Spot)' : ''}`,
      quantity: hours,
      unit: 'instance-hours',
      price: `ec2.onDemandHourly.${facts.instanceType}`,
      ...(facts.spot ? { factor: 1 - ctx.spotFraction } : {}),
    },
  ];
  for (const v of facts.volumes)
    charges.push({
      item: `${count} × ${v.sizeGiB} GiB ${v.type} volume`,
      quantity: count * v.sizeGiB,
      unit: 'GB-months',
      price: `ebs.${v.type}GbMonth`,
    });
  if (facts.publicIp)
    charges.push({
      item: `${count} × public IPv4 address`,
      quantity: hours,
      unit: 'address-hours',
      price: 'vpc.publicIpv4Hourly',
    });
  return charges;
}

/** `AWS::EC2::Instance`: its type (or its launch template's), volumes and public address. */
export const priceInstance: Pricer = (ctx) => {
  const props = ctx.resource.Properties ?? {};
  const template = launchTemplateData(ctx, props.LaunchTemplate);
  return instanceCharges(ctx, launchFacts(ctx, props, template, props.SubnetId), 1);
};

/** `AWS::AutoScaling::AutoScalingGroup`: priced at its desired capacity (else its minimum). */
export const priceAutoScalingGroup: Pricer = (ctx) => {
  const props = ctx.resource.Properties ?? {};
  const desired = literal(ctx.set.resolve(ctx.layer, props.DesiredCapacity ?? props.MinSize));
  if (desired === undefined || Number.isNaN(Number(desired)))
    throw unknownFact(ctx, 'desired capacity');
  const mixed = (props.MixedInstancesPolicy as Props | undefined)?.LaunchTemplate as
    Props | undefined;
  const spec = props.LaunchTemplate ?? mixed?.LaunchTemplateSpecification;
  const template = launchTemplateData(ctx, spec);
  return instanceCharges(
    ctx,
    launchFacts(ctx, {}, template, props.VPCZoneIdentifier),
    Number(desired),
  );
};

/** `AWS::EC2::Volume`: a volume on its own. */
export const priceVolume: Pricer = (ctx) => {
  const props = ctx.resource.Properties ?? {};
  const [volume] = volumesOf([{ Ebs: props }]);
  return [
    {
      item: `${volume.sizeGiB} GiB ${volume.type} volume`,
      quantity: volume.sizeGiB,
      unit: 'GB-months',
      price: `ebs.${volume.type}GbMonth`,
    },
  ];
};
