import type { Model } from '../model/topology';
import type { Dimension, Watched } from './monitoring-targets';
import { watchedByScope } from './monitoring-targets';

/** One row of the dashboard: a heading and the metrics graphed under it. */
interface Row {
  title: string;
  graphs: Array<{
    title: string;
    namespace: string;
    metrics: string[];
    stat: string;
    of: Watched[];
  }>;
}

const EC2_GRAPHS: Array<[string, string[], string]> = [
  ['CPU utilisation (%)', ['CPUUtilization'], 'Average'],
  ['Network in / out (bytes)', ['NetworkIn', 'NetworkOut'], 'Sum'],
  ['Disk read / write (EBS bytes)', ['EBSReadBytes', 'EBSWriteBytes'], 'Sum'],
  ['Status checks failed', ['StatusCheckFailed'], 'Maximum'],
];
const RDS_GRAPHS: Array<[string, string[], string]> = [
  ['CPU utilisation (%)', ['CPUUtilization'], 'Average'],
  ['Connections', ['DatabaseConnections'], 'Maximum'],
  ['Free storage (bytes)', ['FreeStorageSpace'], 'Minimum'],
  ['Read / write IOPS', ['ReadIOPS', 'WriteIOPS'], 'Average'],
];
const ALB_GRAPHS: Array<[string, string[], string]> = [
  ['Requests', ['RequestCount'], 'Sum'],
  ['Target response time (s, p95)', ['TargetResponseTime'], 'p95'],
  [
    'HTTP 4xx / 5xx',
    ['HTTPCode_Target_4XX_Count', 'HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count'],
    'Sum',
  ],
];
const TG_GRAPHS: Array<[string, string[], string]> = [
  ['Healthy / unhealthy hosts', ['HealthyHostCount', 'UnHealthyHostCount'], 'Average'],
];

/** Dashboard rows, one per tier (its instances, then its target groups), then database and load balancer. */
function rows(model: Model): Row[] {
  const w = watchedByScope(model);
  const graphs = (namespace: string, list: Array<[string, string[], string]>, of: Watched[]) =>
    list.map(([title, metrics, stat]) => ({ title, namespace, metrics, stat, of }));
  const out: Row[] = model.tiers.map((tier) => ({
    title: `${tier.name} tier`,
    graphs: [
      ...graphs(
        'AWS/EC2',
        EC2_GRAPHS,
        w.instance.filter((x) => x.tier === tier.name),
      ),
      ...graphs(
        'AWS/ApplicationELB',
        TG_GRAPHS,
        w['target-group'].filter((x) => x.tier === tier.name),
      ).filter((g) => g.of.length),
    ],
  }));
  if (w.database.length)
    out.push({ title: 'database', graphs: graphs('AWS/RDS', RDS_GRAPHS, w.database) });
  if (w['load-balancer'].length)
    out.push({
      title: 'load balancer',
      graphs: graphs('AWS/ApplicationELB', ALB_GRAPHS, w['load-balancer']),
    });
  return out;
}

const dimsOf = (dims: Dimension[]) => dims.flatMap((d) => [d.name, `\${${d.sub}}`]);

/** Widgets on CloudWatch's 24-column grid: a text heading per row, then graphs 6 wide and 6 high. */
function widgets(model: Model, region: string): object[] {
  const out: object[] = [];
  let y = 0;
  for (const row of rows(model)) {
    out.push({
      type: 'text',
      x: 0,
      y,
      width: 24,
      height: 1,
      properties: { markdown: `## ${row.title}` },
    });
    y += 1;
    row.graphs.forEach((g, i) => {
      const metrics = g.metrics.flatMap((metric) =>
        g.of.map((watched) => [
          g.namespace,
          metric,
          ...dimsOf(watched.dimensions),
          { label: `${watched.label} ${metric}` },
        ]),
      );
      out.push({
        type: 'metric',
        x: (i % 4) * 6,
        y: y + Math.floor(i / 4) * 6,
        width: 6,
        height: 6,
        properties: {
          title: g.title,
          region,
          stat: g.stat,
          period: 300,
          view: 'timeSeries',
          metrics,
        },
      });
    });
    y += Math.ceil(row.graphs.length / 4) * 6;
  }
  return out;
}

/** The dashboard body as `!Sub` text, and the variables its `${...}` names stand for. */
export function dashboardBody(model: Model): {
  body: string;
  vars: Array<{ name: string; value: string; lead: string }>;
} {
  const body = JSON.stringify({ widgets: widgets(model, '${AWS::Region}') });
  const vars = new Map<string, string>();
  const w = watchedByScope(model);
  for (const watched of Object.values(w).flat())
    for (const d of watched.dimensions) vars.set(d.sub, d.value);
  // The variable map is the second item of the `!Sub` list: `- ` before its first key, indent after.
  return {
    body,
    vars: [...vars].map(([name, value], i) => ({ name, value, lead: i === 0 ? '- ' : '  ' })),
  };
}
