import { resourceTags } from '../model/names';
import type { StrataTopology } from '../model/topology.generated';
import { PSEUDO_PARAMETERS, subReferences } from '../cfn/intrinsics';
import type { Finding } from './finding';

type Rule = (t: StrataTopology, report: (f: Finding) => void) => void;

const error = (code: string, path: string, message: string, fix: string): Finding => ({
  code,
  severity: 'error',
  path,
  message,
  fix,
});

/** AWS allows 50 user tags per resource; `aws:` tags CloudFormation adds do not count. */
export const MAX_TAGS = 50;

/**
 * Zones must be the region's own: `<region><letter>`. Local Zones (`us-east-1-bos-1a`) and
 * Wavelength Zones are refused by the schema: they need an opt-in and lack NAT gateways, RDS
 * Multi-AZ or ALBs in most places, so a topology spread over them would not deploy as written.
 */
const zonesInRegion: Rule = (t, report) => {
  if (typeof t.region !== 'string') return;
  t.network.availabilityZones.forEach((zone, i) => {
    if (zone.startsWith(t.region) && /^[a-z]$/.test(zone.slice(t.region.length))) return;
    report(
      error(
        'zone/other-region',
        `network.availabilityZones[${i}]`,
        `\`${zone}\` is not a zone of the region \`${t.region}\``,
        `use zones of ${t.region} such as \`${t.region}a\` and \`${t.region}b\`, or change \`region\``,
      ),
    );
  });
};

/** Topology tags land on every resource beside the tags strata adds itself (`Name`). */
const tagCount: Rule = (t, report) => {
  const tags = Object.entries(t.tags ?? {}).map(([key, value]) => ({ key, value }));
  const own = resourceTags(tags, 'name');
  if (own.length <= MAX_TAGS) return;
  const added = own.length - tags.length;
  report(
    error(
      'tags/too-many',
      'tags',
      `resources would carry ${own.length} tags (${tags.length} here${added ? ` plus ${added} strata adds: \`Name\`` : ''}); AWS allows ${MAX_TAGS} per resource`,
      `remove ${own.length - MAX_TAGS} tag${own.length - MAX_TAGS === 1 ? '' : 's'}, or move details into fewer tags`,
    ),
  );
};

/** Variables an IAM resource ARN may use: the pseudo parameters that are single strings. */
const ARN_VARIABLES = [...PSEUDO_PARAMETERS].filter(
  (p) => p !== 'AWS::NoValue' && p !== 'AWS::NotificationARNs',
);

/** `${Bucket}` in an ARN would be a reference to nothing in the security stack. */
const iamVariables: Rule = (t, report) => {
  (t.iam?.instancePolicy ?? []).forEach((statement, i) =>
    statement.resources.forEach((resource, j) => {
      const path = `iam.instancePolicy[${i}].resources[${j}]`;
      const unknown = subReferences(resource).filter((v) => !ARN_VARIABLES.includes(v));
      const unclosed = /\$\{(?![^}]*\})/.test(resource);
      if (!unknown.length && !unclosed) return;
      report(
        error(
          'iam/unknown-variable',
          path,
          unclosed
            ? 'has a `${` without its closing `}`'
            : `uses ${unknown.map((v) => `\`\${${v}}\``).join(', ')}, which the security stack does not define`,
          `only ${ARN_VARIABLES.map((v) => `\`\${${v}}\``).join(', ')} may appear; write other names out, or \`\${!Name}\` for a literal \`\${Name}\``,
        ),
      );
    }),
  );
};

/** Rules for limits AWS enforces that the schema cannot express. */
export const AWS_RULES: Rule[] = [zonesInRegion, tagCount, iamVariables];
