import type { EnvRef, EnvVar, Model, Tier } from '../model/topology';
import { signalFunctions, signalOnHealth } from './boot-signal';

type DatabaseAttribute = Extract<EnvRef, { kind: 'database' }>['attribute'];
import { escapeSub } from '../cfn/intrinsics';
import {
  BOOT_HASH_LENGTH,
  LAUNCH_TEMPLATE_NAME_MAX,
  RESERVED_ENV,
  launchTemplateNameLength,
} from '../model/boot';

// Defined in model/ because the topology rules check them before any layer runs.
export { BOOT_HASH_LENGTH, LAUNCH_TEMPLATE_NAME_MAX, RESERVED_ENV, launchTemplateNameLength };
import { logAgentLines } from './log-agent';

/** Where an app's bundle is unpacked on the instance, and the systemd unit that runs it. */
export const appDir = (app: string): string => `/opt/strata/${app}`;
export const unitName = (app: string): string => `${app}.service`;
/** The systemd socket unit that holds an app's port, so a restart of the app refuses no connection. */
export const socketName = (app: string): string => `${app}.socket`;

/**
 * The socket unit: systemd listens on the tier's port and hands the socket to the app
 * (`LISTEN_FDS`, read in apps/shared/src/env.ts), so the port stays open while the app restarts.
 */
function socketUnitLines(tier: Tier): string[] {
  return [
    `cat > /etc/systemd/system/${socketName(tier.app)} <<'UNIT'`,
    '[Unit]',
    `Description=strata ${tier.app} listening socket (${tier.name} tier)`,
    '',
    '[Socket]',
    `ListenStream=${tier.port}`,
    'Backlog=2048',
    '',
    '[Install]',
    'WantedBy=sockets.target',
    'UNIT',
  ];
}
/** The Node.js runtime: AL2023 namespaces each major version; the namespaced binary never moves. */
export const NODE_PACKAGE = 'nodejs22';
export const NODE_BINARY = '/usr/bin/node-22';

/** Database attributes an app may refer to, as the compute stack's parameters (database stack outputs). */
export const DATABASE_PARAMETERS: ReadonlyArray<[DatabaseAttribute, string, string]> = [
  ['endpoint', 'DatabaseEndpoint', 'Host name of the database'],
  ['port', 'DatabasePort', 'Port of the database'],
  ['name', 'DatabaseName', 'Name of the application database'],
  ['username', 'DatabaseUsername', 'Master user name'],
  ['secretArn', 'DatabaseSecretArn', 'Secret with the database credentials'],
];

/**
 * Tiers whose instance addresses a tier's environment names. A `url` ref names a load balancer,
 * which outlives the callee's instances, so it does not count.
 */
export function calledTiers(tier: Pick<Tier, 'environment'>): string[] {
  const names = tier.environment.flatMap((e) =>
    e.value.kind === 'ref' && e.value.ref.kind === 'tier' && e.value.ref.attribute !== 'url'
      ? [e.value.ref.tier]
      : [],
  );
  return [...new Set(names)];
}

/** The file the artifact must contain at its root (see the deploy packager). */
export const APP_ENTRY = 'server.js';

