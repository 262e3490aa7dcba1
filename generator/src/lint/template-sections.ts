import { closest } from '../util/suggest';
import { isPlainObject } from '../cfn/intrinsics';
import type { CfnTemplate, RawFinding } from './types';

/** AWS-specific parameter types (CloudFormation User Guide, "Supported AWS-specific parameter types"). */
const AWS_PARAMETER_TYPES = [
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
];
const PLAIN_PARAMETER_TYPES = [
  'String',
  'Number',
  'List<Number>',
  'CommaDelimitedList',
  'AWS::SSM::Parameter::Name',
];

/** True for a parameter type CloudFormation accepts, including lists and SSM parameter values of AWS types. */
export function isParameterType(type: string): boolean {
  if (PLAIN_PARAMETER_TYPES.includes(type) || AWS_PARAMETER_TYPES.includes(type)) return true;
  const list = /^List<(.+)>$/.exec(type);
  if (list) return AWS_PARAMETER_TYPES.includes(list[1]);
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
  return (
    ssm !== null &&
    (['String', 'List<String>', 'CommaDelimitedList'].includes(ssm[1]) || isParameterType(ssm[1]))
  );
}

const ALL_TYPES = [
  ...PLAIN_PARAMETER_TYPES,
  ...AWS_PARAMETER_TYPES,
  ...AWS_PARAMETER_TYPES.map((t) => `List<${t}>`),
];

/** CloudFormation matches AllowedPattern against the whole value; a pattern JavaScript cannot read is not judged. */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}

function checkParameter(name: string, p: Record<string, unknown>): RawFinding[] {
  const at = ['Parameters', name];
  const bad = (message: string, fix: string, key?: string): RawFinding => ({
    rule: 'INVALID_PARAMETER',
    severity: 'error',
    path: key ? [...at, key] : at,
    message,
    fix,
  });
  if (typeof p.Type !== 'string')
    return [bad(`parameter ${name} has no Type`, 'give it a Type such as String')];
  if (!isParameterType(p.Type)) {
    const guess = closest(p.Type, ALL_TYPES);
    return [
      bad(
        `parameter ${name} has Type ${p.Type}, which CloudFormation does not support`,
        guess
          ? `did you mean ${guess}?`
          : 'use String, Number, a List<...> or an AWS-specific type',
        'Type',
      ),
    ];
  }
  const findings: RawFinding[] = [];
  const def = p.Default;
  if (
    def !== undefined &&
    Array.isArray(p.AllowedValues) &&
    !p.AllowedValues.map(String).includes(String(def))
  ) {
    findings.push(
      bad(
        `the default of ${name}, "${String(def)}", is not one of its AllowedValues`,
        'make the default one of the allowed values',
        'Default',
      ),
    );
  }
  if (
    typeof def === 'string' &&
    typeof p.AllowedPattern === 'string' &&
    !matches(p.AllowedPattern, def)
  ) {
    findings.push(
      bad(
        `the default of ${name}, "${def}", does not match its AllowedPattern ${p.AllowedPattern}`,
        'make the default match the pattern',
        'Default',
      ),
    );
  }
  return findings;
}

function checkOutput(name: string, o: Record<string, unknown>): RawFinding[] {
  const at = ['Outputs', name];
  if (o.Value === undefined || o.Value === null)
    return [
      {
        rule: 'INVALID_OUTPUT',
        severity: 'error',
        path: at,
        message: `output ${name} has no Value`,
        fix: 'give it a Value',
      },
    ];
  if (o.Export !== undefined && (!isPlainObject(o.Export) || o.Export.Name === undefined)) {
    return [
      {
        rule: 'INVALID_OUTPUT',
        severity: 'error',
        path: [...at, 'Export'],
        message: `output ${name} has an Export without a Name`,
        fix: 'write Export: { Name: ... }',
      },
    ];
  }
  return [];
}

/** Checks the Parameters and Outputs sections: parameter types and defaults, output values and exports. */
export function checkTemplateSections(template: CfnTemplate): RawFinding[] {
  return [
    ...Object.entries(template.Parameters ?? {}).flatMap(([name, p]) =>
      checkParameter(name, isPlainObject(p) ? p : {}),
    ),
    ...Object.entries(template.Outputs ?? {}).flatMap(([name, o]) =>
      checkOutput(name, isPlainObject(o) ? o : {}),
    ),
  ];
}
