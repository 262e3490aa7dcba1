import { execFileSync } from 'node:child_process';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { getTemplateBody } from '../aws/stacks';
import { parseManifest, type Manifest } from '../manifest/read';
import { StrataError } from '../errors';
import { generateTemplates } from '../generate';
import { parseCfnYaml, type CfnTemplate } from '../cfn/yaml';

/** One side of a comparison: a manifest (when there is one) and each stack's template by layer. */
export interface TemplateSet {
  manifest?: Manifest;
  /** layer → parsed template. */
  templates: Map<string, CfnTemplate>;
  /** out/ file name → exact text (only for what generate produces now). */
  texts?: Map<string, string>;
}

function parseAt(text: string, where: string): CfnTemplate {
  try {
    return parseCfnYaml(text);
  } catch (error) {
    throw new StrataError('E_IO', `${where}: ${(error as Error).message}`);
  }
}

/** What `strata generate` produces now from the topology, without writing anything. */
export function currentTemplates(cwd: string, spec: string, environment?: string): TemplateSet {
  const generated = generateTemplates(spec, { cwd, environment });
  const templates = new Map<string, CfnTemplate>();
  for (const stack of generated.manifest.stacks)
    templates.set(
      stack.layer,
      parseAt(generated.files.get(stack.template)!, `generated ${stack.template}`),
    );
  return { manifest: generated.manifest, templates, texts: generated.files };
}

function gitShow(cwd: string, ref: string, path: string): string | undefined {
  try {
    // `./` makes the path relative to the working directory rather than the repository root.
    return execFileSync('git', ['show', `${ref}:./${path}`], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** The templates committed at a git ref (out/manifest.json and the files it lists); empty when the ref has no out/. */
export function committedTemplates(cwd: string, ref: string, outDir = 'out'): TemplateSet {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: 'ignore' });
  } catch {
    throw new StrataError(
      'E_USAGE',
      `${cwd} is not in a git repository, so there are no committed templates to compare with`,
      'commit out/ to git, or compare with the live stacks: strata diff --deployed',
    );
  }
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd,
      stdio: 'ignore',
    });
  } catch {
    throw new StrataError(
      'E_USAGE',
      `--base ${ref} is not a commit in this git repository`,
      'pass a branch, tag or commit, e.g. --base HEAD~1 or --base main',
    );
  }
  const manifestText = gitShow(cwd, ref, `${outDir}/manifest.json`);
  if (manifestText === undefined) return { templates: new Map() };
  const manifest = parseManifest(manifestText, `${ref}:${outDir}/manifest.json`);
  const templates = new Map<string, CfnTemplate>();
  for (const stack of manifest.stacks) {
    const text = gitShow(cwd, ref, `${outDir}/${stack.template}`);
    if (text !== undefined)
      templates.set(stack.layer, parseAt(text, `${ref}:${outDir}/${stack.template}`));
  }
  return { manifest, templates };
}

/** The live templates of the manifest's stacks (GetTemplate); stacks that do not exist are absent. */
export async function deployedTemplates(
  cfn: CloudFormationClient,
  manifest: Manifest,
): Promise<TemplateSet> {
  const templates = new Map<string, CfnTemplate>();
  await Promise.all(
    manifest.stacks.map(async (stack) => {
      const body = await getTemplateBody(cfn, stack.stackName);
      if (body !== undefined)
        templates.set(stack.layer, parseAt(body, `deployed template of ${stack.stackName}`));
    }),
  );
  return { templates };
}
