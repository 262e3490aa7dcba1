import type { Model } from '../model/topology';
import { sub } from '../cfn/intrinsics';
import { alarmSpecs, type AlarmSpec } from './alarm-catalogue';
import { dashboardBody } from './monitoring-dashboard';
import {
  monitoringParameters,
  watchedByScope,
  type Dimension,
  type Watched,
} from './monitoring-targets';
import type { Layer, LayerBase } from './types';

/** One metric of an alarm; alarms over several metrics sum them with metric math. */
interface AlarmMetric {
  id: string;
  name: string;
}

/** One CloudWatch alarm as the template writes it. */
export interface AlarmData {
  logicalId: string;
  alarmName: string;
  description: string;
  namespace: string;
  /** Single-metric alarms use MetricName/Statistic; the rest `Metrics` with an expression. */
  metricName?: string;
  statistic?: string;
  extendedStatistic?: string;
  math?: { expression: string; metrics: AlarmMetric[]; stat: string };
  dimensions: Dimension[];
  periodSeconds: number;
  evaluationPeriods: number;
  threshold: number;
  comparison: string;
  missingData: string;
}

/** Template data of the monitoring layer. */
export interface MonitoringData extends LayerBase {
  alarms: AlarmData[];
  dashboard?: { name: string } & ReturnType<typeof dashboardBody>;
}

const pascalName = (name: string) => name[0].toUpperCase() + name.slice(1);

function alarmOf(model: Model, spec: AlarmSpec, watched: Watched): AlarmData {
  const single = spec.metrics.length === 1;
  const percentile = spec.statistic.startsWith('p');
  return {
    logicalId: `${watched.id}${pascalName(spec.name)}Alarm`,
    alarmName: sub(`\${AWS::StackName}-${watched.label}-${spec.name}`),
    description: `${model.name} ${watched.label}: ${spec.what} ${spec.threshold} (monitoring.alarms.${spec.name})`,
    namespace: spec.namespace,
    metricName: single ? spec.metrics[0] : undefined,
    statistic: single && !percentile ? spec.statistic : undefined,
    extendedStatistic: single && percentile ? spec.statistic : undefined,
    math: single
      ? undefined
      : {
          expression: spec.metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
          metrics: spec.metrics.map((name, i) => ({ id: `m${i}`, name })),
          stat: spec.statistic,
        },
    dimensions: watched.dimensions,
    periodSeconds: spec.periodSeconds,
    evaluationPeriods: spec.evaluationPeriods,
    threshold: spec.threshold,
    comparison: spec.comparison,
    missingData: spec.missingData,
  };
}

/** The seed's CloudWatch metrics as alarms (to the alerts stack's topic) and one dashboard laid out by tier. */
export const monitoringLayer: Layer<MonitoringData> = {
  name: 'monitoring',
  partials: ['alarms', 'dashboard'],
  applies: (model) => model.monitoring !== undefined,
  toTemplateData(model) {
    const monitoring = model.monitoring!;
    const watched = watchedByScope(model);
    const alarms = alarmSpecs(model).flatMap((spec) =>
      watched[spec.scope].map((w) => alarmOf(model, spec, w)),
    );
    const resources: Record<string, string> = {};
    for (const a of alarms) resources[a.logicalId] = 'monitoring.alarms';
    if (monitoring.dashboard) resources.Dashboard = 'monitoring.dashboard';
    return {
      layer: 'monitoring',
      description: `${model.name} monitoring: ${alarms.length} alarms${monitoring.dashboard ? ' and a dashboard' : ''}`,
      parameters: [
        {
          name: 'AlarmTopicArn',
          type: 'String',
          description: 'SNS topic the alarms notify (alerts stack)',
        },
        ...monitoringParameters(model),
      ],
      outputs: [
        ...(monitoring.dashboard
          ? [
              {
                name: 'DashboardUrl',
                value: sub(
                  'https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards:name=${Dashboard}',
                ),
                description: 'The CloudWatch dashboard',
              },
            ]
          : []),
      ],
      resources,
      tags: model.tags,
      alarms,
      dashboard: monitoring.dashboard
        ? { name: sub('${AWS::StackName}'), ...dashboardBody(model) }
        : undefined,
    };
  },
};
