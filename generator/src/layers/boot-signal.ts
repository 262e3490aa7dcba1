import type { Model, Tier } from '../model/topology';

/** Seconds the boot script allows itself to install Node.js and fetch the app. */
export const BOOT_INSTALL_SECONDS = 300;
/** Seconds the boot script waits for the app to answer its health check before giving up. */
export const HEALTH_WAIT_SECONDS = 300;
/** CloudFormation's wait for each new instance's signal: the whole boot script plus a margin. */
export const SIGNAL_TIMEOUT = 'PT15M';
/**
 * How long the group ignores load-balancer health checks of a new instance: as long as its boot
 * script may take, so an instance that is still installing is never replaced for being unhealthy.
 */
export const HEALTH_CHECK_GRACE_SECONDS = BOOT_INSTALL_SECONDS + HEALTH_WAIT_SECONDS;

/** Marks around the signalling functions, so a test can run exactly them against a stub. */
export const SIGNAL_BEGIN = '# strata:signal:begin';
export const SIGNAL_END = '# strata:signal:end';

/** The path the tier's load balancer checks (the first target group's), `/health` by default. */
export function healthPath(model: Model, tier: Tier): string {
  const tg =
    model.loadBalancer?.targetGroups.find((g) => g.tier === tier.name) ??
    tier.internalLoadBalancer?.targetGroup;
  return tg?.healthCheck.path ?? '/health';
}

/**
 * Functions of the boot script that report to CloudFormation, as `!Sub` lines (no `${` of bash's
 * own, so nothing needs escaping). They call the SignalResource API with the instance role, which
 * may signal only this stack; the API carries no reason, so the reason goes to the boot log, the
 * journal and the serial console (`aws ec2 get-console-output`), next to the instance id that
 * CloudFormation's failure event names.
 */
export function signalFunctions(logicalId: string): string[] {
  return [
    SIGNAL_BEGIN,
    'strata_instance_id() {',
    '  local token',
    "  token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
    '  curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id',
    '}',
    'strata_signal() {',
    '  trap - ERR',
    '  local status=$1 reason=$2',
    `  echo "strata: $status for \${AWS::StackName}/${logicalId}: $reason"`,
    `  { echo "strata: $status: $reason" > /dev/console; } 2>/dev/null || true`,
    `  aws cloudformation signal-resource --region \${AWS::Region} --stack-name \${AWS::StackName} --logical-resource-id ${logicalId} --unique-id "$(strata_instance_id)" --status "$status"`,
    '}',
    'strata_wait_healthy() {',
    '  local url=$1 seconds=$2 waited=0',
    '  until curl -fsS -o /dev/null --max-time 2 "$url"; do',
    '    if [ "$waited" -ge "$seconds" ]; then return 1; fi',
    '    sleep 2',
    '    waited=$((waited + 2))',
    '  done',
    '}',
    SIGNAL_END,
    `trap 'strata_signal FAILURE "boot script failed at line $LINENO: $BASH_COMMAND"' ERR`,
  ];
}

/** The last lines of the boot script: signal success once the app is healthy, failure otherwise. */
export function signalOnHealth(model: Model, tier: Tier): string[] {
  const url = `http://127.0.0.1:${tier.port}${healthPath(model, tier)}`;
  return [
    `if strata_wait_healthy "${url}" ${HEALTH_WAIT_SECONDS}; then`,
    `  strata_signal SUCCESS "${tier.app} answers ${url}"`,
    'else',
    `  strata_signal FAILURE "${tier.app} did not answer ${url} within ${HEALTH_WAIT_SECONDS} s; see journalctl -u ${tier.app}.service"`,
    '  exit 1',
    'fi',
  ];
}