/** Escapes a literal for a double-quoted systemd `Environment=` assignment, then for `!Sub`. */
export function systemdLiteral(text: string): string {
  return escapeSub(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%'));
}

/** The `!Sub` expression of one environment variable's value. */
function envValue(model: Model, variable: EnvVar): string {
  if (variable.value.kind === 'literal') return systemdLiteral(variable.value.text);
  const ref = variable.value.ref;
  if (ref.kind === 'database') {
    const param = DATABASE_PARAMETERS.find(([attribute]) => attribute === ref.attribute)![1];
    return `\${${param}}`;
  }
  const target = model.tiers.find((t) => t.name === ref.tier)!;
  if (ref.attribute === 'url') return `\${${serviceUrlParam(target)}}`;
  return target.instances
    .map((i) =>
      ref.attribute === 'urls'
        ? `http://\${${i.logicalId}.PrivateIp}:${target.port}`
        : `\${${i.logicalId}.PrivateIp}`,
    )
    .join(',');
}

/** The compute parameter holding a tier's stable URL (a load-balancer stack output). */
export const serviceUrlParam = (tier: Pick<Tier, 'id'>): string => `${tier.id}ServiceUrl`;

/**
 * The backend's TLS mode when the database refuses plain connections: `rds` checks the server's
 * chain and host name against the Amazon RDS CA bundle mysql2 ships (apps/backend/src/db-tls.ts).
 */
export const DB_TLS_RDS = 'rds';

function dbTls(model: Model, tier: Tier): Array<{ name: string; value: string }> {
  const usesDb = tier.environment.some(
    (e) => e.value.kind === 'ref' && e.value.ref.kind === 'database',
  );
  return model.database?.requireTls && usesDb ? [{ name: 'DB_TLS', value: DB_TLS_RDS }] : [];
}

/** The environment of a tier's unit: strata's own variables first, then the topology's, in its order. */
export function unitEnvironment(model: Model, tier: Tier): Array<{ name: string; value: string }> {
  return [
    { name: 'PORT', value: String(tier.port) },
    { name: 'NODE_ENV', value: 'production' },
    { name: 'AWS_REGION', value: '${AWS::Region}' },
    ...dbTls(model, tier),
    ...tier.environment.map((v) => ({ name: v.name, value: envValue(model, v) })),
  ];
}

/**
 * The instance's boot script, as lines of a `!Sub` body: install Node.js, fetch and unpack the app
 * artifact, write a hardened systemd unit and start it. Output goes to /var/log/user-data.log and
 * the journal. Lines never contain a newline, so no value can escape the YAML block scalar.
 */
export function userDataLines(model: Model, tier: Tier): string[] {
  const dir = appDir(tier.app);
  const unit = unitName(tier.app);
  return [
    '#!/bin/bash',
    `# strata: boot script of the ${tier.name} tier (app ${tier.app}), generated from ${model.specFile}`,
    'set -euo pipefail',
    'exec > >(tee -a /var/log/user-data.log | logger -t user-data) 2>&1',
    ...(tier.autoScaling ? signalFunctions(`${tier.id}AutoScalingGroup`) : []),
    ...logAgentLines(model, tier),
    `dnf install -y ${NODE_PACKAGE}`,
    'id strata >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin strata',
    `install -d -m 0755 ${dir}`,
    `aws s3 cp "s3://\${ArtifactBucket}/\${${tier.appId}ArtifactKey}" /tmp/${tier.app}.tgz --region \${AWS::Region}`,
    `tar -xzf /tmp/${tier.app}.tgz -C ${dir}`,
    `rm -f /tmp/${tier.app}.tgz`,
    ...socketUnitLines(tier),
    `cat > /etc/systemd/system/${unit} <<'UNIT'`,
    '[Unit]',
    `Description=strata ${tier.app} app (${tier.name} tier)`,
    'After=network-online.target',
    'Wants=network-online.target',
    `Requires=${socketName(tier.app)}`,
    `After=${socketName(tier.app)}`,
    '',
    '[Service]',
    'User=strata',
    `WorkingDirectory=${dir}`,
    `ExecStart=${NODE_BINARY} ${dir}/${APP_ENTRY}`,
    ...unitEnvironment(model, tier).map((e) => `Environment="${e.name}=${e.value}"`),
    // SIGHUP replaces the app's workers one at a time on the socket the primary keeps.
    'ExecReload=/bin/kill -HUP $MAINPID',
    'Restart=always',
    'RestartSec=2',
    'StandardOutput=journal',
    'StandardError=journal',
    'NoNewPrivileges=true',
    'ProtectSystem=strict',
    'ProtectHome=true',
    'PrivateTmp=true',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now ${socketName(tier.app)}`,
    `systemctl enable --now ${unit}`,
    ...(tier.autoScaling ? signalOnHealth(model, tier) : []),
  ];
}
