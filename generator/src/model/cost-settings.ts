import type { StrataTopology } from './topology.generated';

/** Monthly usage `strata cost` assumes; the schema documents and defaults every field. */
export interface CostAssumptions {
  internetEgressGB: number;
  natGatewayDataGB: number;
  loadBalancerLcu: number;
  wafRequestsMillions: number;
  logIngestionGB: number;
  logStorageGB: number;
  databaseBackupExtraGB: number;
  s3StorageGB: number;
  freeAllowances: boolean;
}

/** The `cost` section of the topology, defaults applied. */
export interface CostSettings {
  assumptions: CostAssumptions;
  interruptibleTiers: string[];
  /** Reference cost table to compare with (`seed` or a path). */
  compareWith?: string;
}

/** Reads the `cost` section; ajv's useDefaults has filled every field by the time this runs. */
export function costSettingsOf(raw: StrataTopology): CostSettings {
  const cost = raw.cost ?? {};
  return {
    assumptions: { ...(cost.assumptions ?? {}) } as CostAssumptions,
    interruptibleTiers: [...(cost.interruptibleTiers ?? [])],
    ...(cost.compareWith ? { compareWith: cost.compareWith } : {}),
  };
}
