import { parseManifest } from '../manifest/read';
import { StrataError } from '../errors';
import { generateTemplates } from '../generate';
import { parseCfnYaml, type CfnTemplate } from '../cfn/yaml';
import { resolve } from 'node:path';
import { loadSpec, parseSpec, type LoadedSpec } from '../spec/load';
import { applyEnvironment } from '../spec/overlay';
import { checkRef, showFiles } from './git';
import type { TemplateSet } from './plan';
import type { Model } from '../model/topology';

function parseAt(text: string, where: string): CfnTemplate {
  try {
    return parseCfnYaml(text);
  } catch (error) {
    throw new StrataError('E_IO', `${where}: ${(error as Error).message}`);
  }
}

/**
 * An environment's view of a topology (its overlay merged), so causes point at the overlay's lines;
 * undefined when the topology (e.g. one committed before the environment existed) has no such environment.
 */
function withEnvironment(spec: LoadedSpec, environment?: string): LoadedSpec | undefined {
  if (!environment) return spec;
  try {
    return applyEnvironment(spec, environment);
  } catch {
    return undefined;
  }
}

/** What `strata generate` produces now from the topology (without writing anything), and the topology. */
export function currentTemplates(
  cwd: string,
  spec: string,
  environment?: string,
): TemplateSet & { spec: LoadedSpec; model: Model } {
  const generated = generateTemplates(spec, { cwd, environment });
  const templates = new Map<string, CfnTemplate>();
  for (const stack of generated.manifest.stacks)
    templates.set(stack.layer, generated.templates.get(stack.template)!);
  // The pipeline keeps no positions past validation; causes need them, and the file is small.
  const loaded = withEnvironment(
    loadSpec(resolve(cwd, spec), generated.model.specFile),
    environment,
  );
  return {
    manifest: generated.manifest,
    templates,
    texts: generated.files,
    spec: loaded!,
    model: generated.model,
  };
}

/** The templates (and topology) committed at a git ref; no templates when the ref has no out/. */
export function committedTemplates(
  cwd: string,
  ref: string,
  specFile: string,
  now: TemplateSet,
  outDir = 'out',
): TemplateSet & { spec?: LoadedSpec } {
  const guess = (now.manifest?.stacks ?? []).map((s) => s.template);
  checkRef(cwd, ref);
  const manifestPath = `${outDir}/manifest.json`;
  // Ask for the templates the current manifest names in the same call: they are nearly always the same.
  const first = showFiles(cwd, ref, [
    manifestPath,
    specFile,
    ...guess.map((t) => `${outDir}/${t}`),
  ]);
  const specText = first.get(specFile);
  const spec =
    specText === undefined
      ? undefined
      : withEnvironment(parseSpec(specFile, specText), now.manifest?.environment);
  const manifestText = first.get(manifestPath);
  if (manifestText === undefined) return { templates: new Map(), spec };
  const manifest = parseManifest(manifestText, `${ref}:${manifestPath}`);
  const missing = manifest.stacks
    .map((s) => `${outDir}/${s.template}`)
    .filter((p) => !first.has(p));
  const more = showFiles(cwd, ref, missing);
  const templates = new Map<string, CfnTemplate>();
  for (const stack of manifest.stacks) {
    const path = `${outDir}/${stack.template}`;
    const text = first.get(path) ?? more.get(path);
    if (text === undefined) continue;
    // A template committed exactly as generate renders it now is the same template: reuse its parse.
    const same =
      now.texts?.get(stack.template) === text ? now.templates.get(stack.layer) : undefined;
    templates.set(stack.layer, same ?? parseAt(text, `${ref}:${path}`));
  }
  return { manifest, templates, spec };
}
