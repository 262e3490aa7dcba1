import { alertsLayer } from '../../src/layers/alerts';
import { monitoringLayer } from '../../src/layers/monitoring';
import { planLayers } from '../../src/layers/plan';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateText, ROOT } from '../core/helpers';

const FIXTURE = 'generator/test/fixtures/production/topology.yaml';
const production = () => generateText(readFileSync(join(ROOT, FIXTURE), 'utf8'), FIXTURE);

describe('the alerts layer', () => {
  it('holds the topic and one e-mail subscription per notify address, and needs no other stack', () => {
    const { model } = production();
    const data = alertsLayer.toTemplateData(model);
    expect(data.parameters).toEqual([]);
    expect(data.emails.map((e) => e.address)).toEqual(model.monitoring!.notify);
    expect(Object.keys(data.resources)).toEqual([
      'AlarmTopic',
      ...model.monitoring!.notify.map((_, i) => `AlarmEmail${i + 1}`),
    ]);
    const planned = planLayers(model).find((p) => p.layer.name === 'alerts')!;
    expect(planned.dependsOn).toEqual([]);
  });

  it('feeds the monitoring stack its topic, so the alarms are the only thing waiting for compute', () => {
    const { model } = production();
    const monitoring = planLayers(model).find((p) => p.layer.name === 'monitoring')!;
    expect(monitoring.sources.AlarmTopicArn).toEqual({
      from: 'output',
      layer: 'alerts',
      output: 'AlarmTopicArn',
    });
    expect(Object.keys(monitoringLayer.toTemplateData(model).resources)).not.toContain(
      'AlarmTopic',
    );
  });

  it('is absent without monitoring', () => {
    const { model } = production();
    expect(alertsLayer.applies({ ...model, monitoring: undefined })).toBe(false);
  });
});
