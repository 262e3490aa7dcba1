/**
 * Facts about how the compute layer boots an app, which the topology rules need before any layer
 * runs: the variables strata sets itself and the bound on a launch template's name.
 */

/** Variables strata sets in every unit, which a topology may not set itself. */
export const RESERVED_ENV: readonly string[] = ['PORT', 'NODE_ENV', 'AWS_REGION'];

/** Characters of the boot-script hash in a launch template's name. */
export const BOOT_HASH_LENGTH = 12;
/** EC2's limit on launch template names. */
export const LAUNCH_TEMPLATE_NAME_MAX = 128;
/** `lt-` and 17 hex digits. */
const LAUNCH_TEMPLATE_ID_LENGTH = 20;

/**
 * The longest launch template name `compute` can produce for a tier once deploy fills in the artifact
 * key (`artifacts/<app>-<16 hex>.tgz`, see deploy/artifacts) and CloudFormation the called tiers' ids.
 */
export function launchTemplateNameLength(
  project: string,
  app: string,
  calledCount: number,
): number {
  const artifactKey = 'artifacts/'.length + app.length + 1 + 16 + '.tgz'.length;
  return (
    project.length +
    1 +
    BOOT_HASH_LENGTH +
    1 +
    artifactKey +
    calledCount * (1 + LAUNCH_TEMPLATE_ID_LENGTH)
  );
}
