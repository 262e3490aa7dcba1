import { closest } from '../util/suggest';
import { isPlainObject, literalStrings, walk } from '../cfn/intrinsics';
import type { ResourceSchemas } from './resource-data';
import { checkObject } from './schema-values';
import type { CfnTemplate, RawFinding, TemplatePath } from './types';

/** Types whose properties are whatever the template author says (custom resources, nested stacks' parameters). */
function isFreeForm(cfnType: string): boolean {
  return cfnType.startsWith('Custom::') || cfnType === 'AWS::CloudFormation::CustomResource';
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/**
 * Formats CloudFormation enforces that the service-spec data does not carry as patterns,
 * for the property names strata emits: IPv4 CIDR blocks and TCP/UDP ports.
 */
const FORMATS: Array<{ names: Set<string>; test: (v: string) => boolean; what: string }> = [
  {
    names: new Set(['CidrIp', 'CidrBlock', 'DestinationCidrBlock']),
    test: (v) => IPV4_CIDR.test(v),
    what: 'an IPv4 CIDR block such as 10.0.0.0/16',
  },
  {
    names: new Set(['FromPort', 'ToPort']),
    test: (v) => /^-?\d+$/.test(v) && Number(v) >= -1 && Number(v) <= 65535,
    what: 'a port from 0 to 65535 (or -1 for all)',
  },
];

function checkFormats(properties: unknown, base: TemplatePath, resource: string): RawFinding[] {
  const findings: RawFinding[] = [];
  walk(properties, base, (value, path) => {
    const name = path[path.length - 1];
    const format = FORMATS.find((f) => typeof name === 'string' && f.names.has(name));
    if (!format) return;
    const literals = typeof value === 'number' ? [String(value)] : literalStrings(value);
    for (const literal of literals) {
      if (format.test(literal)) continue;
      findings.push({
        rule: 'PROPERTY_PATTERN',
        severity: 'error',
        resource,
        path,
        message: `${String(name)} is "${literal}", which is not ${format.what}`,
        fix: `write ${format.what}`,
      });
    }
  });
  return findings;
}

/** Checks every resource against the current CloudFormation resource schemas. */
export function checkResourceSchemas(
  template: CfnTemplate,
  schemas: ResourceSchemas,
): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const base = ['Resources', id];
    if (!isPlainObject(resource) || typeof resource.Type !== 'string') {
      findings.push({
        rule: 'UNKNOWN_RESOURCE_TYPE',
        severity: 'error',
        resource: id,
        path: base,
        message: `resource ${id} has no Type`,
        fix: 'give it a Type such as AWS::EC2::VPC',
      });
      continue;
    }
    const cfnType = resource.Type;
    if (isFreeForm(cfnType)) continue;
    const spec = schemas.resource(cfnType);
    if (!spec) {
      const guess = closest(cfnType, schemas.typeNames());
      findings.push({
        rule: 'UNKNOWN_RESOURCE_TYPE',
        severity: 'error',
        resource: id,
        path: [...base, 'Type'],
        message: `${cfnType} is not a CloudFormation resource type (schemas from @aws-cdk/aws-service-spec ${schemas.version})`,
        fix: guess
          ? `did you mean ${guess}?`
          : 'check the type name in the CloudFormation resource type reference',
      });
      continue;
    }
    const props = resource.Properties ?? {};
    if (!isPlainObject(props)) {
      findings.push({
        rule: 'PROPERTY_TYPE',
        severity: 'error',
        resource: id,
        path: [...base, 'Properties'],
        message: 'Properties must be a mapping',
        fix: 'write Properties as key: value pairs',
      });
      continue;
    }
    const ctx = { spec, resource: id, cfnType };
    findings.push(...checkObject(props, spec.properties, [...base, 'Properties'], ctx));
    findings.push(...checkFormats(props, [...base, 'Properties'], id));
  }
  return findings;
}
