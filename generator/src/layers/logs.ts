import { getAtt, ref } from '../cfn/intrinsics';
import type { Layer, LayerBase } from './types';

/** Template data of the logs layer. */
export interface LogsData extends LayerBase {
  retentionDays: number;
  groups: Array<{ logicalId: string; tier: string }>;
}

/** Output names a tier's log group is known by in later stacks (security grants, boot script). */
export const logGroupOutputs = (tierId: string) => ({
  name: `${tierId}LogGroupName`,
  arn: `${tierId}LogGroupArn`,
});

/**
 * One CloudWatch Logs group per tier, with a retention, made before the instances that write to it so
 * the instance policy can name it instead of `log-group:*`. CloudFormation names the groups: two
 * environments of one project in one account cannot collide.
 */
export const logsLayer: Layer<LogsData> = {
  name: 'logs',
  partials: ['log-groups'],
  applies: (model) => model.monitoring !== undefined && model.tiers.length > 0,
  toTemplateData(model) {
    const groups = model.tiers.map((t) => ({ logicalId: `${t.id}LogGroup`, tier: t.name }));
    return {
      layer: 'logs',
      description: `${model.name} logs: one log group per tier, kept ${model.monitoring!.logRetentionDays} days`,
      parameters: [],
      outputs: model.tiers.flatMap((t) => [
        {
          name: logGroupOutputs(t.id).name,
          value: ref(`${t.id}LogGroup`),
          description: `Log group of the ${t.name} tier`,
        },
        {
          name: logGroupOutputs(t.id).arn,
          value: getAtt(`${t.id}LogGroup`, 'Arn'),
          description: `ARN of the ${t.name} tier's log group (ends in :*, covering its streams)`,
        },
      ]),
      resources: Object.fromEntries(
        groups.map((g) => [g.logicalId, 'monitoring.logRetentionDays']),
      ),
      tags: model.tags,
      retentionDays: model.monitoring!.logRetentionDays,
      groups,
    };
  },
};
