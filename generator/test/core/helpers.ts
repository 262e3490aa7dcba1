import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { StrataTopology } from '../../src/model/topology.generated';
import { SpecError, type Diagnostic } from '../../src/errors';
import { generateTemplates, packageRoot, type Generated } from '../../src/generate';

/** The repository root. */
export const ROOT = packageRoot();

/** The seed topology's text. */
export const SEED_TEXT = readFileSync(join(ROOT, 'spec/topology.yaml'), 'utf8');

/** Generates from topology text, as if it were `spec/topology.yaml` in the repository. */
export function generateText(text: string, file = 'spec/topology.yaml'): Generated {
  return generateTemplates(file, { text, cwd: ROOT });
}

/** Generates from a data object (serialised to YAML first, so positions exist). */
export function generateData(data: unknown): Generated {
  return generateText(stringify(data));
}

/** The diagnostics a topology text fails with; fails the test if it does not fail. */
export function diagnosticsOf(text: string, file = 'spec/topology.yaml'): Diagnostic[] {
  try {
    generateText(text, file);
  } catch (error) {
    if (error instanceof SpecError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected the topology to be rejected, but it generated');
}

/** The seed as data, to modify in tests. */
export function seedData(): StrataTopology {
  return parse(SEED_TEXT) as StrataTopology;
}

/** The boot script (the `!Sub` body) of a launch template in a generated compute template. */
export function userDataOf(
  generated: Pick<Generated, 'templates'>,
  launchTemplate: string,
): string {
  const resource = generated.templates.get('compute.yaml')?.Resources[launchTemplate];
  const data = resource?.Properties?.LaunchTemplateData as
    { UserData: { 'Fn::Base64': { 'Fn::Sub': string } } } | undefined;
  if (!data) throw new Error(`no launch template ${launchTemplate}`);
  return data.UserData['Fn::Base64']['Fn::Sub'];
}
