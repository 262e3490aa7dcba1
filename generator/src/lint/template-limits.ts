import type { CfnTemplate, RawFinding } from './types';

/** CloudFormation quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export const LIMITS = {
  /** Largest template CloudFormation accepts, uploaded to S3 and passed as TemplateURL. */
  bodyBytes: 1_048_576,
  /** Largest template that can be passed inline as TemplateBody. */
  inlineBodyBytes: 51_200,
  resources: 500,
  parameters: 200,
  outputs: 200,
  mappings: 200,
  logicalIdLength: 255,
} as const;

const SECTION_LIMITS = [
  { section: 'Resources', limit: LIMITS.resources, rule: 'TOO_MANY_RESOURCES' },
  { section: 'Parameters', limit: LIMITS.parameters, rule: 'TOO_MANY_PARAMETERS' },
  { section: 'Outputs', limit: LIMITS.outputs, rule: 'TOO_MANY_OUTPUTS' },
  { section: 'Mappings', limit: LIMITS.mappings, rule: 'TOO_MANY_MAPPINGS' },
] as const;

function checkSize(text: string): RawFinding[] {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.bodyBytes) {
    return [
      {
        rule: 'TEMPLATE_TOO_LARGE',
        severity: 'error',
        path: [],
        message: `the template is ${bytes} bytes; CloudFormation accepts at most ${LIMITS.bodyBytes}`,
        fix: 'split the layer into two stacks, or move large user data into an artifact',
      },
    ];
  }
  if (bytes > LIMITS.inlineBodyBytes) {
    return [
      {
        rule: 'TEMPLATE_TOO_LARGE',
        severity: 'info',
        path: [],
        message: `the template is ${bytes} bytes, over the ${LIMITS.inlineBodyBytes}-byte limit for an inline TemplateBody`,
        fix: 'deploy uploads it to S3 and passes TemplateURL; nothing to do unless you deploy it by hand',
      },
    ];
  }
  return [];
}

function checkCounts(template: CfnTemplate): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { section, limit, rule } of SECTION_LIMITS) {
    const count = Object.keys((template[section] as object | undefined) ?? {}).length;
    if (count > limit) {
      findings.push({
        rule,
        severity: 'error',
        path: [section],
        message: `${count} ${section.toLowerCase()}; CloudFormation allows at most ${limit} in one template`,
        fix: 'split the layer into more stacks in the topology',
      });
    }
  }
  return findings;
}

function checkLogicalIds(template: CfnTemplate): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Map<string, string>();
  for (const section of ['Parameters', 'Resources', 'Outputs', 'Conditions', 'Mappings'] as const) {
    for (const id of Object.keys((template[section] as object | undefined) ?? {})) {
      const resource = section === 'Resources' ? id : undefined;
      if (!/^[A-Za-z0-9]+$/.test(id) || id.length > LIMITS.logicalIdLength) {
        findings.push({
          rule: 'INVALID_LOGICAL_ID',
          severity: 'error',
          resource,
          path: [section, id],
          message: `logical id "${id}" must be 1-${LIMITS.logicalIdLength} letters and digits (A-Z, a-z, 0-9)`,
          fix: `rename it, e.g. ${id.replace(/[^A-Za-z0-9]/g, '').slice(0, LIMITS.logicalIdLength) || 'Resource1'}`,
        });
      }
      // Parameters and resources share one namespace, because Ref reaches both.
      if (section === 'Parameters' || section === 'Resources') {
        const other = seen.get(id);
        if (other)
          findings.push({
            rule: 'INVALID_LOGICAL_ID',
            severity: 'error',
            resource,
            path: [section, id],
            message: `logical id "${id}" is used in both ${other} and ${section}`,
            fix: 'rename one of them',
          });
        seen.set(id, section);
      }
    }
  }
  return findings;
}

/** Checks a template against CloudFormation's size, count and naming limits. */
export function checkTemplateLimits(template: CfnTemplate, text: string): RawFinding[] {
  return [...checkSize(text), ...checkCounts(template), ...checkLogicalIds(template)];
}
