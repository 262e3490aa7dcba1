import type { Model, Tier } from '../model/topology';
import { logGroupOutputs } from './logs';

/** Where the app's journal is copied for the agent, and where journalctl keeps its place. */
export const appLogFile = (app: string): string => `/var/log/strata/${app}.log`;
const cursorFile = (app: string) => `/var/lib/strata/journal-${app}.cursor`;
const AGENT_CONFIG = '/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json';

/** The CloudWatch agent's configuration: the app's log and the boot log, one stream each per instance. */
export function agentConfig(tier: Tier): string {
  const group = `\${${logGroupOutputs(tier.id).name}}`;
  const file = (path: string, stream: string) => ({
    file_path: path,
    log_group_name: group,
    log_stream_name: `{instance_id}/${stream}`,
    timestamp_format: '%Y-%m-%dT%H:%M:%S',
  });
  return JSON.stringify({
    agent: { run_as_user: 'root' },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            file(appLogFile(tier.app), tier.app),
            file('/var/log/user-data.log', 'user-data'),
          ],
        },
      },
    },
  });
}

/**
 * Boot-script lines shipping the tier's logs to its log group. The agent reads files; the app logs
 * to the journal (so `journalctl -u` keeps working), and a small unit follows that journal into a
 * file, resuming from a cursor so a restart neither loses nor repeats lines. Empty without monitoring.
 */
export function logAgentLines(model: Model, tier: Tier): string[] {
  if (!model.monitoring) return [];
  const unit = `strata-journal-${tier.app}.service`;
  return [
    'dnf install -y amazon-cloudwatch-agent',
    'install -d -m 0755 /var/log/strata /var/lib/strata',
    `cat > /etc/systemd/system/${unit} <<'UNIT'`,
    '[Unit]',
    `Description=strata: copy the ${tier.app} journal to ${appLogFile(tier.app)} for the CloudWatch agent`,
    'After=systemd-journald.service',
    '',
    '[Service]',
    `ExecStart=/bin/sh -c 'exec journalctl --follow --no-tail --output=short-iso --unit=${tier.app}.service --cursor-file=${cursorFile(tier.app)} >> ${appLogFile(tier.app)}'`,
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    `cat > /etc/logrotate.d/strata <<'ROTATE'`,
    '/var/log/strata/*.log {',
    '  size 50M',
    '  rotate 2',
    '  copytruncate',
    '  missingok',
    '  notifempty',
    '}',
    'ROTATE',
    `cat > ${AGENT_CONFIG} <<'AGENT'`,
    agentConfig(tier),
    'AGENT',
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG}`,
    'systemctl daemon-reload',
    `systemctl enable --now ${unit}`,
  ];
}
