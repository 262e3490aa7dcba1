import { ref } from '../cfn/intrinsics';
import type { Layer, LayerBase } from './types';

/** Template data of the alerts layer. */
export interface AlertsData extends LayerBase {
  topicDisplayName: string;
  emails: Array<{ logicalId: string; address: string }>;
}

/**
 * Where alarms go: the SNS topic and its e-mail subscriptions. A stack of its own, apart from the
 * alarms, because it needs nothing else: it is created at the start of a first deploy (so the
 * subscription e-mails arrive while the rest is still being built), and the monitoring stack, which
 * waits for compute, is left with the alarms alone (see docs/scaling.md).
 */
export const alertsLayer: Layer<AlertsData> = {
  name: 'alerts',
  partials: ['alarm-topic'],
  exports: { alarmTopic: 'AlarmTopicArn' },
  applies: (model) => model.monitoring !== undefined,
  toTemplateData(model) {
    const emails = model.monitoring!.notify.map((address, i) => ({
      logicalId: `AlarmEmail${i + 1}`,
      address,
    }));
    const resources: Record<string, string> = { AlarmTopic: 'monitoring' };
    emails.forEach((e, i) => (resources[e.logicalId] = `monitoring.notify[${i}]`));
    return {
      layer: 'alerts',
      description: `${model.name} alerts: the SNS topic the alarms notify${emails.length ? `, ${emails.length} e-mail subscription${emails.length === 1 ? '' : 's'}` : ''}`,
      parameters: [],
      outputs: [
        {
          name: 'AlarmTopicArn',
          value: ref('AlarmTopic'),
          description: 'SNS topic the alarms notify',
        },
      ],
      resources,
      tags: model.tags,
      topicDisplayName: `${model.name} alarms`,
      emails,
    };
  },
};
