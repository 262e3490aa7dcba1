import type { CostAssumptions } from '../model/cost-settings';
import type { CfnResource } from '../cfn/yaml';
import type { RegionPrices } from './prices';
import type { StackSet } from '../cfn/stack-set';

/** Always-free monthly allowances of the account, subtracted after every resource is priced. */
export type AllowanceKey = 'internetEgress' | 'alarms' | 'dashboards' | 'cloudwatchLogs';

/** One priced component of a resource, before the unit price is looked up. */
export interface Charge {
  item: string;
  quantity: number;
  unit: string;
  /** Dotted key into the region's prices, e.g. `ec2.onDemandHourly.t3.micro`. */
  price: string;
  /** Multiplies the unit price (a Spot discount, the Multi-AZ storage factor). */
  factor?: number;
  allowance?: AllowanceKey;
}

/** One line of the estimate: a charge of one resource, priced. */
export interface CostLine {
  layer: string;
  resource: string;
  type: string;
  /** Topology path that caused the resource, when the layer recorded one. */
  path?: string;
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number;
  monthlyUsd: number;
  price: string;
  confirmed: boolean;
  /** The part of `quantity` an always-free allowance covers. */
  freeQuantity?: number;
}

/** A resource strata renders that AWS does not charge for, with the reason. */
export interface FreeResource {
  layer: string;
  resource: string;
  type: string;
  reason: string;
}

/** What a pricer sees: the resource, the stacks around it and the usage assumptions. */
export interface PriceContext {
  set: StackSet;
  layer: string;
  logicalId: string;
  resource: CfnResource;
  path?: string;
  prices: RegionPrices;
  hours: number;
  /** Fraction Spot takes off on-demand, for launch templates that ask for Spot. */
  spotFraction: number;
  assumptions: CostAssumptions;
  /** How many resources share a usage assumption, so it can be split between them. */
  shares: { natGateways: number; logSources: number; internetGateways: number };
}

/** Prices one resource type. */
export type Pricer = (ctx: PriceContext) => Charge[];
