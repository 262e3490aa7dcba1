import { alertsLayer } from './alerts';
import { certificateLayer } from './certificate';
import { computeLayer } from './compute';
import { firewallLayer } from './firewall';
import { logsLayer } from './logs';
import { monitoringLayer } from './monitoring';
import { databaseLayer } from './database';
import { gatewaysLayer } from './gateways';
import { identityLayer } from './identity';
import { loadBalancerLayer } from './load-balancer';
import { networkLayer } from './network';
import { securityLayer } from './security';
import type { Layer } from './types';

/**
 * The registry: every layer, in deploy order (each may only consume outputs of layers before it),
 * keyed by its name. Adding a layer is one line here; the layer names, the engine's templates and
 * partials, the files strata owns in `out/`, the stack order and the manifest all follow from it.
 * Deploy runs each stack as soon as the ones it depends on are complete, so this is not the order
 * stacks run in: network, identity, logs and alerts start together; security and gateways next; then
 * database and load balancer side by side; compute, then the alarms (see docs/scaling.md).
 */
const REGISTRY = {
  network: networkLayer,
  logs: logsLayer,
  alerts: alertsLayer,
  identity: identityLayer,
  security: securityLayer,
  gateways: gatewaysLayer,
  database: databaseLayer,
  certificate: certificateLayer,
  'load-balancer': loadBalancerLayer,
  compute: computeLayer,
  firewall: firewallLayer,
  monitoring: monitoringLayer,
} satisfies Record<string, Layer>;

/** A registered layer's name. */
export type LayerName = keyof typeof REGISTRY;

/** Every layer, in deploy order. */
export const LAYERS: ReadonlyArray<Layer & { name: LayerName }> = Object.entries(REGISTRY).map(
  ([key, layer]) => {
    // The key only exists so that LayerName is a union; a layer is still known by its own name.
    if (layer.name !== key)
      throw new Error(`layer registry: ${key} is registered as ${layer.name}`);
    return layer as Layer & { name: LayerName };
  },
);

/** Names of every layer, in deploy order. */
export const LAYER_NAMES: readonly LayerName[] = LAYERS.map((l) => l.name);

/** The file name of a layer's template in `out/`. */
export const templateFile = (layer: string): string => `${layer}.yaml`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Files strata owns in an output folder (every layer's template, the manifest, the diagram); others are left alone. */
export const OWNED = new RegExp(
  `^(${LAYER_NAMES.map((n) => escape(templateFile(n))).join('|')})$|^manifest\\.json$|^diagram\\.svg$`,
);
