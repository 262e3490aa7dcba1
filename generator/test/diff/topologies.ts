import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTemplates } from '../../src/generate';
import { parseCfnYaml } from '../../src/cfn/yaml';
import type { TemplateSet } from '../../src/diff/plan';
import { parseSpec, type LoadedSpec } from '../../src/spec/load';

const ROOT = join(__dirname, '..', '..', '..');

/** The seed topology's text. */
export const SEED = readFileSync(join(ROOT, 'spec', 'topology.yaml'), 'utf8');

/** Replaces one exact piece of the seed, failing loudly if the seed no longer contains it. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(`the seed topology no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The seed with its first public subnet moved to another CIDR. */
export const CIDR_CHANGED = edit(
  SEED,
  'cidrs: [10.0.1.0/24, 10.0.2.0/24]',
  'cidrs: [10.0.3.0/24, 10.0.2.0/24]',
);

/** The seed with the frontend's SSH rule opened to the whole internet (with the required reason). */
export const SSH_OPENED = edit(
  SEED,
  '{ port: 22, from: { cidr: 203.0.113.0/24 }, description: SSH from the admin network }',
  '{ port: 22, from: { cidr: 0.0.0.0/0 }, allowWorld: break-glass access for the on-call engineer, description: SSH from anywhere }',
);

/** The seed with a third tier: one more backend-app instance group in the private subnets. */
export const TIER_ADDED = edit(
  SEED,
  '\ndatabase:\n',
  `  worker:
    app: backend
    instanceType: t3.small
    count: 1
    port: 5001
    subnets: private
    securityGroup: backend

database:
`,
);

/** The seed with instances allowed every S3 action on every resource, and one more managed policy. */
export const IAM_WIDENED = edit(
  SEED,
  '  managedPolicies: [AmazonSSMManagedInstanceCore]\n',
  "    - actions: ['s3:*']\n      resources: ['*']\n  managedPolicies: [AmazonSSMManagedInstanceCore, CloudWatchAgentServerPolicy]\n",
);

/** The seed with the database renamed: RDS replaces the instance. */
export const DB_RENAMED = edit(SEED, '\n  name: appdb\n', '\n  name: appdata\n');

/** What `strata generate` produces for a topology text, as a template set. */
export function generated(
  text: string,
): TemplateSet & { texts: Map<string, string>; spec: LoadedSpec } {
  const g = generateTemplates('spec/topology.yaml', { text, cwd: ROOT });
  const templates = new Map(
    g.manifest.stacks.map((s) => [s.layer, parseCfnYaml(g.files.get(s.template)!)]),
  );
  return {
    manifest: g.manifest,
    templates,
    texts: g.files,
    spec: parseSpec('spec/topology.yaml', text),
  };
}
