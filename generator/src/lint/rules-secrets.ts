import { walk } from '../cfn/intrinsics';
import { defineRule, finding, isTrue } from './rule-helpers';
import type { CfnTemplate, RawFinding, TemplatePath } from './types';

/** Property and parameter names that hold a secret value (not a reference to one). */
const SECRET_NAME = /(password|passwd|secret|secretkey|token|privatekey|accesskey|apikey)$/i;
/** Names that match the above but point at a secret instead of holding one. */
const REFERENCE_NAME =
  /(arn|id|ids|name|names|arns|kmskeyid|servicetoken|type|policy|enabled|length)$/i;

/** Literal secrets that give themselves away wherever they appear (user data, environment, tags). */
const SECRET_TEXT: Array<{ what: string; test: (text: string) => boolean }> = [
  { what: 'an AWS access key id', test: (t) => /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(t) },
  { what: 'a private key', test: (t) => /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(t) },
  { what: 'a password or secret assignment', test: hasSecretAssignment },
];

/** `DB_PASSWORD=hunter22` with a literal value; `DB_SECRET_ARN=...`, `TOKEN=$VAR` and `secretsmanager:GetSecretValue` are fine. */
function hasSecretAssignment(text: string): boolean {
  // Environment-style names only (upper case), so IAM actions and prose do not match.
  const assignments = text.matchAll(
    /\b([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY)[A-Z0-9_]*)(?:\s*=|:\s)\s*["']?([^\s"']*)/g,
  );
  for (const [, name, value] of assignments) {
    if (/_(ARN|ID|NAME|FILE|PATH|URL)$/.test(name)) continue;
    if (value.length >= 6 && !/^[$%{<]/.test(value)) return true;
  }
  return false;
}

/** A dynamic reference CloudFormation resolves at deploy time, e.g. `{{resolve:secretsmanager:...}}`. */
const isDynamicReference = (text: string) => /^\{\{resolve:(secretsmanager|ssm-secure):/.test(text);

function secretProperty(template: CfnTemplate, rule: Parameters<typeof finding>[0]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    walk(resource?.Properties, ['Resources', id, 'Properties'], (value, path) => {
      const name = path[path.length - 1];
      if (typeof name !== 'string' || !SECRET_NAME.test(name) || REFERENCE_NAME.test(name)) return;
      if (typeof value !== 'string' || value === '' || isDynamicReference(value)) return;
      findings.push(
        finding(
          rule,
          id,
          path,
          `${id}.${name} is a plaintext secret in the template`,
          'let RDS manage the password (ManageMasterUserPassword: true) or use a {{resolve:secretsmanager:...}} reference',
        ),
      );
    });
  }
  return findings;
}

function secretText(template: CfnTemplate, rule: Parameters<typeof finding>[0]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const section of ['Resources', 'Outputs', 'Parameters', 'Mappings'] as const) {
    walk(template[section], [section], (value, path: TemplatePath) => {
      if (typeof value !== 'string') return;
      // Dynamic references are resolved by CloudFormation at deploy time; they name a secret, not hold one.
      const text = value.replace(/\{\{resolve:[^}]*\}\}/g, '');
      const hit = SECRET_TEXT.find((s) => s.test(text));
      if (!hit) return;
      const resource = section === 'Resources' ? String(path[1]) : undefined;
      findings.push(
        finding(
          rule,
          resource,
          path,
          `${String(path[1])} contains ${hit.what} in plaintext`,
          'read it at run time from Secrets Manager (the backend gets DB_SECRET_ARN) instead of writing it into the template',
        ),
      );
    });
  }
  return findings;
}

function secretParameters(
  template: CfnTemplate,
  rule: Parameters<typeof finding>[0],
): RawFinding[] {
  return Object.entries(template.Parameters ?? {})
    .filter(([name]) => SECRET_NAME.test(name) && !REFERENCE_NAME.test(name))
    .flatMap(([name, p]) => {
      const out: RawFinding[] = [];
      if (!isTrue(p.NoEcho))
        out.push(
          finding(
            rule,
            undefined,
            ['Parameters', name],
            `parameter ${name} looks like a secret but has no NoEcho: true, so CloudFormation shows it`,
            'set NoEcho: true, or better, use a Secrets Manager secret',
          ),
        );
      if (typeof p.Default === 'string' && p.Default !== '')
        out.push(
          finding(
            rule,
            undefined,
            ['Parameters', name, 'Default'],
            `parameter ${name} has a secret default value in the template`,
            'remove the Default and pass the value at deploy time',
          ),
        );
      return out;
    });
}

/** A secret written into a template: a password property, a key in user data, an echoed parameter. */
export const plaintextSecret = defineRule(
  {
    id: 'PLAINTEXT_SECRET',
    severity: 'error',
    summary: 'plaintext secret in a template (property, user data, parameter)',
    topology: ['environment'],
  },
  (template, self) => {
    const all = [
      ...secretProperty(template, self),
      ...secretText(template, self),
      ...secretParameters(template, self),
    ];
    // A string found by both the property and the text check is one secret, reported once.
    const seen = new Set<string>();
    return all.filter((f) => !seen.has(f.path.join('\u0000')) && seen.add(f.path.join('\u0000')));
  },
);
