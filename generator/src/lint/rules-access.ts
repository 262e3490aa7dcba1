import { isPlainObject } from '../cfn/intrinsics';
import { defineRule, dig, finding, listOf, resourcesOfType } from './rule-helpers';
import type { CfnTemplate, TemplatePath } from './types';

/** Instances and launch templates that still answer IMDSv1 (HttpTokens is not `required`). */
export const imdsV1Allowed = defineRule(
  { id: 'IMDSV1_ALLOWED', severity: 'error', summary: 'instance metadata allows IMDSv1' },
  (template, self) => {
    const targets = [
      ...resourcesOfType(template, 'AWS::EC2::Instance', 'AWS::AutoScaling::LaunchConfiguration')
        .filter((r) => r.props.LaunchTemplate === undefined)
        .map((r) => ({
          r,
          options: r.props.MetadataOptions,
          path: [...r.base, 'MetadataOptions'],
        })),
      ...resourcesOfType(template, 'AWS::EC2::LaunchTemplate').map((r) => ({
        r,
        options: dig(r.props, 'LaunchTemplateData', 'MetadataOptions'),
        path: [...r.base, 'LaunchTemplateData', 'MetadataOptions'],
      })),
    ];
    return targets
      .filter(({ options }) => dig(options, 'HttpTokens') !== 'required')
      .map(({ r, path }) =>
        finding(
          self,
          r.id,
          path,
          `${r.id} allows IMDSv1: MetadataOptions.HttpTokens is not "required"`,
          'set MetadataOptions.HttpTokens: required',
        ),
      );
  },
);

/**
 * Actions that accept only `Resource: "*"` because they act on no particular resource
 * (IAM service authorization reference). A `*` resource next to any other action is needlessly broad.
 */
const RESOURCELESS_ACTIONS = [
  /^ec2:Describe/i,
  /^autoscaling:Describe/i,
  /^elasticloadbalancing:Describe/i,
  /^cloudwatch:(PutMetricData|GetMetricData|ListMetrics|GetMetricStatistics|DescribeAlarmsForMetric)$/i,
  /^logs:DescribeLogGroups$/i,
  /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/i,
  /^ssm:DescribeInstanceInformation$/i,
  /^ssmmessages:/i,
  /^ec2messages:/i,
  /^s3:ListAllMyBuckets$/i,
  /^sts:GetCallerIdentity$/i,
  /^secretsmanager:(ListSecrets|GetRandomPassword)$/i,
  /^kms:(ListKeys|ListAliases)$/i,
];

interface Statement {
  resource: string;
  path: TemplatePath;
  actions: string[];
  resources: string[];
}

const strings = (value: unknown): string[] =>
  ([] as unknown[]).concat(value ?? []).filter((v): v is string => typeof v === 'string');

/** Every Allow statement of every inline and managed policy, and of roles' inline policies. */
function allowStatements(template: CfnTemplate): Statement[] {
  const documents: Array<{ resource: string; path: TemplatePath; doc: unknown }> = [];
  for (const r of resourcesOfType(
    template,
    'AWS::IAM::Role',
    'AWS::IAM::User',
    'AWS::IAM::Group',
  )) {
    listOf(r.props.Policies).forEach((p, i) =>
      documents.push({
        resource: r.id,
        path: [...r.base, 'Policies', i, 'PolicyDocument'],
        doc: dig(p, 'PolicyDocument'),
      }),
    );
  }
  for (const r of resourcesOfType(
    template,
    'AWS::IAM::Policy',
    'AWS::IAM::ManagedPolicy',
    'AWS::IAM::RolePolicy',
  )) {
    documents.push({
      resource: r.id,
      path: [...r.base, 'PolicyDocument'],
      doc: r.props.PolicyDocument,
    });
  }
  return documents.flatMap(({ resource, path, doc }) => {
    const statements = dig(doc, 'Statement');
    return (Array.isArray(statements) ? statements : [statements])
      .map((s, i) => ({
        s,
        path: Array.isArray(statements) ? [...path, 'Statement', i] : [...path, 'Statement'],
      }))
      .filter(({ s }) => isPlainObject(s) && s.Effect === 'Allow')
      .map(({ s, path: p }) => ({
        resource,
        path: p,
        actions: strings(dig(s, 'Action')),
        resources: strings(dig(s, 'Resource')),
      }));
  });
}

/** `Action: "*"` or a whole service (`s3:*`). */
export const iamWildcardAction = defineRule(
  {
    id: 'IAM_WILDCARD_ACTION',
    severity: 'error',
    summary: 'IAM policy allows every action (`*` or `service:*`)',
    topology: ['/iam.instancePolicy'],
  },
  (template, self) =>
    allowStatements(template).flatMap((st) => {
      const wild = st.actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
      return wild.length
        ? [
            finding(
              self,
              st.resource,
              st.path,
              `${st.resource} allows ${wild.join(', ')}`,
              'list the actions the instances need in `iam.instancePolicy` in the topology',
            ),
          ]
        : [];
    }),
);

/** `Resource: "*"` for actions that can be scoped to an ARN. */
export const iamWildcardResource = defineRule(
  {
    id: 'IAM_WILDCARD_RESOURCE',
    severity: 'error',
    summary: 'IAM policy grants `*` resources where an ARN can be named',
    topology: ['/iam.instancePolicy'],
  },
  (template, self) =>
    allowStatements(template).flatMap((st) => {
      if (!st.resources.includes('*')) return [];
      const scopable = st.actions.filter((a) => !RESOURCELESS_ACTIONS.some((re) => re.test(a)));
      if (scopable.length === 0) return [];
      return [
        finding(
          self,
          st.resource,
          st.path,
          `${st.resource} grants ${scopable.join(', ')} on every resource ("*"), though these actions can be limited to ARNs`,
          'name the ARNs in `iam.instancePolicy[].resources`, or move these actions to a statement of their own with scoped resources',
        ),
      ];
    }),
);
